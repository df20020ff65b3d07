/**
 * Data URIs as `dataUriToBinary` / `dataUriToString` read them (spec §11.2). The header (after a
 * case-insensitive `data:`, up to the first comma) is split on `;`; a last token `base64` (any case)
 * is the base64 flag. With the flag the payload is kept verbatim (validated only when read); without
 * it the payload is form-URL-decoded and stored as the base64 of its UTF-8 bytes.
 * Failures are `ContentError`s, which the calling function rewords.
 */
import { charsetLabel, ContentError } from './content.js';

export interface DataUri {
  contentType: string;
  /** The `$content` text: base64, possibly not valid when it came verbatim from the URI. */
  content: string;
}

/** `WebUtility.UrlDecode`: `+` is a space, `%xx` sequences are UTF-8 bytes, broken escapes stay. */
export function formUrlDecode(text: string): string {
  const chunks: Buffer[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '+') {
      literal += ' ';
    } else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      chunks.push(Buffer.from(literal, 'utf8'), Buffer.of(parseInt(text.slice(i + 1, i + 3), 16)));
      literal = '';
      i += 2;
    } else {
      literal += c;
    }
  }
  chunks.push(Buffer.from(literal, 'utf8'));
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function countChar(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

/**
 * Splits a data URI. `forString` relaxes the media-type check as `dataUriToString` does: it only
 * rejects an empty media type followed by further tokens.
 */
export function parseDataUri(uri: string, forString: boolean): DataUri {
  if (!/^data:/i.test(uri)) throw new ContentError('the text is not a data URI: it must start with "data:"');
  const rest = uri.slice(5);
  const comma = rest.indexOf(',');
  if (comma < 0) throw new ContentError('the data URI has no comma between its header and its data');
  let tokens = rest.slice(0, comma).split(';');
  const payload = rest.slice(comma + 1);
  let content: string;
  if (tokens[tokens.length - 1]!.toLowerCase() === 'base64') {
    tokens = tokens.slice(0, -1);
    content = payload;
  } else {
    content = Buffer.from(formUrlDecode(payload), 'utf8').toString('base64');
  }
  if (tokens.length === 0 || (tokens.length === 1 && tokens[0] === '')) {
    return { contentType: 'text/plain', content };
  }
  const mime = tokens[0]!;
  if (forString) {
    if (mime === '') throw new ContentError('the data URI has an empty media type');
  } else if (countChar(mime, '/') !== 1) {
    throw new ContentError(`the media type '${mime}' is not of the form type/subtype`);
  }
  return { contentType: tokens.join(';'), content };
}

/** The extra checks of `dataUriToBinary`: `name=value` parameters and a charset .NET knows. */
export function checkBinaryDataUriParameters(contentType: string): void {
  for (const seg of contentType.split(';').slice(1)) {
    if (countChar(seg, '=') > 1) throw new ContentError(`the data URI parameter '${seg}' has more than one '='`);
    const trimmed = seg.trim();
    if (/^charset=/i.test(trimmed) && charsetLabel(trimmed.slice(8)) === undefined) {
      throw new ContentError(`'${trimmed.slice(8)}' is not a supported encoding name`);
    }
  }
}

/**
 * The check of `dataUriToString`: when the first parameter is a charset, it must be UTF-8 (the
 * runtime looks only at that position).
 */
export function checkStringDataUriCharset(contentType: string): void {
  const parts = contentType.split(';');
  const second = parts[1];
  if (second === undefined || !/^charset=/i.test(second)) return;
  const name = second.slice(8);
  const label = charsetLabel(name);
  if (label === undefined) throw new ContentError(`'${name}' is not a supported encoding name`);
  if (label !== 'utf-8') throw new ContentError(`dataUriToString supports only UTF-8 text, not '${name}'`);
}
