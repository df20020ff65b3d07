/**
 * How a call to a request trigger is answered, on node's own response (the endpoint runs outside
 * express): headers are collected in an `AnswerHeaders` and the answer leaves in one
 * `writeHead(status, headers)` and one `end(body)`.
 *
 * Callers see what the express answers of before gave them: a header set twice keeps its last
 * value (names ignore case, as `res.set` does), a Content-Type a Response action sets gets the
 * charset express adds (`res.set` runs it through mime-types' `contentType`, so it is the same
 * function here), JSON errors are `{ code, message, issues? }` from the API's one error
 * description with a Content-Length even for HEAD (`res.send`), and other answers carry
 * Content-Length only when they may have a body (not for HEAD, 1xx, 204 or 304, as node decides).
 */
import { validateHeaderName, validateHeaderValue, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { isEnvelope, toJsonText, type Value } from '../expressions/value.js';
import type { RunResponse } from '../interpreter/run-state.js';
import { describeError } from './error-handler.js';

/** mime-types as express resolves it, so a Content-Type is completed exactly as `res.set` did. */
const mime = createRequire(createRequire(import.meta.url).resolve('express'))('mime-types') as { contentType(type: string): string | false };

/** Headers a Response action may not set: the server owns the framing of the answer. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

const JSON_TYPE = 'application/json; charset=utf-8';
const NON_ASCII = /[^\x00-\x7f]/;

/** Response headers by lower-cased name: the place of the first, the spelling and value of the last (as `setHeader`). */
export class AnswerHeaders {
  private readonly entries = new Map<string, [string, string]>();
  /** No value has a character above U+007F (header values may carry Latin-1, e.g. an echoed tracking id). */
  ascii = true;

  /** As `res.set`: validates like `setHeader`, completes a Content-Type's charset. */
  set(name: string, value: string): void {
    validateHeaderName(name);
    const lower = name.toLowerCase();
    const text = lower === 'content-type' ? String(mime.contentType(value)) : value;
    validateHeaderValue(name, text);
    this.setTrusted(lower, name, text);
  }

  /** For values the server makes itself (ids, names already valid in a URL, lengths). */
  setTrusted(lower: string, name: string, value: string): void {
    if (this.ascii && NON_ASCII.test(value)) this.ascii = false;
    const known = this.entries.get(lower);
    if (known === undefined) this.entries.set(lower, [name, value]);
    else [known[0], known[1]] = [name, value];
  }

  has(lower: string): boolean {
    return this.entries.has(lower);
  }

  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of this.entries.values()) out[name] = value;
    return out;
  }
}

/** Whether node sends a body (and so a Content-Length) for this status and method. */
function mayHaveBody(status: number, method: string | undefined): boolean {
  return method !== 'HEAD' && status !== 204 && status !== 304 && !(status >= 100 && status < 200);
}

/**
 * Text goes to `end` as a string: node then writes it in one piece with the head instead of a
 * second buffer beside it (one `write` rather than a `writev`), and no copy of it is made here.
 * Node encodes that joined head as UTF-8 too, which is what express's `res.send` gave JSON
 * answers; a Response's answer was written as bytes (its head as Latin-1), so a head with
 * non-ASCII values keeps that with `asBytes`.
 */
function send(res: ServerResponse, status: number, headers: AnswerHeaders, body: string | Buffer | undefined, asBytes = false): void {
  res.writeHead(status, headers.toObject());
  if (typeof body === 'string') res.end(asBytes ? Buffer.from(body, 'utf8') : body, 'utf8');
  else res.end(body);
}

function byteLength(body: string | Buffer): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
}

/** A JSON answer (errors, 502, 504), as express's `res.send` wrote one. */
export function sendJsonAnswer(res: ServerResponse, status: number, body: Value, headers: AnswerHeaders = new AnswerHeaders()): void {
  const text = toJsonText(body);
  headers.setTrusted('content-type', 'Content-Type', JSON_TYPE);
  headers.setTrusted('content-length', 'Content-Length', String(byteLength(text)));
  send(res, status, headers, text);
}

/** Any failure of a call, with the headers collected before it (as express kept those already set). */
export function sendErrorAnswer(res: ServerResponse, err: unknown, headers?: AnswerHeaders): void {
  if (res.headersSent) {
    // Too late for a status: the caller sees the connection end instead of a truncated answer.
    res.destroy();
    return;
  }
  const { status, body } = describeError(err);
  sendJsonAnswer(res, status, body, headers);
}

/** An answer without content: 202 Accepted. */
export function sendEmptyAnswer(res: ServerResponse, status: number, headers: AnswerHeaders, method: string | undefined): void {
  if (mayHaveBody(status, method)) headers.setTrusted('content-length', 'Content-Length', '0');
  send(res, status, headers, undefined);
}

/** A Response action's answer: JSON as JSON, text as text, content envelopes as their bytes. */
export function sendRunResponse(res: ServerResponse, response: RunResponse, headers: AnswerHeaders, method: string | undefined): void {
  for (const [name, value] of Object.entries(response.headers)) {
    if (FRAMING_HEADERS.has(name.toLowerCase())) continue;
    headers.set(name, value);
  }
  const body: Value = response.body;
  if (body === null || body === undefined) {
    sendEmptyAnswer(res, response.statusCode, headers, method);
    return;
  }
  let content: string | Buffer;
  let type: string;
  if (typeof body === 'string') {
    [content, type] = [body, 'text/plain; charset=utf-8'];
  } else if (isEnvelope(body)) {
    [content, type] = [Buffer.from(body['$content'], 'base64'), body['$content-type']];
  } else {
    [content, type] = [toJsonText(body), JSON_TYPE];
  }
  if (!headers.has('content-type')) headers.set('content-type', type);
  if (mayHaveBody(response.statusCode, method)) headers.setTrusted('content-length', 'Content-Length', String(byteLength(content)));
  send(res, response.statusCode, headers, content, !headers.ascii);
}
