/** How a run ends: its last actions decide (finishRun), or Terminate / cancel says so (terminateRun). */
import { compileJson } from './json-evaluator.js';
import { TERMINAL_ACTION_STATUSES, type ErrorInfo, type RunStatus } from './run-state.js';
import type { Step } from './transition.js';
import type { Value } from '../expressions/value.js';

export function finishRun(step: Step, failed: boolean): void {
  if (!step.running) return;
  const state = step.state;
  state.status = failed ? 'Failed' : 'Succeeded';
  if (failed) state.error = { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' };
  evaluateOutputs(step);
  end(step);
}

/** Terminate and cancel: in-flight effects stop, nothing else starts, the status is as given. */
export function terminateRun(step: Step, status: RunStatus, error: ErrorInfo | undefined): void {
  const state = step.state;
  state.status = status;
  if (error !== undefined) state.error = error;
  for (const record of Object.values(state.actions)) {
    if (TERMINAL_ACTION_STATUSES.has(record.status)) continue;
    if (step.ctx.effects.has(record.type) && record.attempts > 0) step.commands.push({ kind: 'cancelAction', key: record.key });
    step.finish(record, { status: 'Cancelled', code: 'Cancelled', error: { code: 'Cancelled', message: `The run was ${status === 'Cancelled' ? 'cancelled' : 'terminated'} while the action was running.` } });
  }
  for (const scope of Object.values(state.scopes)) scope.closed = true;
  state.timers = {};
  end(step);
}

function end(step: Step): void {
  step.state.endTime = step.at;
  step.commands.push({ kind: 'runCompleted', status: step.state.status });
}

/** Definition outputs are computed when the run ends; one that fails to evaluate is left out. */
function evaluateOutputs(step: Step): void {
  const outputs = step.plan.definition['outputs'] as Record<string, { value?: unknown }> | undefined;
  if (outputs === undefined || outputs === null) return;
  const view = step.view({ repetition: [], loops: [] });
  const values: Record<string, Value> = {};
  for (const [name, output] of Object.entries(outputs)) {
    try {
      values[name] = compileJson(output?.value)(view);
    } catch {
      // An output that cannot be evaluated is omitted rather than failing a finished run.
    }
  }
  step.state.outputs = values;
}
