/**
 * The bytes an HTTP action sends for its `body` (spec §4.1):
 * - a string is sent as UTF-8 text (`text/plain; charset=utf-8` unless a Content-Type is given);
 * - binary content `{"$content-type", "$content"}` is sent as its bytes with its content type;
 * - `{"$content-type": "multipart/form-data", "$multipart": [{headers, body}, ...]}` is sent as a
 *   multipart body, each part's body encoded by these same rules;
 * - `{"$content-type": "application/x-www-form-urlencoded", "$formdata": [{key, value}, ...]}` is
 *   sent URL-encoded;
 * - anything else (objects, arrays, numbers, booleans) as JSON text.
 * Malformed content (bad base64, a bad `$multipart`) throws a ContentError.
 */
import { randomUUID } from 'node:crypto';
import { ContentError, decodeBase64Strict } from '../../engine/expressions/content.js';
import { getMember, isEnvelope, isObject, toJsonText, toText, type Value, type ValueObject } from '../../engine/expressions/value.js';

export interface OutboundBody {
  bytes: Buffer;
  /** The content type the body implies; a Content-Type header given in the inputs wins over it. */
  contentType: string | undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** The body to send, or undefined when there is none (absent or null). */
export function encodeBody(body: Value | undefined): OutboundBody | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), contentType: TEXT_TYPE };
  if (isObject(body)) {
    const multipart = getMember(body, '$multipart');
    if (multipart !== undefined) return encodeMultipart(body, multipart);
    const formdata = getMember(body, '$formdata');
    if (formdata !== undefined) return encodeFormData(body, formdata);
    if (isEnvelope(body)) return { bytes: decodeBase64Strict(body['$content']), contentType: body['$content-type'] };
  }
  return { bytes: Buffer.from(toJsonText(body), 'utf8'), contentType: JSON_TYPE };
}

function declaredType(body: ValueObject, fallback: string): string {
  const t = getMember(body, '$content-type');
  return typeof t === 'string' && t.trim() !== '' ? t : fallback;
}

function encodeMultipart(body: ValueObject, parts: Value): OutboundBody {
  if (!Array.isArray(parts)) throw new ContentError("'$multipart' must be an array of parts, each with 'headers' and 'body'");
  const boundary = `sluice-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [i, part] of parts.entries()) {
    if (!isObject(part)) throw new ContentError(`part ${i} of '$multipart' must be an object with 'headers' and 'body'`);
    const headers = getMember(part, 'headers');
    const lines: string[] = [];
    if (headers !== undefined && headers !== null) {
      if (!isObject(headers)) throw new ContentError(`the 'headers' of part ${i} of '$multipart' must be an object`);
      for (const name of Object.keys(headers)) lines.push(`${name}: ${toText(headers[name]!)}`);
    }
    const encoded = encodeBody(getMember(part, 'body'));
    const hasType = lines.some((l) => l.toLowerCase().startsWith('content-type:'));
    const plainText = typeof getMember(part, 'body') === 'string';
    if (encoded?.contentType && !hasType && !plainText) lines.push(`Content-Type: ${encoded.contentType}`);
    chunks.push(Buffer.from(`--${boundary}\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`, 'utf8'));
    chunks.push(encoded?.bytes ?? Buffer.alloc(0), Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  const type = declaredType(body, 'multipart/form-data').replace(/;\s*boundary=[^;]*/i, '');
  return { bytes: Buffer.concat(chunks), contentType: `${type}; boundary=${boundary}` };
}

function encodeFormData(body: ValueObject, pairs: Value): OutboundBody {
  if (!Array.isArray(pairs)) throw new ContentError("'$formdata' must be an array of {key, value} pairs");
  const params = new URLSearchParams();
  for (const [i, pair] of pairs.entries()) {
    const key = isObject(pair) ? getMember(pair, 'key') : undefined;
    if (!isObject(pair) || key === undefined || key === null) throw new ContentError(`entry ${i} of '$formdata' must be an object with 'key' and 'value'`);
    const value = getMember(pair, 'value');
    params.append(toText(key), value === undefined ? '' : toText(value));
  }
  return { bytes: Buffer.from(params.toString(), 'utf8'), contentType: declaredType(body, 'application/x-www-form-urlencoded') };
}
