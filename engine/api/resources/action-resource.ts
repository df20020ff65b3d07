/**
 * Action executions in the Logic Apps shape: an action `{ name, id, type: "workflows/runs/actions",
 * properties: { status, code, startTime, endTime, inputs, outputs, error, trackedProperties,
 * repetitionIndexes?, retryHistory?, secureInputs?, secureOutputs? } }`, and a repetition (one execution inside loops)
 * `{ name: "000002" | "000001-000003", type: "workflows/runs/actions/repetitions", ... }`.
 * Inputs and outputs are shown as the store holds them: secureData has already redacted them.
 */
import type { Value, ValueObject } from '../../expressions/value.js';
import type { ActionRow } from '../../store/store.js';
import { compact } from '../json-response.js';
import { actionPath, repetitionPath } from './paths.js';

export interface ActionPlace {
  workflowName: string;
  runId: string;
  /** Names of the Foreach/Until actions around the action, outermost first. */
  loops: readonly string[];
}

/** `000001-000003`: each loop index padded to six digits, as Logic Apps names repetitions. */
export function repetitionName(repetition: readonly number[]): string {
  return repetition.length === 0 ? '000000' : repetition.map((i) => String(i).padStart(6, '0')).join('-');
}

function repetitionIndexes(row: ActionRow, loops: readonly string[]): Value[] {
  return row.repetition.map((itemIndex, depth) => compact({ scopeName: loops[depth], itemIndex }));
}

function errorValue(error: ActionRow['error']): Value | undefined {
  return error === undefined ? undefined : { code: error.code, message: error.message };
}

/** Earlier attempts of one execution (the retries before the attempt shown). */
function retryHistory(attempts: readonly ActionRow[]): Value[] | undefined {
  if (attempts.length === 0) return undefined;
  return attempts.map((a) =>
    compact({ startTime: a.startTime, endTime: a.endTime, code: a.code, error: errorValue(a.error), inputs: a.inputs, outputs: a.outputs }),
  );
}

function executionProperties(row: ActionRow, place: ActionPlace, earlier: readonly ActionRow[]): ValueObject {
  return compact({
    status: row.status,
    code: row.code,
    startTime: row.startTime,
    endTime: row.endTime,
    inputs: row.inputs,
    outputs: row.outputs,
    error: errorValue(row.error),
    trackedProperties: row.trackedProperties,
    repetitionIndexes: row.repetition.length === 0 ? undefined : repetitionIndexes(row, place.loops),
    retryHistory: retryHistory(earlier),
    // Markers only (the values are already gone): clients say "(secured)" instead of nothing.
    secureInputs: row.secureInputs === true ? true : undefined,
    secureOutputs: row.secureOutputs === true ? true : undefined,
  });
}

export function actionResource(row: ActionRow, place: ActionPlace, earlierAttempts: readonly ActionRow[] = []): ValueObject {
  return {
    name: row.name,
    id: actionPath(place.workflowName, place.runId, row.name),
    type: 'workflows/runs/actions',
    properties: executionProperties(row, place, earlierAttempts),
  };
}

/** One repetition from every attempt of it, in attempt order: the last is shown, the others are its retry history. */
export function repetitionResource(attempts: readonly ActionRow[], place: ActionPlace): ValueObject {
  const last = attempts[attempts.length - 1];
  if (last === undefined) throw new RangeError('a repetition needs at least one attempt');
  const name = repetitionName(last.repetition);
  const properties = executionProperties(last, place, attempts.slice(0, -1));
  properties['repetitionIndexes'] = repetitionIndexes(last, place.loops);
  return { name, id: repetitionPath(place.workflowName, place.runId, last.name, name), type: 'workflows/runs/actions/repetitions', properties };
}
