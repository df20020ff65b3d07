/**
 * The `body` output of an HTTP response, typed by its Content-Type as Logic Apps stores content
 * (spec §6.6): JSON types (`application/json`, `text/json`, `…+json`) are parsed, keeping the
 * integer/float distinction; `text/plain` stays text; every other type (XML, HTML, images,
 * octet-stream, no type at all) is kept as binary content `{"$content-type", "$content": base64}`.
 * An empty body is no body.
 */
import { charsetOfContentType, decodeCharset, makeEnvelope, OCTET_STREAM } from '../../engine/expressions/content.js';
import { JsonParseError, parseJson } from '../../engine/expressions/json-parse.js';
import type { Value } from '../../engine/expressions/value.js';

export type DecodedBody = { ok: true; body: Value | undefined } | { ok: false; message: string };

const JSON_TYPE = /^\s*(application|text)\/([\w.+-]+\+)?json\s*(;|$)/i;
const TEXT_TYPE = /^\s*text\/plain\s*(;|$)/i;

function decodeText(bytes: Uint8Array, contentType: string): string | undefined {
  try {
    return decodeCharset(charsetOfContentType(contentType), bytes);
  } catch {
    return undefined;
  }
}

export function decodeResponseBody(bytes: Uint8Array, contentType: string | undefined): DecodedBody {
  if (bytes.length === 0) return { ok: true, body: undefined };
  if (contentType === undefined || contentType.trim() === '') return { ok: true, body: makeEnvelope(OCTET_STREAM, bytes) };
  if (JSON_TYPE.test(contentType)) {
    const text = decodeText(bytes, contentType);
    if (text === undefined) return { ok: true, body: makeEnvelope(contentType, bytes) };
    if (text.trim() === '') return { ok: true, body: undefined };
    try {
      return { ok: true, body: parseJson(text) };
    } catch (err) {
      const detail = err instanceof JsonParseError ? err.message : String(err);
      return { ok: false, message: `Http request failed: the content was not a valid JSON. Error while parsing JSON: '${detail}'.` };
    }
  }
  if (TEXT_TYPE.test(contentType)) {
    const text = decodeText(bytes, contentType);
    return { ok: true, body: text ?? makeEnvelope(contentType, bytes) };
  }
  return { ok: true, body: makeEnvelope(contentType, bytes) };
}
