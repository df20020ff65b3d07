/**
 * Request bodies arrive as raw bytes (one parser for every route) and are read here with the value
 * model's JSON parser, so numbers keep their kind (`1.0` stays a float, big integers stay exact) on
 * their way into a run.
 *
 * Express routes get their bytes from `rawBodyParser` (body-parser's raw reader). Request-trigger
 * calls, the hot path, are served outside express (`trigger-endpoint.ts`) and read their bytes
 * with `readRequestBody`, which does the same for the common case — no content encoding — in a few
 * lines, and hands encoded bodies (gzip, deflate, br) to that same raw reader so decompression
 * and its errors stay body-parser's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type RequestHandler } from 'express';
import { parseJson, JsonParseError } from '../expressions/json-parse.js';
import type { Value } from '../expressions/value.js';
import { ApiError } from './api-error.js';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export function rawBodyParser(maxBytes: number): RequestHandler {
  return express.raw({ type: () => true, limit: maxBytes });
}

/**
 * A body refused before it was read to the end. It carries body-parser's `type`, `status` and
 * message for the same refusal, so the error handler names it the same way for both readers.
 */
export class BodyRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'entity.too.large' | 'request.size.invalid' | 'request.aborted',
    message: string,
  ) {
    super(message);
    this.name = 'BodyRefusedError';
  }
}

/** body-parser's (type-is's) test: a request has a body when it is chunked or gives a length. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && !Number.isNaN(Number(length)));
}

/**
 * The request's bytes, `undefined` when it has none. Over `maxBytes` is a 413, refused only after
 * the rest of the request has been read off (as body-parser does), so the connection stays usable.
 */
export function readRequestBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<Buffer | undefined> {
  if (!hasBody(req)) return Promise.resolve(undefined);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return readEncodedBody(req, res, maxBytes);
  const declared = req.headers['content-length'];
  const length = declared === undefined || Number.isNaN(Number(declared)) ? undefined : Number.parseInt(declared, 10);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let refused: BodyRefusedError | undefined;
    const tooLarge = () => new BodyRefusedError(413, 'entity.too.large', 'request entity too large');
    if (length !== undefined && length > maxBytes) refused = tooLarge();
    const onData = (chunk: Buffer): void => {
      if (refused !== undefined) return;
      received += chunk.length;
      if (received > maxBytes) {
        refused = tooLarge();
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = (): void => {
      cleanup();
      if (refused !== undefined) reject(refused);
      else if (length !== undefined && received !== length) reject(new BodyRefusedError(400, 'request.size.invalid', 'request size did not match content length'));
      else resolve(received === 0 ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received));
    };
    const onAbort = (): void => {
      cleanup();
      reject(new BodyRefusedError(400, 'request.aborted', 'request aborted'));
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('aborted', onAbort);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('aborted', onAbort);
  });
}

/** Encoded bodies go through body-parser itself: its decompression, limits and errors. */
function readEncodedBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<Buffer | undefined> {
  const reader = rawBodyParser(maxBytes) as unknown as (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  return new Promise((resolve, reject) => {
    reader(req, res, (err) => {
      if (err !== undefined) return reject(err);
      const body: unknown = (req as IncomingMessage & { body?: unknown }).body;
      resolve(Buffer.isBuffer(body) && body.length > 0 ? body : undefined);
    });
  });
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
