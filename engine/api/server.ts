/**
 * The HTTP server `sluice serve` runs. For now it serves the playground page and two services,
 * expression evaluation and definition validation, which the designer will build on.
 * Errors are `{ code, message, issues? }` as the public surface says.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asSluiceError } from '../errors.js';
import { contextView, evaluateTemplate, FUNCTIONS, parseEvalContext, toJsonText } from '../expressions/index.js';
import { JsonParseError, parseJson } from '../expressions/json-parse.js';
import type { Value } from '../expressions/value.js';
import { PLAYGROUND_PAGE } from './playground-page.js';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface ServerOptions {
  host: string;
  port: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJsonBody(req: IncomingMessage): Promise<Value> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'PayloadTooLarge', `the request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return parseJson(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    if (err instanceof JsonParseError) throw new HttpError(400, 'InvalidJson', `the request body is not JSON: ${err.message}`);
    throw err;
  }
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function field(body: Value, name: string): Value | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, Value>)[name] : undefined;
}

async function evaluateRoute(req: IncomingMessage): Promise<string> {
  const body = await readJsonBody(req);
  const expr = field(body, 'expr');
  if (typeof expr !== 'string') throw new HttpError(400, 'InvalidArgument', '/expr: must be a string');
  const context = parseEvalContext(field(body, 'context'), '/context');
  const text = toJsonText(evaluateTemplate(expr, contextView(context)));
  return `{"value":${text},"valueText":${JSON.stringify(text)}}`;
}

async function validateRoute(req: IncomingMessage): Promise<string> {
  const body = await readJsonBody(req);
  const definition = field(body, 'definition');
  if (definition === undefined) throw new HttpError(400, 'InvalidArgument', '/definition: is required');
  const { loadDefinition } = await import('../../definitions/load.js');
  const result = loadDefinition(definition);
  return JSON.stringify(result.ok ? { valid: true, issues: [] } : { valid: false, issues: result.issues });
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && (path === '/' || path === '/index.html')) return send(res, 200, PLAYGROUND_PAGE, 'text/html; charset=utf-8');
  if (req.method === 'GET' && path === '/api/functions') {
    const list = [...FUNCTIONS.values()].map((f) => ({ name: f.name, minArgs: f.minArgs, maxArgs: f.maxArgs === Infinity ? null : f.maxArgs }));
    return send(res, 200, JSON.stringify(list));
  }
  if (req.method === 'POST' && path === '/api/expressions/evaluate') return send(res, 200, await evaluateRoute(req));
  if (req.method === 'POST' && path === '/api/definitions/validate') return send(res, 200, await validateRoute(req));
  throw new HttpError(404, 'NotFound', `no route for ${req.method} ${path}`);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  route(req, res).catch((err: unknown) => {
    if (err instanceof HttpError) return send(res, err.status, JSON.stringify({ code: err.code, message: err.message }));
    const error = asSluiceError(err);
    const status = error.code === 'InternalError' ? 500 : 400;
    send(res, status, JSON.stringify({ code: error.code, message: error.message, where: error.where }));
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
