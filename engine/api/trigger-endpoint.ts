/**
 * The endpoints of request triggers, served on node's own request and response rather than
 * through express — the hot path of every webhook call, where express's router, body-parser and
 * response helpers were a sizeable share of the CPU:
 * - `/workflows/{name}/triggers/{trigger}/paths/invoke[/...]`, called with the signed URL
 *   `listCallbackUrl` gives;
 * - `/hooks/{name}[/...]`, the triggers the configuration opens without a signature.
 *
 * `server.ts` offers every request to `tryServe` before express; the express app keeps thin
 * registrations of the same paths that call `serve` (routes/request-trigger.ts), so an app used
 * without the server answers the same and its route list still names these paths. Whatever
 * `tryServe` declines (other methods, URLs that need express's full URL parser, undecodable names)
 * goes to express and is answered there as before.
 *
 * A valid call fires the trigger (its conditions and splitOn apply) and answers as Logic Apps does:
 * - the workflow has a Response action and the trigger does not split → the caller waits for the
 *   Response (statusCode, headers, body) up to the timeout, then gets 504 and the late Response
 *   action fails with ActionResponseTimedOut; a run that ends without responding → 502;
 * - otherwise 202 at once, the run id in `x-ms-workflow-run-id`;
 * - the trigger's conditions do not hold → 202 and no run (the trigger history says why).
 * Unless `SuppressWorkflowHeadersOnResponse`, answers carry the `x-ms-*` workflow headers.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { HookConfig } from '../config.js';
import type { RunResponse } from '../interpreter/run-state.js';
import type { EngineService, StartedRun, TriggerOutputs } from '../runtime/engine-types.js';
import type { Store } from '../store/store.js';
import { SIGNATURE_QUERY_NAMES, type SignedQuery } from '../triggers/callback-url.js';
import { ApiError } from './api-error.js';
import { queryValues, requestHeaders } from './parse-request.js';
import { readRequestBody } from './request-body.js';
import { requestTriggerBody, validateTriggerBody } from './request-trigger-body.js';
import { authorizeInvoke, type InvokeRequest, type InvokeTarget } from './services/request-trigger-service.js';
import { detach } from './services/started-run.js';
import { AnswerHeaders, sendEmptyAnswer, sendErrorAnswer, sendJsonAnswer, sendRunResponse } from './trigger-answer.js';

/** Logic Apps' inbound request limit for a synchronous Response (Consumption). */
export const DEFAULT_REQUEST_TRIGGER_TIMEOUT_MS = 120_000;

export interface TriggerEndpointOptions {
  engine: EngineService;
  store: Store;
  /** How long a caller waits for the run's Response before 504. */
  timeoutMs: number;
  /** Largest request body accepted (413 above it), as for every other route. */
  maxBodyBytes: number;
  /** Triggers the configuration serves at `/hooks/{name}` without a signature. */
  hooks?: Readonly<Record<string, HookConfig>>;
}

/** The parts of a request URL the endpoint reads: the (still encoded) path and the parsed query. */
export interface CallUrl {
  pathname: string;
  query: Readonly<Record<string, unknown>>;
}

export interface TriggerEndpoint {
  /** Serves the request when it is a call to a request trigger; `false` leaves it to express. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean;
  /** Serves a call express routed to a trigger path; never rejects (failures are answered). */
  serve(req: IncomingMessage, res: ServerResponse, url: CallUrl): Promise<void>;
}

// Both match ignoring case and with or without a trailing slash, as express's routes of these paths do.
const INVOKE_PATH = /^\/workflows\/([^/]+)\/triggers\/([^/]+)\/paths\/invoke(\/.*)?$/i;
const HOOK_PATH = /^\/hooks\/([^/]+)(\/.*)?$/i;
/** The methods express's registrations route (GET also takes HEAD); express answers the rest (OPTIONS). */
const ROUTED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Characters for which express's URL parser (parseurl) leaves its fast path: those URLs stay express's. */
const UNUSUAL_URL = /[\t\n\f\r #\u00a0\ufeff]/;

/** Which trigger a call addresses, and how it proves it may call it. */
type InvokeAddress = Omit<InvokeRequest, 'method'>;

interface CallContext {
  target: InvokeTarget;
  correlationId: string;
  clientTrackingId?: string;
}

/** A path segment as express decodes a route parameter; `undefined` when it is not valid percent-encoding. */
function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Splits a request target the way express's fast path does; `undefined` for anything else. */
function splitUrl(url: string): CallUrl | undefined {
  if (url.charCodeAt(0) !== 0x2f || UNUSUAL_URL.test(url)) return undefined;
  const mark = url.indexOf('?');
  if (mark < 0) return { pathname: url, query: {} };
  return { pathname: url.slice(0, mark), query: parseQuery(url.slice(mark + 1)) };
}

/** True when the path is one of the endpoint's and its names decode. */
function isTriggerPath(pathname: string): boolean {
  const invoke = INVOKE_PATH.exec(pathname);
  if (invoke !== null) return decodeSegment(invoke[1]!) !== undefined && decodeSegment(invoke[2]!) !== undefined;
  const hook = HOOK_PATH.exec(pathname);
  return hook !== null && decodeSegment(hook[1]!) !== undefined;
}

function signedQuery(query: Readonly<Record<string, unknown>>): SignedQuery {
  const single = (name: string): string | undefined => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  return { sp: single('sp'), sv: single('sv'), sig: single('sig') };
}

function addressOf(url: CallUrl, hooks: Readonly<Record<string, HookConfig>>): InvokeAddress {
  const invoke = INVOKE_PATH.exec(url.pathname);
  if (invoke !== null) {
    return {
      workflowName: decodeSegment(invoke[1]!) ?? invoke[1]!,
      triggerName: decodeSegment(invoke[2]!) ?? invoke[2]!,
      relativePath: invoke[3] ?? '',
      signature: signedQuery(url.query),
    };
  }
  const hook = HOOK_PATH.exec(url.pathname);
  const raw = hook?.[1] ?? '';
  const name = decodeSegment(raw) ?? raw;
  const config = Object.hasOwn(hooks, name) ? hooks[name] : undefined;
  if (config === undefined) throw new ApiError(404, 'HookNotFound', `No hook '${name}' is configured (sluice.config.json /hooks).`);
  return { workflowName: config.workflow, triggerName: config.trigger, relativePath: hook?.[2] ?? '', signature: 'hook' };
}

function triggerOutputs(req: IncomingMessage, url: CallUrl, target: InvokeTarget, bytes: Buffer | undefined): TriggerOutputs {
  const headers = requestHeaders(req);
  // The inbound Authorization header stays out of run history unless the trigger asks for it.
  if (!target.inputs.includeAuthorizationHeader) delete headers['authorization'];
  const queries = queryValues(url.query);
  for (const name of SIGNATURE_QUERY_NAMES) delete queries[name];
  const outputs: TriggerOutputs = { headers, queries };
  if (target.relativePathParameters !== undefined) outputs.relativePathParameters = target.relativePathParameters;
  const body = requestTriggerBody(bytes, req.headers['content-type']);
  if (target.inputs.validateSchema && target.inputs.schema !== undefined) validateTriggerBody(target.triggerName, target.inputs.schema, body);
  if (body !== undefined) outputs.body = body;
  return outputs;
}

function setWorkflowHeaders(headers: AnswerHeaders, call: CallContext, runId: string | undefined): void {
  if (call.target.inputs.suppressWorkflowHeaders) return;
  headers.setTrusted('x-ms-workflow-name', 'x-ms-workflow-name', call.target.workflow.name);
  headers.setTrusted('x-ms-workflow-version', 'x-ms-workflow-version', String(call.target.workflow.version));
  headers.setTrusted('x-ms-correlation-id', 'x-ms-correlation-id', call.correlationId);
  if (runId === undefined) return;
  headers.setTrusted('x-ms-workflow-run-id', 'x-ms-workflow-run-id', runId);
  headers.setTrusted('x-ms-trigger-history-name', 'x-ms-trigger-history-name', runId);
  headers.setTrusted('x-ms-client-tracking-id', 'x-ms-client-tracking-id', call.clientTrackingId ?? runId);
}

/** The Response, `undefined` when the run ended without one, or 'timeout' when the wait ran out. */
async function awaitResponse(engine: EngineService, started: StartedRun, timeoutMs: number): Promise<RunResponse | undefined | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([started.response, timeout]);
    if (outcome !== 'timeout') return outcome;
    // The Response may have been sent in the same instant: then it is what the caller gets.
    return engine.abandonResponse(started.runId) ? 'timeout' : await started.response;
  } finally {
    clearTimeout(timer);
  }
}

export function createTriggerEndpoint(options: TriggerEndpointOptions): TriggerEndpoint {
  const hooks = options.hooks ?? {};

  async function answerSynchronously(req: IncomingMessage, res: ServerResponse, call: CallContext, started: StartedRun, headers: AnswerHeaders): Promise<void> {
    const outcome = await awaitResponse(options.engine, started, options.timeoutMs);
    setWorkflowHeaders(headers, call, started.runId);
    if (outcome === 'timeout') {
      const seconds = Math.round(options.timeoutMs / 100) / 10;
      sendJsonAnswer(res, 504, {
        code: 'GatewayTimeout',
        message: `Run '${started.runId}' of workflow '${call.target.workflow.name}' did not send its Response within ${seconds} seconds; the run goes on, and a Response it sends later fails with ActionResponseTimedOut.`,
      }, headers);
      return;
    }
    if (outcome === undefined) {
      sendJsonAnswer(res, 502, {
        code: 'NoResponse',
        message: `Run '${started.runId}' of workflow '${call.target.workflow.name}' finished without sending a Response (its Response action did not run or failed).`,
      }, headers);
      return;
    }
    sendRunResponse(res, outcome, headers, req.method);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, url: CallUrl, headers: AnswerHeaders): Promise<void> {
    // The body is read (and a too large one refused) before anything else, as express's parser did.
    const bytes = await readRequestBody(req, res, options.maxBodyBytes);
    const target = authorizeInvoke({ engine: options.engine, store: options.store, method: req.method ?? 'GET', ...addressOf(url, hooks) });
    const outputs = triggerOutputs(req, url, target, bytes);
    const call: CallContext = { target, correlationId: randomUUID() };
    const tracking = req.headers['x-ms-client-tracking-id'];
    if (typeof tracking === 'string' && tracking !== '') call.clientTrackingId = tracking;
    const fired = await options.engine.fireTrigger({
      workflowName: target.workflow.name,
      triggerName: target.triggerName,
      outputs,
      clientTrackingId: call.clientTrackingId,
    });
    if (fired.status === 'failed') {
      setWorkflowHeaders(headers, call, undefined);
      sendJsonAnswer(res, 400, { code: fired.error.code, message: fired.error.message }, headers);
      return;
    }
    const runs = fired.status === 'fired' ? fired.runs : [];
    runs.forEach(detach);
    if (runs.length === 1 && target.hasResponse && !target.inputs.splitOn) {
      await answerSynchronously(req, res, call, runs[0]!, headers);
      return;
    }
    setWorkflowHeaders(headers, call, runs[0]?.runId);
    sendEmptyAnswer(res, 202, headers, req.method);
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: CallUrl): Promise<void> {
    // Headers collected so far go out with an error too, as express kept the ones already set.
    const headers = new AnswerHeaders();
    try {
      await invoke(req, res, url, headers);
    } catch (err) {
      sendErrorAnswer(res, err, headers);
    }
  }

  return {
    serve,
    tryServe(req, res) {
      const target = req.url;
      if (target === undefined || !ROUTED_METHODS.has(req.method ?? '')) return false;
      // Cheap refusal of every other route before any regular expression runs.
      const first = target.charCodeAt(1) | 0x20;
      if (first !== 0x68 /* h */ && first !== 0x77 /* w */) return false;
      const url = splitUrl(target);
      if (url === undefined || !isTriggerPath(url.pathname)) return false;
      void serve(req, res, url);
      return true;
    },
  };
}
