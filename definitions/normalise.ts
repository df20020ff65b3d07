/**
 * Makes the loader's own copy of a definition with the spellings Logic Apps treats as equal
 * rewritten to one form: trigger and action types, runAfter statuses and parameter types.
 * (Other enumerated values are canonicalised after the schema check, which knows where they are.)
 * The caller's object is never touched.
 */
import { collectActions, collectTriggers } from './action-tree.js';
import { canonicalActionType, canonicalRunAfterStatus, canonicalTriggerType } from './type-names.js';
import { isPlainObject } from './unwrap.js';

export const PARAMETER_TYPES = ['string', 'securestring', 'int', 'float', 'bool', 'array', 'object', 'secureobject'] as const;

export function normaliseDefinition(definition: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(definition);
  for (const [, node] of collectTriggers(copy)) {
    if (typeof node['type'] === 'string') node['type'] = canonicalTriggerType(node['type']);
    for (const key of ['recurrence', 'evaluatedRecurrence']) {
      const recurrence = node[key];
      if (isPlainObject(recurrence) && isPlainObject(recurrence['schedule'])) normaliseSchedule(recurrence['schedule']);
    }
  }
  for (const site of collectActions(copy)) {
    const node = site.node;
    if (typeof node['type'] === 'string') node['type'] = canonicalActionType(node['type']);
    normaliseRunAfter(node['runAfter']);
  }
  const parameters = copy['parameters'];
  if (isPlainObject(parameters)) {
    for (const param of Object.values(parameters)) {
      if (!isPlainObject(param) || typeof param['type'] !== 'string') continue;
      const lower = param['type'].toLowerCase();
      if ((PARAMETER_TYPES as readonly string[]).includes(lower)) param['type'] = lower;
    }
  }
  return copy;
}

/** Azure accepts schedule hours and minutes written as digit strings (`"hours": ["8"]`). */
function normaliseSchedule(schedule: Record<string, unknown>): void {
  const toNumber = (v: unknown): unknown => (typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : v);
  for (const key of ['hours', 'minutes']) {
    const value = schedule[key];
    if (value !== undefined) schedule[key] = Array.isArray(value) ? value.map(toNumber) : toNumber(value);
  }
}

function normaliseRunAfter(runAfter: unknown): void {
  if (!isPlainObject(runAfter)) return;
  for (const statuses of Object.values(runAfter)) {
    if (!Array.isArray(statuses)) continue;
    statuses.forEach((s, i) => {
      if (typeof s !== 'string') return;
      const canonical = canonicalRunAfterStatus(s);
      if (canonical) statuses[i] = canonical;
    });
  }
}

/** Freezes a JSON value in place, all the way down, so the compiled form stays immutable. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
