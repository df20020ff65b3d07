/**
 * The last two middlewares: unknown routes and every thrown error become `{ code, message,
 * issues? }` with a fitting status. Body-parser failures (too large, bad encoding) carry a `type`
 * and a status; they are named here so clients never see express's HTML error page.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { asSluiceError } from '../errors.js';
import type { Value } from '../expressions/value.js';
import { ApiError } from './api-error.js';
import { compact, sendJson } from './json-response.js';

export const notFoundHandler: RequestHandler = (req, res) => {
  sendJson(res, 404, { code: 'NotFound', message: `no route for ${req.method} ${req.path}` });
};

const BODY_PARSER_CODES: Record<string, string> = {
  'entity.too.large': 'PayloadTooLarge',
  'encoding.unsupported': 'UnsupportedEncoding',
  'charset.unsupported': 'UnsupportedCharset',
  'request.aborted': 'RequestAborted',
  'request.size.invalid': 'BadRequest',
  'stream.encoding.set': 'InternalError',
  'stream.not.readable': 'InternalError',
};

/** Engine errors by code; any other user-facing code is a 400. */
const STATUS_BY_CODE: Record<string, number> = { NotFound: 404, WorkflowDisabled: 409, TooManyRuns: 429, Unauthorized: 401, IdentityUnavailable: 503, InternalError: 500 };

interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  if (typeof err !== 'object' || err === null) return false;
  const fields = err as Record<string, unknown>;
  return typeof fields['type'] === 'string' && typeof fields['status'] === 'number' && typeof fields['message'] === 'string';
}

/** The status and `{ code, message, issues? }` body of any error; the trigger endpoint outside express answers with it too. */
export function describeError(err: unknown): { status: number; body: Value } {
  if (err instanceof ApiError) {
    const issues = err.issues === undefined ? undefined : err.issues.map((i) => compact({ code: i.code, pointer: i.pointer, message: i.message, position: i.position }));
    return { status: err.status, body: compact({ code: err.code, message: err.message, issues }) };
  }
  if (isBodyParserError(err)) {
    const code = BODY_PARSER_CODES[err.type] ?? 'BadRequest';
    return { status: err.status, body: { code, message: `the request body was refused: ${err.message}` } };
  }
  const error = asSluiceError(err);
  const status = STATUS_BY_CODE[error.code] ?? 400;
  const where = Object.keys(error.where).length === 0 ? undefined : (error.where as Record<string, Value>);
  return { status, body: compact({ code: error.code, message: error.message, where }) };
}

export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) return next(err);
  const { status, body } = describeError(err);
  sendJson(res, status, body);
};
