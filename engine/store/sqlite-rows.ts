/**
 * Conversions between store records and SQLite rows. Values go through `toJsonText`/`parseJson`,
 * which keep what JSON.stringify/JSON.parse lose: 64-bit integers (bigint) and integral floats
 * (`Float`). Decimals read back as floats (JSON text has no decimal type).
 */
import { parseJson } from '../expressions/json-parse.js';
import { toJsonText, type Value } from '../expressions/value.js';
import type { ActionRow, RunSummary, TriggerHistoryRow } from './store.js';
import type { RunStatus } from '../interpreter/run-state.js';

export function encodeValue(value: unknown): string {
  return toJsonText(value as Value);
}

export function encodeOptional(value: unknown): string | null {
  return value === undefined ? null : encodeValue(value);
}

export function decodeValue(text: string): Value {
  return parseJson(text, { nonFinite: true });
}

/** Repetition as sortable text: 8 hex digits per loop index, outermost first. */
export function repetitionOrder(repetition: readonly number[]): string {
  let out = '';
  for (const index of repetition) out += index.toString(16).padStart(8, '0');
  return out;
}

export interface ActionDbRow {
  run_id: string;
  key: string;
  attempt: number;
  name: string;
  type: string;
  repetition: string;
  status: string;
  code: string | null;
  inputs: string | null;
  outputs: string | null;
  error: string | null;
  start_time: string | null;
  end_time: string | null;
  tracked_properties: string | null;
  secure_inputs: number;
  secure_outputs: number;
}

/** Positional parameters of the action upsert, in column order of the statement. */
export function actionParams(row: ActionRow): unknown[] {
  return [
    row.runId,
    row.key,
    row.attempt,
    row.name,
    row.type,
    JSON.stringify(row.repetition),
    repetitionOrder(row.repetition),
    row.status,
    row.code ?? null,
    encodeOptional(row.inputs),
    encodeOptional(row.outputs),
    row.error === undefined ? null : JSON.stringify(row.error),
    row.startTime ?? null,
    row.endTime ?? null,
    encodeOptional(row.trackedProperties),
    row.secureInputs === true ? 1 : 0,
    row.secureOutputs === true ? 1 : 0,
  ];
}

export function actionFromDb(r: ActionDbRow): ActionRow {
  const row: ActionRow = {
    runId: r.run_id,
    key: r.key,
    name: r.name,
    type: r.type,
    repetition: JSON.parse(r.repetition) as number[],
    attempt: r.attempt,
    status: r.status,
  };
  if (r.code !== null) row.code = r.code;
  if (r.inputs !== null) row.inputs = decodeValue(r.inputs);
  if (r.outputs !== null) row.outputs = decodeValue(r.outputs);
  if (r.error !== null) row.error = JSON.parse(r.error) as { code: string; message: string };
  if (r.start_time !== null) row.startTime = r.start_time;
  if (r.end_time !== null) row.endTime = r.end_time;
  if (r.tracked_properties !== null) row.trackedProperties = decodeValue(r.tracked_properties);
  if (r.secure_inputs !== 0) row.secureInputs = true;
  if (r.secure_outputs !== 0) row.secureOutputs = true;
  return row;
}

export interface RunDbRow {
  run_id: string;
  workflow_name: string;
  workflow_version: number;
  status: string;
  start_time: string;
  end_time: string | null;
  trigger_name: string;
  error: string | null;
  outputs: string | null;
  client_tracking_id: string | null;
}

export const RUN_SUMMARY_COLUMNS =
  'run_id, workflow_name, workflow_version, status, start_time, end_time, trigger_name, error, outputs, client_tracking_id';

export function runFromDb(r: RunDbRow): RunSummary {
  const run: RunSummary = {
    runId: r.run_id,
    workflowName: r.workflow_name,
    workflowVersion: r.workflow_version,
    status: r.status as RunStatus,
    startTime: r.start_time,
    triggerName: r.trigger_name,
  };
  if (r.end_time !== null) run.endTime = r.end_time;
  if (r.error !== null) run.error = JSON.parse(r.error) as { code: string; message: string };
  if (r.outputs !== null) run.outputs = decodeValue(r.outputs) as Record<string, Value>;
  if (r.client_tracking_id !== null) run.clientTrackingId = r.client_tracking_id;
  return run;
}

export interface TriggerDbRow {
  id: string;
  workflow_name: string;
  trigger_name: string;
  status: string;
  start_time: string;
  end_time: string | null;
  fired: number;
  run_id: string | null;
  inputs: string | null;
  outputs: string | null;
  error: string | null;
  /** The fired run's trigger record, when the entry shares the run's outputs (see SqliteStore). */
  run_trigger?: string | null;
}

export function triggerParams(row: TriggerHistoryRow): unknown[] {
  return [
    row.id,
    row.workflowName,
    row.triggerName,
    row.status,
    row.startTime,
    row.endTime ?? null,
    row.fired ? 1 : 0,
    row.runId ?? null,
    encodeOptional(row.inputs),
    encodeOptional(row.outputs),
    row.error === undefined ? null : JSON.stringify(row.error),
  ];
}

export function triggerFromDb(r: TriggerDbRow): TriggerHistoryRow {
  const row: TriggerHistoryRow = {
    id: r.id,
    workflowName: r.workflow_name,
    triggerName: r.trigger_name,
    status: r.status as TriggerHistoryRow['status'],
    startTime: r.start_time,
    fired: r.fired !== 0,
  };
  if (r.end_time !== null) row.endTime = r.end_time;
  if (r.run_id !== null) row.runId = r.run_id;
  if (r.inputs !== null) row.inputs = decodeValue(r.inputs);
  if (r.outputs !== null) row.outputs = decodeValue(r.outputs);
  else if (typeof r.run_trigger === 'string') {
    const outputs = (decodeValue(r.run_trigger) as { outputs?: Value } | null)?.outputs;
    if (outputs !== undefined) row.outputs = outputs;
  }
  if (r.error !== null) row.error = JSON.parse(r.error) as { code: string; message: string };
  return row;
}
