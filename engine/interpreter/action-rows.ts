/**
 * History rows of action executions, with secure data removed: inputs/outputs hidden by
 * runtimeConfiguration.secureData, and any occurrence of a securestring/secureobject parameter
 * value, never reach the store.
 */
import { isObject, toJsonText, type Value } from '../expressions/value.js';
import type { ActionRow } from '../store/store.js';
import type { WorkflowPlan } from './plan.js';
import type { ActionRecord, RunState } from './run-state.js';

const secureValuesCache = new WeakMap<RunState, string[]>();

/** The text forms of the run's secure parameter values (long enough to be worth looking for). */
function secureValues(state: RunState, plan: WorkflowPlan): string[] {
  let values = secureValuesCache.get(state);
  if (values !== undefined) return values;
  values = [];
  const declared = plan.definition['parameters'] as Record<string, { type?: string }> | undefined;
  for (const [name, decl] of Object.entries(declared ?? {})) {
    const type = String(decl?.type ?? '').toLowerCase();
    if (type !== 'securestring' && type !== 'secureobject') continue;
    const value = state.parameters[name];
    if (value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : toJsonText(value);
    if (text.length >= 3) values.push(text);
    if (isObject(value)) for (const member of Object.values(value)) if (typeof member === 'string' && member.length >= 3) values.push(member);
  }
  secureValuesCache.set(state, values);
  return values;
}

function revealsSecret(value: Value | undefined, secrets: string[]): boolean {
  if (value === undefined || secrets.length === 0) return false;
  const text = typeof value === 'string' ? value : toJsonText(value);
  return secrets.some((secret) => text.includes(secret));
}

export function toActionRow(state: RunState, plan: WorkflowPlan, record: ActionRecord): ActionRow {
  const secrets = secureValues(state, plan);
  const hideInputs = record.secureInputs === true || revealsSecret(record.inputs, secrets);
  const hideOutputs = record.secureOutputs === true || revealsSecret(record.outputs, secrets);
  const row: ActionRow = {
    runId: state.runId,
    key: record.key,
    name: record.name,
    type: record.type,
    repetition: record.repetition,
    attempt: Math.max(1, record.attempts),
    status: record.status,
  };
  if (record.code !== undefined) row.code = record.code;
  if (record.inputs !== undefined && !hideInputs) row.inputs = record.inputs;
  if (record.outputs !== undefined && !hideOutputs) row.outputs = record.outputs;
  if (hideInputs) row.secureInputs = true;
  if (hideOutputs) row.secureOutputs = true;
  if (record.error !== undefined) row.error = hideOutputs ? { code: record.error.code, message: 'The error details are hidden: the action has secure outputs.' } : record.error;
  if (record.startTime !== undefined) row.startTime = record.startTime;
  if (record.endTime !== undefined) row.endTime = record.endTime;
  if (record.trackedProperties !== undefined) row.trackedProperties = record.trackedProperties;
  return row;
}
