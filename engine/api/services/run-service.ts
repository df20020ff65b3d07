/**
 * Run history: runs (paged, filtered), one run, its actions, an action's repetitions with every
 * attempt; and the two run operations, cancel and resubmit. Values come from the store as it holds
 * them, so what secureData redacted stays redacted.
 */
import { isObject, type Value } from '../../expressions/value.js';
import type { ActionRow, Page, RunQuery, RunSummary, Store } from '../../store/store.js';
import { ApiError, notFound } from '../api-error.js';
import { locateAction, requireRun, requireWorkflow, runDefinition } from './lookups.js';
import type { ManagementDeps } from './workflow-service.js';
import { detach } from './started-run.js';

export interface RunDetail {
  run: RunSummary;
  definition: Value;
  triggerOutputs?: Value;
}

export interface RunListing {
  page: Page<RunSummary>;
  /** Definitions by workflow version, for the runs of the page. */
  definitions: Map<number, Value>;
}

export async function listRuns(options: { store: Store; workflowName: string; query: RunQuery }): Promise<RunListing> {
  requireWorkflow(options.store, options.workflowName);
  const page = options.store.listRuns(options.workflowName, options.query);
  const definitions = new Map<number, Value>();
  for (const run of page.value) {
    if (!definitions.has(run.workflowVersion)) definitions.set(run.workflowVersion, runDefinition(options.store, run));
  }
  return { page, definitions };
}

/** `trigger().outputs` of a run from its state (the state may hold the outputs or a record of them). */
function triggerOutputs(trigger: Value | undefined): Value | undefined {
  if (trigger === undefined || trigger === null) return undefined;
  return isObject(trigger) && isObject(trigger['outputs']) ? trigger['outputs'] : trigger;
}

export async function getRun(options: { store: Store; workflowName: string; runId: string }): Promise<RunDetail> {
  const run = requireRun(options.store, options.workflowName, options.runId);
  const detail: RunDetail = { run, definition: runDefinition(options.store, run) };
  const outputs = triggerOutputs(options.store.loadRunState(run.runId)?.trigger);
  if (outputs !== undefined) detail.triggerOutputs = outputs;
  return detail;
}

export interface ActionListing {
  rows: ActionRow[];
  /** Loops around each action, by action name. */
  loops: Map<string, string[]>;
}

/** One row per action: the latest execution of actions that run in loops. */
export async function listRunActions(options: { store: Store; workflowName: string; runId: string }): Promise<ActionListing> {
  const run = requireRun(options.store, options.workflowName, options.runId);
  const definition = runDefinition(options.store, run);
  const latest = options.store.loadRunState(run.runId)?.latest ?? {};
  const chosen = new Map<string, ActionRow>();
  for (const row of options.store.listActionRows(run.runId)) {
    const current = chosen.get(row.name);
    if (current === undefined || preferred(row, current, latest[row.name])) chosen.set(row.name, row);
  }
  const loops = new Map<string, string[]>();
  for (const name of chosen.keys()) loops.set(name, locateAction(definition, name)?.loops ?? []);
  return { rows: [...chosen.values()], loops };
}

/** The state names each action's latest execution; without it (no state), the latest started wins. */
function preferred(row: ActionRow, current: ActionRow, latestKey: string | undefined): boolean {
  return latestKey !== undefined ? row.key === latestKey : laterThan(row, current);
}

function laterThan(a: ActionRow, b: ActionRow): boolean {
  return (a.startTime ?? '') > (b.startTime ?? '') || ((a.startTime ?? '') === (b.startTime ?? '') && a.key > b.key);
}

export interface ActionHistory {
  name: string;
  loops: string[];
  /** Every execution of the action, each as its attempts in order. */
  executions: ActionRow[][];
}

async function actionHistory(options: { store: Store; workflowName: string; runId: string; action: string }): Promise<ActionHistory> {
  const run = requireRun(options.store, options.workflowName, options.runId);
  const located = locateAction(runDefinition(options.store, run), options.action);
  if (located === undefined) throw notFound(`action '${options.action}' not found in workflow '${options.workflowName}' (version ${run.workflowVersion})`);
  const executions: ActionRow[][] = [];
  const byKey = new Map<string, ActionRow[]>();
  for (const row of options.store.listActionRepetitions(run.runId, located.name)) {
    let attempts = byKey.get(row.key);
    if (attempts === undefined) {
      attempts = [];
      byKey.set(row.key, attempts);
      executions.push(attempts);
    }
    attempts.push(row);
  }
  if (executions.length === 0) throw notFound(`action '${located.name}' has not run in run '${run.runId}'`);
  for (const attempts of executions) attempts.sort((a, b) => a.attempt - b.attempt);
  return { name: located.name, loops: located.loops, executions };
}

/** The action's latest execution, with its earlier attempts as retry history. */
export async function getRunAction(options: { store: Store; workflowName: string; runId: string; action: string }): Promise<{ attempts: ActionRow[]; loops: string[] }> {
  const history = await actionHistory(options);
  const latestKey = options.store.loadRunState(options.runId)?.latest[history.name];
  const attempts = history.executions.find((e) => e[0]?.key === latestKey) ?? history.executions[history.executions.length - 1]!;
  return { attempts, loops: history.loops };
}

export async function listActionRepetitions(options: { store: Store; workflowName: string; runId: string; action: string }): Promise<ActionHistory> {
  return actionHistory(options);
}

export async function cancelRun(options: ManagementDeps & { workflowName: string; runId: string }): Promise<RunSummary> {
  const run = requireRun(options.store, options.workflowName, options.runId);
  const notRunning = (status: string): ApiError =>
    new ApiError(409, 'RunNotRunning', `run '${run.runId}' of workflow '${options.workflowName}' cannot be cancelled: its status is ${status}`);
  if (run.status !== 'Running') throw notRunning(run.status);
  if (!(await options.engine.cancelRun(options.workflowName, options.runId))) {
    throw notRunning(options.store.getRun(options.workflowName, options.runId)?.status ?? run.status);
  }
  return options.store.getRun(options.workflowName, options.runId) ?? run;
}

export async function resubmitRun(options: ManagementDeps & { workflowName: string; runId: string }): Promise<{ runId: string }> {
  requireRun(options.store, options.workflowName, options.runId);
  const started = await options.engine.resubmitRun(options.workflowName, options.runId);
  if (started === undefined) throw notFound(`run '${options.runId}' of workflow '${options.workflowName}' not found`);
  detach(started);
  return { runId: started.runId };
}
