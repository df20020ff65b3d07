/**
 * The status of a finished container (the run, a Scope, an If branch, a loop iteration), as Logic
 * Apps computes it: look at the container's last actions (those nothing runs after). A Skipped last
 * action stands for whatever its predecessors ended as. Any failure there fails the container; a
 * failure that some later action handled does not.
 */
import type { ContainerPlan, WorkflowPlan } from './plan.js';
import type { ActionStatus, RunState } from './run-state.js';
import { executionKey } from './state-view.js';

export function containerFailed(state: RunState, plan: WorkflowPlan, container: ContainerPlan, repetition: number[]): boolean {
  const statusOf = (name: string): ActionStatus | undefined => state.actions[executionKey(name, repetition)]?.status;
  const seen = new Set<string>();
  const failedThrough = (name: string): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    const status = statusOf(name);
    if (status === 'Failed' || status === 'TimedOut' || status === 'Aborted') return true;
    if (status !== 'Skipped') return false;
    const predecessors = plan.actions.get(name)?.runAfter.keys() ?? [];
    for (const predecessor of predecessors) if (failedThrough(predecessor)) return true;
    return false;
  };
  for (const name of container.names) {
    const isLast = (container.successors.get(name) ?? []).length === 0;
    if (isLast && failedThrough(name)) return true;
  }
  return false;
}
