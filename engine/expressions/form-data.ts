/**
 * Pure helpers behind `formDataValue` / `formDataMultiValues` / `multipartBody` and their trigger
 * twins. They read an HTTP outputs record `{headers, body}` whose body is, as the runtime stores it:
 * - form-URL-encoded: `{"$content-type": "application/x-www-form-urlencoded", "$content": <base64>,
 *   "$formdata": [{"key", "value"}, ...]}` (`$formdata` may be absent; then `$content` is decoded);
 * - multipart: `{"$content-type": "multipart/form-data; boundary=...", "$content": <base64>,
 *   "$multipart": [{"headers": {...}, "body": <string | envelope | JSON>}, ...]}` (`$multipart` may
 *   be absent; then `$content` is split on the boundary);
 * - or plain text with a form-URL-encoded `Content-Type` header.
 * Errors are plain `Error`s with a clear message; the calling function rewords them.
 */
import { envelopeTextStrict } from './content.js';
import { formUrlDecode } from './data-uri.js';
import { findKey, getMember, isEnvelope, isObject, toJsonText, type Value, type ValueObject } from './value.js';

interface FormPair {
  key: string;
  value: Value;
}

function headerValue(headers: Value | undefined, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  const v = getMember(headers, name);
  return typeof v === 'string' ? v : undefined;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** `a=b&c=d` as the runtime splits it: every `&` piece is a pair, `=` splits once, both decoded. */
export function parseUrlEncoded(text: string): FormPair[] {
  return text.split('&').map((piece) => {
    const eq = piece.indexOf('=');
    return eq < 0
      ? { key: formUrlDecode(piece), value: '' }
      : { key: formUrlDecode(piece.slice(0, eq)), value: formUrlDecode(piece.slice(eq + 1)) };
  });
}

function boundaryOf(contentType: string): string {
  const m = /;\s*boundary\s*=\s*("([^"]*)"|[^;]*)/i.exec(contentType);
  const boundary = m ? (m[2] ?? m[1]!.trim()) : '';
  if (!boundary) throw new Error(`the multipart content type '${contentType}' names no boundary`);
  return boundary;
}

/** Splits raw multipart text into parts `{headers, body}`; bodies stay text. */
export function parseMultipart(text: string, contentType: string): ValueObject[] {
  const delimiter = `--${boundaryOf(contentType)}`;
  const pieces = text.split(delimiter);
  if (pieces.length < 2) throw new Error('the multipart content has no boundary line');
  const parts: ValueObject[] = [];
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    const body = piece.replace(/^\r?\n/, '').replace(/\r?\n$/, '');
    const split = /\r?\n\r?\n/.exec(body);
    const headerText = split ? body.slice(0, split.index) : body;
    const headers: ValueObject = {};
    for (const line of headerText.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: split ? body.slice(split.index + split[0].length) : '' });
  }
  return parts;
}

function bodyOf(outputs: Value): Value {
  if (!isObject(outputs)) throw new Error('the outputs are not an object with a body');
  const key = findKey(outputs, 'body');
  return key === undefined ? null : outputs[key]!;
}

function multipartParts(outputs: Value): ValueObject[] {
  const body = bodyOf(outputs);
  if (isObject(body)) {
    const parts = getMember(body, '$multipart');
    if (Array.isArray(parts)) return parts.filter(isObject);
    if (isEnvelope(body) && mediaType(body['$content-type']).startsWith('multipart/')) {
      return parseMultipart(envelopeTextStrict(body), body['$content-type']);
    }
  }
  if (isObject(outputs) && typeof body === 'string') {
    const contentType = headerValue(getMember(outputs, 'headers'), 'Content-Type');
    if (mediaType(contentType).startsWith('multipart/')) return parseMultipart(body, contentType!);
  }
  throw new Error('the body is not multipart content');
}

function partName(part: ValueObject): string | undefined {
  const disposition = headerValue(getMember(part, 'headers'), 'Content-Disposition');
  if (disposition === undefined) return undefined;
  const m = /;\s*name\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]*)/i.exec(disposition);
  if (!m) return undefined;
  return m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[1]!.trim();
}

/** Text of a form value the way the form functions return it. */
function valueText(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (isEnvelope(v)) return envelopeTextStrict(v);
  return typeof v === 'object' ? toJsonText(v) : String(v);
}

function formPairs(outputs: Value): FormPair[] {
  const body = bodyOf(outputs);
  if (isObject(body)) {
    const formdata = getMember(body, '$formdata');
    if (Array.isArray(formdata)) {
      return formdata.filter(isObject).map((p) => ({ key: valueText(getMember(p, 'key') ?? ''), value: getMember(p, 'value') ?? '' }));
    }
    if (Array.isArray(getMember(body, '$multipart'))) {
      return multipartParts(outputs).map((p) => ({ key: partName(p) ?? '', value: getMember(p, 'body') ?? null }));
    }
    if (isEnvelope(body)) {
      const type = mediaType(body['$content-type']);
      if (type === 'application/x-www-form-urlencoded') return parseUrlEncoded(envelopeTextStrict(body));
      if (type.startsWith('multipart/')) return multipartParts(outputs).map((p) => ({ key: partName(p) ?? '', value: getMember(p, 'body') ?? null }));
    }
  }
  if (typeof body === 'string' && isObject(outputs)) {
    const type = mediaType(headerValue(getMember(outputs, 'headers'), 'Content-Type'));
    if (type === 'application/x-www-form-urlencoded') return parseUrlEncoded(body);
    if (type.startsWith('multipart/')) return multipartParts(outputs).map((p) => ({ key: partName(p) ?? '', value: getMember(p, 'body') ?? null }));
  }
  throw new Error('the body is neither form-URL-encoded nor multipart form data');
}

/** Every value whose key is `key`, in order (empty when there is none). */
export function formDataValues(outputs: Value, key: string): string[] {
  return formPairs(outputs)
    .filter((p) => p.key === key)
    .map((p) => valueText(p.value));
}

/** The body of the part at a 0-based index. */
export function multipartBody(outputs: Value, index: number): Value {
  const parts = multipartParts(outputs);
  if (!Number.isInteger(index) || index < 0 || index >= parts.length) {
    throw new Error(`the part index ${index} is out of range: the body has ${parts.length} part(s)`);
  }
  return getMember(parts[index]!, 'body') ?? null;
}
