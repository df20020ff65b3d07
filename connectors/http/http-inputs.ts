/**
 * The evaluated `inputs` of an HTTP action turned into a request (spec §4.1): method, absolute
 * http(s) `uri` with `queries` appended, `headers` without the ones Logic Apps silently drops,
 * `body` encoded by its kind; then `withAuthentication` adds what `authentication` resolved to.
 * Problems with what the user wrote fail the action with `InvalidTemplate`.
 */
import type { ActionResult } from '../../engine/actions/descriptor.js';
import { ContentError } from '../../engine/expressions/content.js';
import { getMember, isObject, toText, type Value } from '../../engine/expressions/value.js';
import type { ClientTls } from './authentication.js';
import type { SentRequest } from './http-request.js';
import { encodeBody } from './request-body.js';

export interface PreparedRequest extends SentRequest {
  /** Headers that polls of the asynchronous pattern send too (authentication, workflow headers). */
  pollHeaders: Record<string, string>;
}

export type PrepareOutcome = { ok: true; request: PreparedRequest } | { ok: false; result: ActionResult };

/** Identity of the caller, sent as Logic Apps' `x-ms-workflow-*` headers unless suppressed. */
export interface CallerIdentity {
  workflowName: string;
  runId: string;
  actionName: string;
  suppressWorkflowHeaders: boolean;
  userAgent: string;
}

const KEPT_CONTENT_HEADERS = new Set(['content-disposition', 'content-encoding', 'content-type']);
const DROPPED_HEADERS = new Set(['allow', 'cookie', 'expires', 'host', 'last-modified', 'origin', 'set-cookie', 'transfer-encoding']);

/** Headers Logic Apps removes from outbound requests without a warning (connectors-native-http, "Omitted HTTP headers"). */
export function isDroppedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('accept-')) return true;
  if (lower.startsWith('content-')) return !KEPT_CONTENT_HEADERS.has(lower);
  return DROPPED_HEADERS.has(lower);
}

export function invalidInputs(message: string): { ok: false; result: ActionResult } {
  return { ok: false, result: { status: 'Failed', code: 'InvalidTemplate', error: { code: 'InvalidTemplate', message }, retryable: false } };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((k) => k.toLowerCase() === lower);
}

function buildUrl(uri: Value | undefined, queries: Value | undefined): URL | string {
  if (typeof uri !== 'string' || uri.trim() === '') return "The HTTP action needs a 'uri' string.";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `The 'uri' '${uri}' is not a valid absolute URI.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `The 'uri' '${uri}' must use the http or https scheme.`;
  if (queries !== undefined && queries !== null) {
    if (!isObject(queries)) return "The 'queries' of the HTTP action must be an object.";
    for (const name of Object.keys(queries)) url.searchParams.append(name, toText(queries[name]!));
  }
  return url;
}

function userHeaders(raw: Value | undefined): Record<string, string> | string {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) return "The 'headers' of the HTTP action must be an object.";
  const out: Record<string, string> = {};
  for (const name of Object.keys(raw)) if (!isDroppedHeader(name)) out[name] = toText(raw[name]!);
  return out;
}

function identityHeaders(id: CallerIdentity): Record<string, string> {
  const out: Record<string, string> = { 'User-Agent': id.userAgent };
  if (id.suppressWorkflowHeaders) return out;
  out['x-ms-workflow-name'] = id.workflowName;
  out['x-ms-workflow-run-id'] = id.runId;
  out['x-ms-workflow-operation-name'] = id.actionName;
  return out;
}

export function prepareRequest(inputs: Value, id: CallerIdentity): PrepareOutcome {
  if (!isObject(inputs)) return invalidInputs('The inputs of the HTTP action must be an object.');
  const method = getMember(inputs, 'method');
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) return invalidInputs("The HTTP action needs a 'method' such as GET or POST.");
  const url = buildUrl(getMember(inputs, 'uri'), getMember(inputs, 'queries'));
  if (typeof url === 'string') return invalidInputs(url);
  const headers = userHeaders(getMember(inputs, 'headers'));
  if (typeof headers === 'string') return invalidInputs(headers);
  let body;
  try {
    body = encodeBody(getMember(inputs, 'body'));
  } catch (err) {
    if (err instanceof ContentError) return invalidInputs(`The 'body' of the HTTP action is not valid content: ${err.message}.`);
    throw err;
  }
  const pollHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(identityHeaders(id))) {
    if (!hasHeader(headers, name)) pollHeaders[name] = value;
  }
  const all: Record<string, string> = { ...headers, ...pollHeaders };
  if (body?.contentType && !hasHeader(all, 'content-type')) all['Content-Type'] = body.contentType;
  return { ok: true, request: { method: method.toUpperCase(), url, headers: all, body: body?.bytes, pollHeaders } };
}

/** The request with what its authentication resolved to: headers (on polls too) and a client certificate. */
export function withAuthentication(req: PreparedRequest, auth: { headers: Record<string, string>; tls?: ClientTls }): PreparedRequest {
  const headers = { ...req.headers };
  const pollHeaders = { ...req.pollHeaders };
  // Authentication wins over an Authorization header written by hand.
  for (const name of Object.keys(auth.headers)) {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    for (const key of Object.keys(pollHeaders)) if (key.toLowerCase() === name.toLowerCase()) delete pollHeaders[key];
  }
  const out: PreparedRequest = { ...req, headers: { ...headers, ...auth.headers }, pollHeaders: { ...auth.headers, ...pollHeaders } };
  if (auth.tls !== undefined) out.tls = { ...req.tls, ...auth.tls };
  return out;
}
