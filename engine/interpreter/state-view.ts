/**
 * The RunView of an expression evaluated inside a run: everything is read from the run state and
 * the plan, relative to where the expression sits (which loop iteration, which item).
 */
import type { RunView } from '../expressions/run-view.js';
import { findKey, type Value, type ValueObject } from '../expressions/value.js';
import { drawGuid, drawRandom } from './entropy.js';
import type { WorkflowPlan } from './plan.js';
import type { ActionRecord, RunState } from './run-state.js';

/** Where an expression is evaluated. */
export interface Frame {
  /** Indexes of the enclosing loop iterations, outermost first. */
  repetition: number[];
  /** Names of those loops, in the same order. */
  loops: string[];
  /** Name of the Scope/Foreach/Until whose body encloses the expression (for `result()`). */
  container?: string;
  /** The element bound to `item()` by Query, Select or Table. */
  item?: { value: Value };
  /** The record `action()` returns (trackedProperties, Until). */
  current?: ActionRecord;
}

export function executionKey(name: string, repetition: readonly number[]): string {
  return repetition.length === 0 ? name : `${name}#${repetition.join('-')}`;
}

/** The record of an action as `actions('X')` returns it. */
export function actionRecordValue(record: ActionRecord, clientTrackingId: string | undefined): ValueObject {
  const out: ValueObject = { name: record.name, status: record.status };
  if (record.inputs !== undefined) out['inputs'] = record.inputs;
  if (record.outputs !== undefined) out['outputs'] = record.outputs;
  if (record.startTime !== undefined) out['startTime'] = record.startTime;
  if (record.endTime !== undefined) out['endTime'] = record.endTime;
  if (record.code !== undefined) out['code'] = record.code;
  if (record.error !== undefined) out['error'] = { code: record.error.code, message: record.error.message };
  out['trackingId'] = record.key;
  out['clientTrackingId'] = clientTrackingId ?? null;
  return out;
}

function lookup(table: Record<string, Value>, name: string): Value | undefined {
  const key = findKey(table as ValueObject, name);
  return key === undefined ? undefined : table[key];
}

export function createStateView(state: RunState, plan: WorkflowPlan, frame: Frame, now: string): RunView {
  /** Execution key of `name` as seen from this frame: same iteration where the loops are shared. */
  const resolveKey = (name: string): string | undefined => {
    const actual = plan.byLowerName.get(name.toLowerCase());
    if (actual === undefined) return undefined;
    const loops = plan.actions.get(actual)!.loops;
    const shared = loops.every((loop, i) => frame.loops[i] === loop);
    if (loops.length === 0) return actual;
    return shared ? executionKey(actual, frame.repetition.slice(0, loops.length)) : state.latest[actual];
  };
  const loopIndex = (loop: string): number => {
    const lower = loop.toLowerCase();
    return frame.loops.findIndex((l) => l.toLowerCase() === lower);
  };
  const loopItem = (index: number): Value | undefined => {
    const name = frame.loops[index]!;
    const loop = state.loops[executionKey(name, frame.repetition.slice(0, index))];
    return loop?.items?.[frame.repetition[index]!];
  };
  return {
    trigger: () => state.trigger,
    action: (name) => {
      const key = resolveKey(name);
      const record = key === undefined ? undefined : state.actions[key];
      return record === undefined ? undefined : actionRecordValue(record, state.clientTrackingId);
    },
    currentAction: () => (frame.current === undefined ? undefined : actionRecordValue(frame.current, state.clientTrackingId)),
    parameter: (name) => lookup(state.parameters, name),
    variable: (name) => lookup(state.variables, name),
    item: () => {
      if (frame.item !== undefined) return frame.item.value;
      for (let i = frame.loops.length - 1; i >= 0; i--) {
        if (plan.actions.get(frame.loops[i]!)?.type === 'Foreach') return loopItem(i);
      }
      return undefined;
    },
    items: (loop) => {
      const index = loopIndex(loop);
      return index < 0 || plan.actions.get(frame.loops[index]!)?.type !== 'Foreach' ? undefined : loopItem(index);
    },
    iterationIndex: (loop) => {
      const index = loopIndex(loop);
      return index < 0 ? undefined : frame.repetition[index];
    },
    result: (scope) => resultOf(state, plan, scope ?? frame.container, frame),
    workflow: () => ({
      id: state.workflowName,
      name: state.workflowName,
      type: 'Microsoft.Logic/workflows',
      version: state.workflowVersion,
      run: { id: state.runId, name: state.runId, type: 'Microsoft.Logic/workflows/runs' },
    }),
    callbackUrl: () => undefined,
    appSetting: () => undefined,
    now: () => now,
    random: () => drawRandom(state.entropy, state.draws++),
    newGuid: () => drawGuid(state.entropy, state.draws++),
  };
}

/** Records of the top-level actions of a Scope/If/Switch (this execution) or of every loop iteration. */
function resultOf(state: RunState, plan: WorkflowPlan, scope: string | undefined, frame: Frame): Value | undefined {
  if (scope === undefined) return undefined;
  const owner = plan.actions.get(plan.byLowerName.get(scope.toLowerCase()) ?? '');
  if (owner === undefined) return undefined;
  const depth = owner.loops.length;
  const prefix = frame.repetition.slice(0, depth).join('-');
  const isLoop = owner.type === 'Foreach' || owner.type === 'Until';
  const out: Value[] = [];
  for (const record of Object.values(state.actions)) {
    if (plan.actions.get(record.name)?.parent !== owner.name) continue;
    if (record.repetition.slice(0, depth).join('-') !== prefix) continue;
    if (!isLoop && record.repetition.length !== depth) continue;
    out.push(actionRecordValue(record, state.clientTrackingId));
  }
  return out;
}
