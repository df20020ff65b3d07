/**
 * The `Http` action (spec §4.1): one outbound call, its response recorded as
 * `{statusCode, headers, body}`. 2xx succeeds with the status name as code (`OK`, `Created`);
 * anything else fails with it (`NotFound`), retryable for 408, 429, 5xx and connection failures.
 * Retrying is the interpreter's job (it reads `retryPolicy`); this only classifies.
 *
 * Asynchronous pattern: a 202 with a `Location` header is polled with GET until the answer is not
 * 202, waiting `Retry-After` seconds (or a default) between polls; the final answer is the result.
 * `operationOptions: DisableAsyncPattern` makes the 202 itself the result. A 202 without `Location`
 * is the result too: the original request is never re-sent, as that could repeat its effect.
 *
 * `ctx.signal` (run cancelled, `limit.timeout` passed) aborts the request or the wait → Cancelled.
 *
 * Authentication (authentication.ts) is resolved after the request is checked, so a bad `uri`
 * costs no token. A 429 or 503 answer carries its `Retry-After` as `retryAfterMs`, for the retry
 * policy to wait at least that long.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { ActionResult, EffectActionDescriptor, EffectContext } from '../../engine/actions/descriptor.js';
import type { TokenProvider } from '../../engine/identity/token-provider.js';
import { resultFromStatus } from '../../engine/actions/http-status.js';
import { getMember, isObject, type Value, type ValueObject } from '../../engine/expressions/value.js';
import { resolveAuthentication, sanitizeAuthentication } from './authentication.js';
import { prepareRequest, withAuthentication, type PreparedRequest } from './http-inputs.js';
import { sendRequest, transportFailure, type ReceivedResponse } from './http-request.js';
import { decodeResponseBody } from './response-body.js';

export interface HttpActionOptions {
  /** Timeout of one request (default 120 s, the Consumption limit). */
  requestTimeoutMs?: number;
  /** Wait between polls when a 202 gives no `Retry-After` (default 10 s). */
  defaultPollIntervalMs?: number;
  /** Upper bound of one wait between polls, whatever `Retry-After` asks (default 1 h). */
  maxPollIntervalMs?: number;
  /** How long the asynchronous pattern may poll before the action times out (default 1 day). */
  maxAsyncDurationMs?: number;
  userAgent?: string;
  /** Source of ManagedServiceIdentity tokens; without it that authentication type is unavailable. */
  tokens?: TokenProvider;
  /** PEM certificate authorities trusted besides the system's (private CAs, tests). */
  trustedCertificates?: readonly string[];
}

type Settings = Required<Omit<HttpActionOptions, 'tokens'>> & Pick<HttpActionOptions, 'tokens'>;

const DEFAULTS: Settings = {
  requestTimeoutMs: 120_000,
  defaultPollIntervalMs: 10_000,
  maxPollIntervalMs: 3_600_000,
  maxAsyncDurationMs: 86_400_000,
  userAgent: 'sluice-workflows/1.0',
  trustedCertificates: [],
};

export function hasOperationOption(operationOptions: string | undefined, option: string): boolean {
  if (!operationOptions) return false;
  const wanted = option.toLowerCase();
  return operationOptions.split(',').some((o) => o.trim().toLowerCase() === wanted);
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}

/** `Retry-After` as delta-seconds or an HTTP date, clamped to [0, max]; the default when absent or unreadable. */
export function pollDelayMs(headers: Record<string, string>, opts: Pick<Settings, 'defaultPollIntervalMs' | 'maxPollIntervalMs'>, now = Date.now()): number {
  const ms = retryAfterMs(headers, now) ?? opts.defaultPollIntervalMs;
  return Math.min(ms, opts.maxPollIntervalMs);
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from `now` (never negative); undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now = Date.now()): number | undefined {
  const raw = headerValue(headers, 'Retry-After')?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(date - now, 0);
}

function cancelled(): ActionResult {
  const message = 'The HTTP action was cancelled before it completed.';
  return { status: 'Cancelled', code: 'Cancelled', error: { code: 'Cancelled', message } };
}

/** The final response as the action's result. */
function resultOf(response: ReceivedResponse): ActionResult {
  const decoded = decodeResponseBody(response.bytes, headerValue(response.headers, 'Content-Type'));
  const outputs: ValueObject = { statusCode: response.statusCode, headers: response.headers };
  const success = response.statusCode >= 200 && response.statusCode <= 299;
  if (!decoded.ok && success) {
    return { status: 'Failed', code: 'BadRequest', error: { code: 'BadRequest', message: decoded.message }, retryable: false };
  }
  // A failed call whose JSON is broken still shows what came back, as text.
  const body = decoded.ok ? decoded.body : response.bytes.toString('utf8');
  if (body !== undefined) outputs['body'] = body;
  const result = resultFromStatus(response.statusCode, outputs, 'Http request');
  if (response.statusCode === 429 || response.statusCode === 503) {
    const wait = retryAfterMs(response.headers);
    if (wait !== undefined) result.retryAfterMs = wait;
  }
  return result;
}

async function pollUntilDone(first: ReceivedResponse, req: PreparedRequest, ctx: EffectContext, opts: Settings): Promise<ReceivedResponse | 'timedOut'> {
  let response = first;
  let url = req.url;
  const deadline = Date.now() + opts.maxAsyncDurationMs;
  for (;;) {
    const location = response.statusCode === 202 ? headerValue(response.headers, 'Location') : undefined;
    if (location === undefined) return response;
    url = new URL(location, url);
    const wait = pollDelayMs(response.headers, opts);
    if (Date.now() + wait > deadline) return 'timedOut';
    await delay(wait, undefined, { signal: ctx.signal });
    response = await sendRequest({ method: 'GET', url, headers: req.pollHeaders, tls: req.tls }, opts.requestTimeoutMs, ctx.signal);
  }
}

/** Inputs as run history records them: authentication secrets hidden. */
function recordedInputs(inputs: Value): Value | undefined {
  if (!isObject(inputs)) return undefined;
  const auth = getMember(inputs, 'authentication');
  if (auth === undefined || auth === null) return undefined;
  const key = Object.keys(inputs).find((k) => k.toLowerCase() === 'authentication')!;
  return { ...inputs, [key]: sanitizeAuthentication(auth) };
}

async function runHttp(inputs: Value, ctx: EffectContext, opts: Settings): Promise<ActionResult> {
  const prepared = prepareRequest(inputs, {
    workflowName: ctx.workflowName,
    runId: ctx.runId,
    actionName: ctx.actionName,
    suppressWorkflowHeaders: hasOperationOption(ctx.operationOptions, 'SuppressWorkflowHeaders'),
    userAgent: opts.userAgent,
  });
  if (!prepared.ok) return prepared.result;
  if (ctx.signal.aborted) return cancelled();
  const auth = await resolveAuthentication(isObject(inputs) ? getMember(inputs, 'authentication') : undefined, {
    tokens: opts.tokens,
    workflowName: ctx.workflowName,
    timeoutMs: opts.requestTimeoutMs,
    signal: ctx.signal,
  });
  if (ctx.signal.aborted) return cancelled();
  if (!auth.ok) return auth.result;
  const trusted = opts.trustedCertificates.length > 0 ? { ca: opts.trustedCertificates } : undefined;
  const req = withAuthentication({ ...prepared.request, tls: trusted }, auth);
  try {
    let response: ReceivedResponse | 'timedOut' = await sendRequest(req, opts.requestTimeoutMs, ctx.signal);
    if (!hasOperationOption(ctx.operationOptions, 'DisableAsyncPattern')) response = await pollUntilDone(response, req, ctx, opts);
    if (response === 'timedOut') {
      const message = 'The asynchronous operation did not complete within the allowed duration.';
      return { status: 'TimedOut', code: 'ActionTimedOut', error: { code: 'ActionTimedOut', message } };
    }
    return resultOf(response);
  } catch (err) {
    if (ctx.signal.aborted) return cancelled();
    const failure = transportFailure(err);
    return {
      status: 'Failed',
      code: 'BadRequest',
      error: { code: 'BadRequest', message: failure.message },
      retryable: failure.kind !== 'request',
    };
  }
}

export function createHttpAction(options: HttpActionOptions = {}): EffectActionDescriptor {
  const opts: Settings = { ...DEFAULTS, ...stripUndefined(options) };
  return {
    type: 'Http',
    kind: 'effect',
    async run(inputs: Value, ctx: EffectContext): Promise<ActionResult> {
      const result = await runHttp(inputs, ctx, opts);
      const recorded = recordedInputs(inputs);
      return recorded === undefined ? result : { ...result, inputs: recorded };
    },
  };
}

function stripUndefined(o: HttpActionOptions): HttpActionOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as HttpActionOptions;
}

export const httpAction: EffectActionDescriptor = createHttpAction();
