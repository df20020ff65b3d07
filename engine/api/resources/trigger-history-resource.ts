/**
 * A trigger history entry in the Logic Apps shape: `{ name, id, type:
 * "workflows/triggers/histories", properties: { status, startTime, endTime, fired, error, inputs,
 * outputs, run } }`. Inputs and outputs are as the store holds them (secureData already applied).
 */
import type { ValueObject } from '../../expressions/value.js';
import type { TriggerHistoryRow } from '../../store/store.js';
import { compact } from '../json-response.js';
import { runPath, triggerHistoryPath } from './paths.js';

export function triggerHistoryResource(row: TriggerHistoryRow): ValueObject {
  const run = row.runId === undefined ? undefined : { name: row.runId, id: runPath(row.workflowName, row.runId), type: 'workflows/runs' };
  return {
    name: row.id,
    id: triggerHistoryPath(row.workflowName, row.triggerName, row.id),
    type: 'workflows/triggers/histories',
    properties: compact({
      status: row.status,
      startTime: row.startTime,
      endTime: row.endTime,
      fired: row.fired,
      error: row.error === undefined ? undefined : { code: row.error.code, message: row.error.message },
      inputs: row.inputs,
      outputs: row.outputs,
      run,
    }),
  };
}
