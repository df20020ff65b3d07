/**
 * The polling Http trigger (spec §3.3): on each recurrence it sends the request in its inputs; a
 * 200 fires a run whose trigger outputs are `{ statusCode, headers, body }`, a 202 means nothing new,
 * anything else is a failed poll. A `Location` header names the URL to poll next time.
 */
import type { EffectActionDescriptor, EffectServices } from '../../engine/actions/descriptor.js';
import { isObject, type Value, type ValueObject } from '../../engine/expressions/value.js';
import type { PollingTriggerDescriptor } from '../../engine/triggers/descriptor.js';
import { httpAction } from './http-action.js';

/** A trigger's poll has no run to answer or child workflow to call. */
const NO_SERVICES: EffectServices = {
  respond: () => 'noCaller',
  invokeWorkflow: () => Promise.reject(new Error('a trigger cannot call a workflow')),
};

function headerOf(headers: Value | undefined, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return typeof value === 'string' ? value : undefined;
}

/** The polling Http trigger sending its requests through the given Http action (with its token source). */
export function createHttpPollingTrigger(http: EffectActionDescriptor = httpAction): PollingTriggerDescriptor {
  return {
    type: 'Http',
    kind: 'polling',
    async poll(ctx) {
      const inputs = isObject(ctx.inputs) ? { ...ctx.inputs } : {};
      const location = isObject(ctx.state) && typeof ctx.state['location'] === 'string' ? ctx.state['location'] : undefined;
      if (location !== undefined) inputs['uri'] = location;
      const result = await http.run(inputs as ValueObject, {
        runId: '', workflowName: ctx.workflowName, actionName: ctx.triggerName, key: ctx.triggerName, attempt: 1,
        signal: ctx.signal, services: NO_SERVICES, operationOptions: 'DisableAsyncPattern',
      });
      const outputs = isObject(result.outputs) ? result.outputs : {};
      const statusCode = outputs['statusCode'];
      const next = headerOf(outputs['headers'], 'location');
      const state: ValueObject = next === undefined ? {} : { location: next };
      if (statusCode === 200) {
        return { status: 'fired', outputs: { statusCode, headers: (outputs['headers'] ?? {}) as Record<string, string>, body: outputs['body'] ?? null }, state };
      }
      if (statusCode === 202) return { status: 'skipped', reason: 'the endpoint answered 202 Accepted: nothing new', state };
      return { status: 'failed', error: result.error ?? { code: String(result.code ?? 'BadRequest'), message: `the poll answered ${String(statusCode ?? 'nothing')}` } };
    },
  };
}

export const httpPollingTrigger: PollingTriggerDescriptor = createHttpPollingTrigger();
