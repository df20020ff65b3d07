/**
 * The endpoints of request triggers: `/workflows/{name}/triggers/{trigger}/paths/invoke[/...]`,
 * called with the signed URL `listCallbackUrl` gives, and `/hooks/{name}[/...]` for the triggers the
 * configuration opens without a signature. A valid call fires the trigger (its
 * conditions and splitOn apply) and answers as Logic Apps does:
 * - the workflow has a Response action and the trigger does not split → the caller waits for the
 *   Response (statusCode, headers, body) up to the timeout, then gets 504 and the late Response
 *   action fails with ActionResponseTimedOut; a run that ends without responding → 502;
 * - otherwise 202 at once, the run id in `x-ms-workflow-run-id`;
 * - the trigger's conditions do not hold → 202 and no run (the trigger history says why).
 * Unless `SuppressWorkflowHeadersOnResponse`, answers carry the `x-ms-*` workflow headers.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response, Router } from 'express';
import { isEnvelope, toJsonText, type Value } from '../../expressions/value.js';
import type { RunResponse } from '../../interpreter/run-state.js';
import type { EngineService, StartedRun, TriggerOutputs } from '../../runtime/engine-types.js';
import type { Store } from '../../store/store.js';
import { SIGNATURE_QUERY_NAMES, type SignedQuery } from '../../triggers/callback-url.js';
import { sendJson } from '../json-response.js';
import { requestHeaders, requestQueries } from '../parse-request.js';
import { requestTriggerBody, validateTriggerBody } from '../request-trigger-body.js';
import { authorizeInvoke, type InvokeRequest, type InvokeTarget } from '../services/request-trigger-service.js';
import type { HookConfig } from '../../config.js';
import { ApiError } from '../api-error.js';
import { detach } from '../services/started-run.js';

/** Logic Apps' inbound request limit for a synchronous Response (Consumption). */
export const DEFAULT_REQUEST_TRIGGER_TIMEOUT_MS = 120_000;

export interface RequestTriggerDeps {
  engine: EngineService;
  store: Store;
  timeoutMs: number;
  /** Triggers the configuration serves at `/hooks/{name}` without a signature. */
  hooks?: Readonly<Record<string, HookConfig>>;
}

const INVOKE_PATH = /^\/workflows\/[^/]+\/triggers\/[^/]+\/paths\/invoke(\/.*)?$/;
const HOOK_PATH = /^\/hooks\/[^/]+(\/.*)?$/;

/** Which trigger a call addresses, and how it proves it may call it. */
type InvokeAddress = Omit<InvokeRequest, 'method'>;
/** Headers a Response action may not set: the server owns the framing of the answer. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

function signedQuery(req: Request): SignedQuery {
  const single = (name: string): string | undefined => {
    const value: unknown = req.query[name];
    return typeof value === 'string' ? value : undefined;
  };
  return { sp: single('sp'), sv: single('sv'), sig: single('sig') };
}

function triggerOutputs(req: Request, target: InvokeTarget): TriggerOutputs {
  const headers = requestHeaders(req);
  // The inbound Authorization header stays out of run history unless the trigger asks for it.
  if (!target.inputs.includeAuthorizationHeader) delete headers['authorization'];
  const queries = requestQueries(req);
  for (const name of SIGNATURE_QUERY_NAMES) delete queries[name];
  const outputs: TriggerOutputs = { headers, queries };
  if (target.relativePathParameters !== undefined) outputs.relativePathParameters = target.relativePathParameters;
  const body = requestTriggerBody(req);
  if (target.inputs.validateSchema && target.inputs.schema !== undefined) validateTriggerBody(target.triggerName, target.inputs.schema, body);
  if (body !== undefined) outputs.body = body;
  return outputs;
}

interface CallContext {
  target: InvokeTarget;
  correlationId: string;
  clientTrackingId?: string;
}

function setWorkflowHeaders(res: Response, call: CallContext, runId: string | undefined): void {
  if (call.target.inputs.suppressWorkflowHeaders) return;
  res.set('x-ms-workflow-name', call.target.workflow.name);
  res.set('x-ms-workflow-version', String(call.target.workflow.version));
  res.set('x-ms-correlation-id', call.correlationId);
  if (runId === undefined) return;
  res.set('x-ms-workflow-run-id', runId);
  res.set('x-ms-trigger-history-name', runId);
  res.set('x-ms-client-tracking-id', call.clientTrackingId ?? runId);
}

/** Writes a Response action's answer: JSON as JSON, text as text, content envelopes as their bytes. */
function sendRunResponse(res: Response, response: RunResponse): void {
  res.status(response.statusCode);
  let hasType = false;
  for (const [name, value] of Object.entries(response.headers)) {
    if (FRAMING_HEADERS.has(name.toLowerCase())) continue;
    if (name.toLowerCase() === 'content-type') hasType = true;
    res.set(name, value);
  }
  const body: Value = response.body;
  if (body === null || body === undefined) {
    res.end();
    return;
  }
  let bytes: Buffer;
  let type: string;
  if (typeof body === 'string') {
    [bytes, type] = [Buffer.from(body, 'utf8'), 'text/plain; charset=utf-8'];
  } else if (isEnvelope(body)) {
    [bytes, type] = [Buffer.from(body['$content'], 'base64'), body['$content-type']];
  } else {
    [bytes, type] = [Buffer.from(toJsonText(body), 'utf8'), 'application/json; charset=utf-8'];
  }
  if (!hasType) res.set('content-type', type);
  res.end(bytes);
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

async function answerSynchronously(res: Response, deps: RequestTriggerDeps, call: CallContext, started: StartedRun): Promise<void> {
  const outcome = await awaitResponse(deps.engine, started, deps.timeoutMs);
  setWorkflowHeaders(res, call, started.runId);
  if (outcome === 'timeout') {
    const seconds = Math.round(deps.timeoutMs / 100) / 10;
    sendJson(res, 504, {
      code: 'GatewayTimeout',
      message: `Run '${started.runId}' of workflow '${call.target.workflow.name}' did not send its Response within ${seconds} seconds; the run goes on, and a Response it sends later fails with ActionResponseTimedOut.`,
    });
    return;
  }
  if (outcome === undefined) {
    sendJson(res, 502, {
      code: 'NoResponse',
      message: `Run '${started.runId}' of workflow '${call.target.workflow.name}' finished without sending a Response (its Response action did not run or failed).`,
    });
    return;
  }
  sendRunResponse(res, outcome);
}

function signedAddress(req: Request): InvokeAddress {
  return {
    workflowName: String(req.params['name']),
    triggerName: String(req.params['trigger']),
    relativePath: INVOKE_PATH.exec(req.path)?.[1] ?? '',
    signature: signedQuery(req),
  };
}

function hookAddress(hooks: Readonly<Record<string, HookConfig>>): (req: Request) => InvokeAddress {
  return (req) => {
    const name = String(req.params['hook']);
    const hook = Object.hasOwn(hooks, name) ? hooks[name] : undefined;
    if (hook === undefined) throw new ApiError(404, 'HookNotFound', `No hook '${name}' is configured (sluice.config.json /hooks).`);
    return { workflowName: hook.workflow, triggerName: hook.trigger, relativePath: HOOK_PATH.exec(req.path)?.[1] ?? '', signature: 'hook' };
  };
}

function invokeHandler(deps: RequestTriggerDeps, address: (req: Request) => InvokeAddress): RequestHandler {
  return async (req, res) => {
    const target = authorizeInvoke({ engine: deps.engine, store: deps.store, method: req.method, ...address(req) });
    const outputs = triggerOutputs(req, target);
    const call: CallContext = { target, correlationId: randomUUID() };
    const tracking = req.get('x-ms-client-tracking-id');
    if (tracking !== undefined && tracking !== '') call.clientTrackingId = tracking;
    const fired = await deps.engine.fireTrigger({
      workflowName: target.workflow.name,
      triggerName: target.triggerName,
      outputs,
      clientTrackingId: call.clientTrackingId,
    });
    if (fired.status === 'failed') {
      setWorkflowHeaders(res, call, undefined);
      sendJson(res, 400, { code: fired.error.code, message: fired.error.message });
      return;
    }
    const runs = fired.status === 'fired' ? fired.runs : [];
    runs.forEach(detach);
    if (runs.length === 1 && target.hasResponse && !target.inputs.splitOn) {
      await answerSynchronously(res, deps, call, runs[0]!);
      return;
    }
    setWorkflowHeaders(res, call, runs[0]?.runId);
    res.status(202).end();
  };
}

/** The trigger's one method is checked by the handler (405), so every method is routed to it. */
export function registerRequestTriggerRoutes(router: Router, deps: RequestTriggerDeps): void {
  const signed = invokeHandler(deps, signedAddress);
  for (const path of ['/workflows/:name/triggers/:trigger/paths/invoke', '/workflows/:name/triggers/:trigger/paths/invoke/*relativePath']) {
    router.route(path).get(signed).post(signed).put(signed).patch(signed).delete(signed);
  }
  const hooked = invokeHandler(deps, hookAddress(deps.hooks ?? {}));
  for (const path of ['/hooks/:hook', '/hooks/:hook/*relativePath']) {
    router.route(path).get(hooked).post(hooked).put(hooked).patch(hooked).delete(hooked);
  }
}
