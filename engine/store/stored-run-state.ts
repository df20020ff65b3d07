/**
 * What of a RunState the `runs` row keeps, and how it comes back. The state is rewritten at every
 * transition, so it leaves out what does not change or is no longer needed:
 * - the trigger record is its own column, written once when the run is created;
 * - a finished run never resumes: its state keeps only what the history API reads (the trigger,
 *   the latest execution of each action, outputs, error). Action records, scopes, loops, timers,
 *   variables and parameter values are dropped; the action records live on as history rows.
 */
import type { Value } from '../expressions/value.js';
import type { RunState } from '../interpreter/run-state.js';
import { migrateRunState } from './migrate-run-state.js';
import { compactRecords } from './persisted-records.js';
import { decodeValue, encodeValue } from './sqlite-rows.js';

const FINISHED: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimedOut']);

export function isFinished(state: RunState): boolean {
  return FINISHED.has(state.status);
}

/**
 * The working state of a run that has not finished: everything but the trigger, with stubs for the
 * action records their stored history rows hold (persisted-records.ts).
 */
export function encodeWorkingState(state: RunState): string {
  return encodeValue({ ...state, trigger: undefined, actions: compactRecords(state.actions) } as unknown as Value);
}

/** The small state `runs.state` keeps: all of it that a finished run still needs. */
export function encodeRetiredState(state: RunState): string {
  return encodeValue(retired(state));
}

/** The trigger column: written once, with the run. */
export function encodeRunTrigger(state: RunState): string {
  return encodeValue(state.trigger);
}

/** The state as the interpreter reads it, from a stored state (working or retired) and the trigger record. */
export function decodeRunState(stateText: string, triggerText: string | null): RunState {
  const raw = decodeValue(stateText) as Record<string, Value>;
  // Rows written before the trigger had its own column keep it inside the state.
  if (raw['trigger'] === undefined && triggerText !== null) raw['trigger'] = decodeValue(triggerText);
  return migrateRunState(raw);
}

function retired(state: RunState): Value {
  const kept: Record<string, unknown> = {
    version: state.version,
    runId: state.runId,
    workflowName: state.workflowName,
    workflowVersion: state.workflowVersion,
    status: state.status,
    startTime: state.startTime,
    endTime: state.endTime,
    error: state.error,
    parameters: {},
    variables: {},
    actions: {},
    scopes: {},
    loops: {},
    timers: {},
    latest: state.latest,
    outputs: state.outputs,
    entropy: state.entropy,
    draws: state.draws,
    clientTrackingId: state.clientTrackingId,
  };
  return kept as Value;
}
