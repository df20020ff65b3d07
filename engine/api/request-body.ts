/**
 * Request bodies arrive as raw bytes (one parser for every route) and are read here with the value
 * model's JSON parser, so numbers keep their kind (`1.0` stays a float, big integers stay exact) on
 * their way into a run.
 */
import express, { type Request, type RequestHandler } from 'express';
import { parseJson, JsonParseError } from '../expressions/json-parse.js';
import type { Value } from '../expressions/value.js';
import { ApiError } from './api-error.js';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export function rawBodyParser(maxBytes: number): RequestHandler {
  return express.raw({ type: () => true, limit: maxBytes });
}

function bodyBytes(req: Request): Buffer | undefined {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) && body.length > 0 ? body : undefined;
}

/** The body as JSON; `undefined` when there is none. A body that is not JSON is a 400. */
export function jsonBody(req: Request): Value | undefined {
  const bytes = bodyBytes(req);
  if (bytes === undefined) return undefined;
  try {
    return parseJson(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    if (err instanceof JsonParseError) throw new ApiError(400, 'InvalidJson', `the request body is not JSON: ${err.message}`);
    throw err;
  }
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;
const TEXT_TYPE = /^(text\/|application\/(([\w.+-]+\+)?xml|x-www-form-urlencoded)\b)/i;

/**
 * A trigger body as a request trigger receives it: JSON when the content type says JSON (or says
 * nothing), text for text types, and the `{"$content-type", "$content"}` envelope otherwise.
 */
export function triggerBody(req: Request): Value | undefined {
  const bytes = bodyBytes(req);
  if (bytes === undefined) return undefined;
  const type = req.get('content-type') ?? '';
  if (type === '' || JSON_TYPE.test(type)) return jsonBody(req);
  if (TEXT_TYPE.test(type)) return bytes.toString('utf8');
  return { '$content-type': type, '$content': bytes.toString('base64') };
}
