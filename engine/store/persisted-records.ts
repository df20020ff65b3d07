/**
 * Action records the working state need not repeat. Every action record of a run is also written
 * as a history row (its latest attempt), in the same commit as the transition that changed it. A
 * record whose latest row holds exactly what the record holds is written into the working state as
 * a stub (its scope and attempt count) and rebuilt from the row when the run resumes. That keeps a
 * commit's cost to what the transition changed: a Foreach over 1,000 items no longer rewrites
 * 1,000 full records, and a long run's later commits no longer repeat its early actions.
 *
 * Which row was written for which record is remembered by object identity (`remember`), and a
 * record is stubbed only while every field still matches that row: a record changed without a row
 * (which the interpreter should never do) is written in full, never lost. Rows that hide secure
 * data never stand in for a record.
 */
import { InternalError } from '../errors.js';
import type { ActionRecord } from '../interpreter/run-state.js';
import type { ActionRow } from './store.js';

/** A record in the working state that its history row stands in for. */
export interface RecordStub {
  scope: string;
  attempts: number;
}

const lastRow = new WeakMap<ActionRecord, ActionRow>();

/** Rows are made from records (`toActionRow`) sharing their values; remembers which row came from which record. */
export function rememberRows(records: Readonly<Record<string, ActionRecord>>, rows: readonly ActionRow[]): void {
  for (const row of rows) {
    const record = records[row.key];
    if (record !== undefined && matches(record, row)) lastRow.set(record, row);
  }
}

/** A commit failed: its rows were not stored, so they stand in for nothing. */
export function forgetRows(records: Readonly<Record<string, ActionRecord>>, rows: readonly ActionRow[]): void {
  for (const row of rows) {
    const record = records[row.key];
    if (record !== undefined && lastRow.get(record) === row) lastRow.delete(record);
  }
}

function matches(record: ActionRecord, row: ActionRow): boolean {
  return (
    row.secureInputs !== true &&
    row.secureOutputs !== true &&
    record.secureInputs !== true &&
    record.secureOutputs !== true &&
    row.attempt === Math.max(1, record.attempts) &&
    row.status === record.status &&
    row.code === record.code &&
    row.inputs === record.inputs &&
    row.outputs === record.outputs &&
    row.error === record.error &&
    row.startTime === record.startTime &&
    row.endTime === record.endTime &&
    row.trackedProperties === record.trackedProperties &&
    row.name === record.name &&
    row.type === record.type &&
    row.repetition === record.repetition
  );
}

/** The records as the working state writes them: stubs where a stored row holds the same. */
export function compactRecords(records: Readonly<Record<string, ActionRecord>>): Record<string, ActionRecord | RecordStub> {
  const out: Record<string, ActionRecord | RecordStub> = {};
  for (const key of Object.keys(records)) {
    const record = records[key]!;
    const row = lastRow.get(record);
    out[key] = row !== undefined && matches(record, row) ? { scope: record.scope, attempts: record.attempts } : record;
  }
  return out;
}

export function isStub(value: unknown): value is RecordStub {
  return typeof value === 'object' && value !== null && !('key' in value);
}

/** Rebuilds stubbed records from the run's stored rows (every attempt of every action). */
export function restoreRecords(actions: Record<string, ActionRecord | RecordStub>, rows: readonly ActionRow[], runId: string): Record<string, ActionRecord> {
  const byAttempt = new Map<string, ActionRow>();
  for (const row of rows) byAttempt.set(`${row.key}\u0000${row.attempt}`, row);
  for (const [key, entry] of Object.entries(actions)) {
    if (!isStub(entry)) continue;
    const row = byAttempt.get(`${key}\u0000${Math.max(1, entry.attempts)}`);
    if (row === undefined) throw new InternalError(`the history row of action execution '${key}' is missing`, { where: { run: runId } });
    const record: ActionRecord = { key, name: row.name, type: row.type, repetition: row.repetition, status: row.status as ActionRecord['status'], attempts: entry.attempts, scope: entry.scope };
    if (row.code !== undefined) record.code = row.code;
    if (row.inputs !== undefined) record.inputs = row.inputs;
    if (row.outputs !== undefined) record.outputs = row.outputs;
    if (row.error !== undefined) record.error = row.error;
    if (row.startTime !== undefined) record.startTime = row.startTime;
    if (row.endTime !== undefined) record.endTime = row.endTime;
    if (row.trackedProperties !== undefined) record.trackedProperties = row.trackedProperties;
    actions[key] = record;
    lastRow.set(record, row);
  }
  return actions as Record<string, ActionRecord>;
}
