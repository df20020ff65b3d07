/**
 * Percent-encoding as .NET `Uri.EscapeDataString` / `Uri.UnescapeDataString` do it, which is what
 * `uriComponent` / `uriComponentToString` and their aliases use. Escaping keeps only the RFC 3986
 * unreserved set (`A-Z a-z 0-9 - . _ ~`), unlike JavaScript's `encodeURIComponent`, which also
 * keeps `! ' ( ) *`. Unescaping never turns `+` into a space and leaves broken escapes as they are.
 */

export function escapeDataString(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Length of the UTF-8 sequence a lead byte announces (0 when it cannot lead one). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeRun(run: { bytes: number[]; texts: string[] }): string {
  let out = '';
  let i = 0;
  while (i < run.bytes.length) {
    const n = sequenceLength(run.bytes[i]!);
    if (n > 0 && i + n <= run.bytes.length) {
      try {
        out += strict.decode(Uint8Array.from(run.bytes.slice(i, i + n)));
        i += n;
        continue;
      } catch {
        // not a valid sequence: keep the escape text, as .NET does
      }
    }
    out += run.texts[i]!;
    i++;
  }
  return out;
}

export function unescapeDataString(text: string): string {
  let out = '';
  let run = { bytes: [] as number[], texts: [] as string[] };
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      run.bytes.push(parseInt(hex, 16));
      run.texts.push(text.slice(i, i + 3));
      i += 2;
      continue;
    }
    if (run.bytes.length > 0) {
      out += decodeRun(run);
      run = { bytes: [], texts: [] };
    }
    out += text[i];
  }
  return out + decodeRun(run);
}
