/**
 * Actions with external effects: the transition records the attempt and asks the executor to run
 * it; the result comes back as an event. Failed attempts that are worth retrying wait on a durable
 * timer per the action's retry policy.
 */
import type { ActionResult } from '../actions/descriptor.js';
import { drawRandom } from './entropy.js';
import { durationMs } from './iso-duration.js';
import type { ActionPlan } from './plan.js';
import { parseRetryPolicy, retryDelayMs } from './retry-policy.js';
import type { ActionRecord } from './run-state.js';
import type { Step } from './transition.js';

/** Longest wait a Retry-After header may impose (the policy's own maximum interval is one day). */
const MAX_RETRY_AFTER_MS = 86_400_000;

export function invokeEffect(step: Step, record: ActionRecord, plan: ActionPlan): void {
  const inputs = step.evaluateInputs(record, plan);
  if (!inputs.ok) {
    step.complete(record, inputs.result);
    return;
  }
  record.inputs = inputs.value;
  sendAttempt(step, record, plan);
}

function sendAttempt(step: Step, record: ActionRecord, plan: ActionPlan): void {
  record.attempts += 1;
  record.status = 'Running';
  step.touch(record);
  step.commands.push({
    kind: 'invokeAction',
    key: record.key,
    name: record.name,
    type: record.type,
    attempt: record.attempts,
    inputs: record.inputs ?? null,
    timeoutMs: timeoutOf(plan),
  });
}

/** The action's `limit.timeout` in milliseconds, if it has a usable one. */
function timeoutOf(plan: ActionPlan): number | undefined {
  const limit = plan.node['limit'] as { timeout?: unknown } | undefined;
  if (typeof limit?.timeout !== 'string') return undefined;
  try {
    const ms = durationMs(limit.timeout);
    return ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

export function completeEffectAttempt(step: Step, key: string, attempt: number, result: ActionResult): void {
  const record = step.state.actions[key];
  // A result for an attempt that is no longer current (a cancelled run, a duplicate delivery after
  // a restart) changes nothing.
  if (record === undefined || record.status !== 'Running' || record.attempts !== attempt || !step.running) return;
  const plan = step.plan.actions.get(record.name)!;
  if (result.status === 'Failed' && result.retryable === true) {
    const policyDelay = retryDelay(step, plan, record);
    // A Retry-After from the server (429, 503) lengthens the wait; the policy still decides whether to retry.
    const delay = policyDelay === undefined ? undefined : Math.max(policyDelay, Math.min(result.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
    if (delay !== undefined) {
      step.finish(record, result);
      step.keepAttemptRow(record);
      record.status = 'Running';
      delete record.endTime;
      const due = new Date(Date.parse(step.at) + delay).toISOString();
      step.state.timers[key] = { key, due, purpose: 'retry' };
      step.commands.push({ kind: 'startTimer', key, due, purpose: 'retry' });
      return;
    }
  }
  const final: ActionResult = result.status === 'TimedOut' && result.code === undefined
    ? { ...result, code: 'ActionTimedOut', error: result.error ?? { code: 'ActionTimedOut', message: `The action '${record.name}' timed out.` } }
    : result;
  step.complete(record, final);
}

export function retryTimerFired(step: Step, key: string): void {
  const record = step.state.actions[key];
  const timer = step.state.timers[key];
  if (record === undefined || timer === undefined || timer.purpose !== 'retry' || !step.running) return;
  delete step.state.timers[key];
  sendAttempt(step, record, step.plan.actions.get(record.name)!);
}

/** Delay before the next attempt, or undefined when the policy allows no more. */
function retryDelay(step: Step, plan: ActionPlan, record: ActionRecord): number | undefined {
  const inputs = plan.node['inputs'] as { retryPolicy?: unknown } | undefined;
  const policy = parseRetryPolicy(inputs?.retryPolicy);
  if ('error' in policy) return undefined;
  return retryDelayMs(policy, record.attempts, drawRandom(step.state.entropy, step.state.draws++));
}
