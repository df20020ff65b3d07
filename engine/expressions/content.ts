/**
 * Strict reading and building of content envelopes (`{"$content-type", "$content"}`) for the
 * conversion functions. `$content` may hold text that is not valid base64 (data URIs keep their
 * payload verbatim, spec §11.2), so it is validated only when the bytes are read, as .NET's
 * `Convert.FromBase64String` would: whitespace ignored, length a multiple of 4, padding at the end.
 * Failures are `ContentError`s, which the calling function rewords.
 */
import type { ContentEnvelope, ValueObject } from './value.js';

export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
  }
}

export const OCTET_STREAM = 'application/octet-stream';
export const XML_UTF8 = 'application/xml;charset=utf-8';
export const JSON_UTF8 = 'application/json;charset=utf-8';
export const TEXT_UTF8 = 'text/plain;charset=utf-8';

/** Is the text valid .NET base64 (whitespace ignored)? */
export function isValidBase64(text: string): boolean {
  const s = text.replace(/[ \t\r\n]/g, '');
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

export function decodeBase64Strict(text: string): Buffer {
  if (!isValidBase64(text)) throw new ContentError(`'${shorten(text)}' is not a valid base64 string`);
  return Buffer.from(text.replace(/[ \t\r\n]/g, ''), 'base64');
}

function shorten(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function makeEnvelope(contentType: string, bytes: Uint8Array): ValueObject {
  return { '$content-type': contentType, '$content': Buffer.from(bytes).toString('base64') };
}

export function textEnvelope(contentType: string, text: string): ValueObject {
  return makeEnvelope(contentType, Buffer.from(text, 'utf8'));
}

export function envelopeBytesStrict(env: ContentEnvelope): Buffer {
  return decodeBase64Strict(env['$content']);
}

/** Labels .NET's `Encoding.GetEncoding` knows, mapped to a TextDecoder label. */
const ALIASES: Record<string, string> = {
  ascii: 'ascii',
  'us-ascii': 'ascii',
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  unicode: 'utf-16le',
  unicodefffe: 'utf-16be',
  'ucs-2': 'utf-16le',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
};

/** The TextDecoder label for a charset name, or undefined when .NET would not know it. */
export function charsetLabel(charset: string): string | undefined {
  const name = charset.trim().toLowerCase();
  if (ALIASES[name]) return ALIASES[name];
  if (name === 'utf-32' || name === 'utf-32le' || name === 'utf-32be' || name === 'utf-7') return name;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return undefined;
  }
}

function decodeWith(label: string, bytes: Uint8Array): string {
  if (label === 'ascii') return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '?')).join('');
  if (label === 'utf-32' || label === 'utf-32le' || label === 'utf-32be') {
    const big = label === 'utf-32be';
    let out = '';
    for (let i = 0; i + 3 < bytes.length; i += 4) {
      const cp = big
        ? ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0
        : ((bytes[i + 3]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 1]! << 8) | bytes[i]!) >>> 0;
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    }
    return out;
  }
  if (label === 'utf-7') throw new ContentError('the UTF-7 encoding is not supported');
  return new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
}

/** The content type's parameters must each be `name=value`; the charset must be a known one. */
export function charsetOfContentType(contentType: string): string {
  const segments = contentType.split(';').slice(1);
  let charset = 'utf-8';
  for (const seg of segments) {
    if (!seg.includes('=')) throw new ContentError(`the content type '${contentType}' has a parameter without '=': '${seg}'`);
    const [name, value] = [seg.slice(0, seg.indexOf('=')).trim(), seg.slice(seg.indexOf('=') + 1).trim()];
    if (name.toLowerCase() === 'charset') charset = value.replace(/^"(.*)"$/, '$1');
  }
  return charset;
}

/** Decodes bytes with a charset name; unknown names are an error, as in .NET. */
export function decodeCharset(charset: string, bytes: Uint8Array): string {
  const label = charsetLabel(charset);
  if (label === undefined) throw new ContentError(`'${charset}' is not a supported encoding name`);
  return decodeWith(label, bytes);
}

/** Text of content as Logic Apps reads it: bytes decoded with the content type's charset. */
export function envelopeTextStrict(env: ContentEnvelope): string {
  const charset = charsetOfContentType(env['$content-type']);
  return decodeCharset(charset, envelopeBytesStrict(env));
}
