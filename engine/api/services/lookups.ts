/**
 * Look-ups every management service starts with: the workflow, the run, a trigger or an action by
 * name. Each answers 404 with a message that names what is missing and where it was looked for.
 */
import { isObject, type Value } from '../../expressions/value.js';
import type { RunSummary, Store, WorkflowRecord } from '../../store/store.js';
import { notFound } from '../api-error.js';
import { plainValue } from '../json-response.js';

export function requireWorkflow(store: Store, name: string, version?: number): WorkflowRecord {
  const workflow = store.getWorkflow(name, version);
  if (workflow === undefined) throw notFound(`workflow '${name}' not found`);
  return workflow;
}

export function requireRun(store: Store, workflowName: string, runId: string): RunSummary {
  requireWorkflow(store, workflowName);
  const run = store.getRun(workflowName, runId);
  if (run === undefined) throw notFound(`run '${runId}' of workflow '${workflowName}' not found`);
  return run;
}

/** The definition of the version a run ran (falls back to the latest if that version is gone). */
export function runDefinition(store: Store, run: RunSummary): Value {
  const workflow = store.getWorkflow(run.workflowName, run.workflowVersion) ?? store.getWorkflow(run.workflowName);
  return plainValue(workflow?.definition ?? {});
}

/** The trigger's name as the definition spells it (names match ignoring case, as in Logic Apps). */
export function requireTrigger(workflow: WorkflowRecord, triggerName: string): string {
  const triggers = plainValue(workflow.definition['triggers'] ?? {});
  const names = isObject(triggers) ? Object.keys(triggers) : [];
  const found = names.find((n) => n === triggerName) ?? names.find((n) => n.toLowerCase() === triggerName.toLowerCase());
  if (found === undefined) throw notFound(`trigger '${triggerName}' not found in workflow '${workflow.name}'`);
  return found;
}

export interface LocatedAction {
  /** The name as the definition spells it. */
  name: string;
  /** Foreach/Until actions around it, outermost first. */
  loops: string[];
}

/** Containers of nested actions a control action may hold. */
function childContainers(action: Record<string, Value>): Value[] {
  const containers: Value[] = [action['actions'] ?? null];
  const otherwise = action['else'];
  if (isObject(otherwise)) containers.push(otherwise['actions'] ?? null);
  const cases = action['cases'];
  if (isObject(cases)) for (const c of Object.values(cases)) if (isObject(c)) containers.push(c['actions'] ?? null);
  const fallback = action['default'];
  if (isObject(fallback)) containers.push(fallback['actions'] ?? null);
  return containers;
}

function locate(container: Value, name: string, loops: string[]): LocatedAction | undefined {
  if (!isObject(container)) return undefined;
  const lower = name.toLowerCase();
  for (const [actionName, action] of Object.entries(container)) {
    if (actionName.toLowerCase() === lower) return { name: actionName, loops };
    if (!isObject(action)) continue;
    const type = typeof action['type'] === 'string' ? action['type'].toLowerCase() : '';
    const inner = type === 'foreach' || type === 'until' ? [...loops, actionName] : loops;
    for (const child of childContainers(action)) {
      const found = locate(child, name, inner);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Finds an action anywhere in a definition (action names are unique across the definition). */
export function locateAction(definition: Value, name: string): LocatedAction | undefined {
  return isObject(definition) ? locate(definition['actions'] ?? null, name, []) : undefined;
}
