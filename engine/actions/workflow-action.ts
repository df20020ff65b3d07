/**
 * The `Workflow` action (spec §4.16): calls another workflow of this engine through its request
 * trigger and waits for that run's Response. Inputs: `host.workflow.id` (a resource id such as
 * `/subscriptions/…/providers/Microsoft.Logic/workflows/child`, whose last segment is the workflow
 * name, or the plain name; one doc sample puts `id` directly under `host`), `host.triggerName`,
 * `headers`, `body`.
 *
 * The child's Response is recorded as `{statusCode, headers, body}` and classified as an HTTP call:
 * 2xx succeeds, anything else fails with the status name as code, 408/429/5xx retryable (the action
 * takes a retry policy, and Logic Apps retries a failing child call under it).
 */
import { getMember, isObject, toText, type Value, type ValueObject } from '../expressions/value.js';
import type { ActionResult, EffectActionDescriptor, EffectContext } from './descriptor.js';
import { resultFromStatus } from './http-status.js';

function invalid(message: string): ActionResult {
  return { status: 'Failed', code: 'InvalidTemplate', error: { code: 'InvalidTemplate', message }, retryable: false };
}

/** The workflow name in a resource id (`…/workflows/<name>`), or the text itself when it is a plain name. */
export function workflowNameFromId(id: string): string {
  const segments = id.split('/').filter((s) => s !== '');
  const marker = segments.findIndex((s) => s.toLowerCase() === 'workflows');
  if (marker >= 0 && marker + 1 < segments.length) return segments[marker + 1]!;
  return segments[segments.length - 1] ?? '';
}

interface ChildCall {
  workflow: string;
  trigger: string;
  headers: Record<string, string>;
  body: Value;
}

function readCall(inputs: Value): ChildCall | string {
  if (!isObject(inputs)) return 'The inputs of the Workflow action must be an object.';
  const host = getMember(inputs, 'host');
  if (!isObject(host)) return "The Workflow action needs a 'host' with the workflow to call.";
  const workflow = getMember(host, 'workflow');
  const id = isObject(workflow) ? getMember(workflow, 'id') : getMember(host, 'id');
  if (typeof id !== 'string' || workflowNameFromId(id) === '') return "The Workflow action needs 'host.workflow.id', the called workflow's resource id or name.";
  const trigger = getMember(host, 'triggerName');
  if (typeof trigger !== 'string' || trigger === '') return "The Workflow action needs 'host.triggerName', the called workflow's request trigger.";
  const rawHeaders = getMember(inputs, 'headers');
  if (rawHeaders !== undefined && rawHeaders !== null && !isObject(rawHeaders)) return "The 'headers' of the Workflow action must be an object.";
  const headers: Record<string, string> = {};
  if (isObject(rawHeaders)) for (const name of Object.keys(rawHeaders)) headers[name] = toText(rawHeaders[name]!);
  return { workflow: workflowNameFromId(id), trigger, headers, body: getMember(inputs, 'body') ?? null };
}

/** Settles with the promise, or with 'aborted' as soon as the signal fires (the child keeps running). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | 'aborted'> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return resolve('aborted');
    const onAbort = (): void => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** A failure thrown by the engine while starting the child (unknown workflow, no request trigger, disabled). */
function invocationFailure(err: unknown): ActionResult {
  const rec = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown; retryable?: unknown };
  const code = typeof rec.code === 'string' ? rec.code : 'ActionFailed';
  const message = typeof rec.message === 'string' ? rec.message : String(err);
  return { status: 'Failed', code, error: { code, message }, retryable: rec.retryable === true };
}

async function runWorkflow(inputs: Value, ctx: EffectContext): Promise<ActionResult> {
  const call = readCall(inputs);
  if (typeof call === 'string') return invalid(call);
  const cancelled: ActionResult = { status: 'Cancelled', code: 'Cancelled', error: { code: 'Cancelled', message: 'The call of the child workflow was cancelled.' } };
  if (ctx.signal.aborted) return cancelled;
  let response;
  try {
    const answer = await raceAbort(ctx.services.invokeWorkflow({ ...call, parentRunId: ctx.runId }), ctx.signal);
    if (answer === 'aborted') return cancelled;
    response = answer;
  } catch (err) {
    if (ctx.signal.aborted) return cancelled;
    return invocationFailure(err);
  }
  const outputs: ValueObject = { statusCode: response.statusCode, headers: { ...response.headers } };
  if (response.body !== null && response.body !== undefined) outputs['body'] = response.body;
  return resultFromStatus(response.statusCode, outputs, `The call of workflow '${call.workflow}'`);
}

export const workflowAction: EffectActionDescriptor = {
  type: 'Workflow',
  kind: 'effect',
  run: runWorkflow,
};
