/**
 * What happens between a trigger producing outputs and runs starting: its `conditions` must all
 * hold (a Logic Apps expression, or — beyond Logic Apps — a json-logic rule over the trigger
 * outputs), then `splitOn` makes one run per array element (a Logic Apps expression, or a JSONPath
 * starting with `$`), each with its clientTrackingId. Shared by polling triggers and request
 * triggers, so both behave the same.
 */
import jsonLogic from 'json-logic-js';
import { JSONPath } from 'jsonpath-plus';
import { compileTemplate } from '../expressions/index.js';
import type { RunView } from '../expressions/run-view.js';
import { isObject, toPlain, toText, type Value, type ValueObject } from '../expressions/value.js';
import { parseJson } from '../expressions/json-parse.js';
import { contextView } from '../expressions/context-view.js';
import type { TriggerOutputs } from './engine-types.js';

export interface FiringItem {
  outputs: TriggerOutputs;
  clientTrackingId?: string;
}

export type FiringPlan = { status: 'fire'; items: FiringItem[] } | { status: 'skipped'; reason: string } | { status: 'failed'; error: { code: string; message: string } };

export interface FiringInput {
  triggerName: string;
  node: Readonly<Record<string, unknown>>;
  outputs: TriggerOutputs;
  parameters: Record<string, Value>;
  now: string;
  /** splitOn to apply when the definition has none (blob triggers split their array by default). */
  defaultSplitOn?: string;
  /** The x-ms-client-tracking-id of the request that fired, if any. */
  clientTrackingId?: string;
}

function triggerRecord(input: FiringInput, outputs: TriggerOutputs): ValueObject {
  const out: ValueObject = {};
  for (const [key, value] of Object.entries(outputs)) if (value !== undefined) out[key] = value;
  return { name: input.triggerName, outputs: out, status: 'Succeeded', code: 'OK', startTime: input.now, endTime: input.now };
}

function viewOf(input: FiringInput, record: ValueObject): RunView {
  return contextView({ trigger: record, parameters: input.parameters as ValueObject, now: input.now });
}

/** Evaluates the trigger's conditions; the first that does not hold says why. */
function failedCondition(input: FiringInput, record: ValueObject): string | undefined {
  const conditions = input.node['conditions'];
  if (!Array.isArray(conditions)) return undefined;
  for (const [index, condition] of conditions.entries()) {
    if (!isObject(condition as Value)) continue;
    const c = condition as Record<string, unknown>;
    if (c['jsonLogic'] !== undefined) {
      const data = toPlain(record['outputs'] ?? null) as Record<string, unknown>;
      const holds = jsonLogic.truthy(jsonLogic.apply(c['jsonLogic'] as jsonLogic.RulesLogic, data));
      if (!holds) return `condition ${index + 1} (json-logic) is not met by the trigger outputs`;
      continue;
    }
    if (typeof c['expression'] !== 'string') continue;
    const value = compileTemplate(c['expression'])(viewOf(input, record));
    if (value !== true) return `condition ${index + 1} '${c['expression']}' evaluated to ${toText(value) || 'null'}, not true`;
  }
  return undefined;
}

function splitItems(input: FiringInput, record: ValueObject, splitOn: string): Value[] | string {
  let selected: Value;
  if (splitOn.startsWith('$')) {
    const json = toPlain(record['outputs'] ?? null) as object;
    const found = JSONPath({ path: splitOn, json, wrap: true }) as unknown[];
    // JSONPath matches come back as plain JSON; re-read them as values (integers stay integers).
    return found.map((item) => parseJson(JSON.stringify(item ?? null)));
  } else {
    selected = compileTemplate(splitOn)(viewOf(input, record));
  }
  if (!Array.isArray(selected)) return `splitOn '${splitOn}' must select an array; it selected ${selected === null ? 'null' : typeof selected}`;
  return selected;
}

function trackingIdOf(input: FiringInput, record: ValueObject, expression: unknown): string | undefined {
  if (typeof expression !== 'string') return input.clientTrackingId;
  const value = compileTemplate(expression)(viewOf(input, record));
  return value === null ? input.clientTrackingId : toText(value);
}

export function planFiring(input: FiringInput): FiringPlan {
  try {
    const record = triggerRecord(input, input.outputs);
    const failed = failedCondition(input, record);
    if (failed !== undefined) return { status: 'skipped', reason: failed };
    const splitOn = typeof input.node['splitOn'] === 'string' ? (input.node['splitOn'] as string) : input.defaultSplitOn;
    const correlation = (input.node['correlation'] as { clientTrackingId?: unknown } | undefined)?.clientTrackingId;
    if (splitOn === undefined) {
      return { status: 'fire', items: [{ outputs: input.outputs, clientTrackingId: trackingIdOf(input, record, correlation) }] };
    }
    const items = splitItems(input, record, splitOn);
    if (typeof items === 'string') return { status: 'failed', error: { code: 'InvalidTemplate', message: items } };
    if (items.length === 0) return { status: 'skipped', reason: `splitOn '${splitOn}' selected an empty array` };
    const perItem = (input.node['splitOnConfiguration'] as { correlation?: { clientTrackingId?: unknown } } | undefined)?.correlation?.clientTrackingId;
    return {
      status: 'fire',
      items: items.map((item) => {
        const outputs: TriggerOutputs = { headers: input.outputs.headers ?? {}, body: item };
        return { outputs, clientTrackingId: trackingIdOf(input, triggerRecord(input, outputs), perItem ?? correlation) };
      }),
    };
  } catch (err) {
    return { status: 'failed', error: { code: 'InvalidTemplate', message: (err as Error).message } };
  }
}
