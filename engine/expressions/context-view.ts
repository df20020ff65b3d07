/**
 * A RunView over a plain context object — the format of the conformance vectors and of
 * `sluice eval --context`: `{ parameters, variables, triggerBody, trigger, actions, item, items,
 * iterationIndexes, results, workflow, action, now, callbackUrl, appSettings }`, every key optional.
 */
import { randomUUID } from 'node:crypto';
import { DefinitionError } from '../errors.js';
import type { RunView } from './run-view.js';
import { findKey, getMember, isObject, type Value, type ValueObject } from './value.js';

export interface EvalContext {
  parameters?: ValueObject;
  variables?: ValueObject;
  triggerBody?: Value;
  trigger?: ValueObject;
  actions?: ValueObject;
  item?: Value;
  items?: ValueObject;
  iterationIndexes?: ValueObject;
  results?: ValueObject;
  workflow?: Value;
  action?: Value;
  now?: string;
  callbackUrl?: string;
  appSettings?: ValueObject;
}

const KEYS = new Set([
  'parameters', 'variables', 'triggerBody', 'trigger', 'actions', 'item', 'items', 'iterationIndexes',
  'results', 'workflow', 'action', 'now', 'callbackUrl', 'appSettings',
]);

/** Checks the shape of a context object and reports the first key that is wrong. */
export function parseEvalContext(raw: unknown, source = 'context'): EvalContext {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw as Value)) throw new DefinitionError('InvalidArgument', `${source}: must be a JSON object`);
  const ctx = raw as Record<string, unknown>;
  for (const key of Object.keys(ctx)) {
    if (!KEYS.has(key)) {
      throw new DefinitionError('InvalidArgument', `${source}: unknown key '${key}' (expected one of ${[...KEYS].join(', ')})`, {
        where: { pointer: `/${key}` },
      });
    }
  }
  for (const key of ['parameters', 'variables', 'actions', 'items', 'iterationIndexes', 'results', 'appSettings', 'trigger']) {
    if (ctx[key] !== undefined && !isObject(ctx[key] as Value)) {
      throw new DefinitionError('InvalidArgument', `${source}: '${key}' must be an object`, { where: { pointer: `/${key}` } });
    }
  }
  for (const key of ['now', 'callbackUrl']) {
    if (ctx[key] !== undefined && typeof ctx[key] !== 'string') {
      throw new DefinitionError('InvalidArgument', `${source}: '${key}' must be a string`, { where: { pointer: `/${key}` } });
    }
  }
  return ctx as EvalContext;
}

function lookup(table: ValueObject | undefined, name: string): Value | undefined {
  return table === undefined ? undefined : getMember(table, name);
}

export function contextView(context: EvalContext = {}): RunView {
  const trigger = triggerRecord(context);
  return {
    trigger: () => trigger,
    action: (name) => lookup(context.actions, name),
    currentAction: () => context.action,
    parameter: (name) => lookup(context.parameters, name),
    variable: (name) => lookup(context.variables, name),
    item: () => context.item,
    items: (loop) => lookup(context.items, loop),
    iterationIndex: (loop) => {
      const value = lookup(context.iterationIndexes, loop);
      return typeof value === 'number' ? value : undefined;
    },
    result: (scope) => (scope === undefined ? undefined : lookup(context.results, scope)),
    workflow: () => context.workflow,
    callbackUrl: () => context.callbackUrl,
    appSetting: (name) => lookup(context.appSettings, name),
    now: () => context.now ?? new Date().toISOString(),
    random: () => Math.random(),
    newGuid: () => randomUUID(),
  };
}

/** `triggerBody` is shorthand for `trigger.outputs.body`; both may be given. */
function triggerRecord(context: EvalContext): Value | undefined {
  if (context.triggerBody === undefined) return context.trigger;
  const record: ValueObject = { ...(context.trigger ?? {}) };
  const outputsKey = findKey(record, 'outputs') ?? 'outputs';
  const outputs = record[outputsKey];
  record[outputsKey] = { ...(isObject(outputs) ? outputs : {}), body: context.triggerBody };
  return record;
}
