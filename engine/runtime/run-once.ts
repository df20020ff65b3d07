/**
 * Runs a workflow once, in-process, on a temporary store (`sluice run`, golden workflow tests): the
 * same engine, executor and SQLite history as the server, then thrown away.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EffectActionDescriptor } from '../actions/descriptor.js';
import type { Value } from '../expressions/value.js';
import { SqliteStore } from '../store/sqlite-store.js';
import type { ActionRow } from '../store/store.js';
import { SystemClock, VirtualClock } from './clock.js';
import { createEngine, InvalidDefinitionError } from './engine.js';
import type { RunOnceResult, TriggerOutputs } from './engine-types.js';

export interface RunOnceOptions {
  definition: unknown;
  trigger?: TriggerOutputs;
  /** Parameter values by name (bare values, or Logic Apps' `{ value }` wrappers). */
  parameters?: Record<string, unknown>;
  /** `virtual` lets Wait and retry delays pass instantly while run times still advance. */
  clock?: 'system' | 'virtual';
  /** Effect action handlers to use instead of the built-in ones (e.g. Http pointed at a stub). */
  effects?: readonly EffectActionDescriptor[];
}

export async function runWorkflowOnce(options: RunOnceOptions): Promise<RunOnceResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-run-'));
  const store = new SqliteStore({ path: join(dir, 'run.db') });
  const engine = createEngine({
    store,
    clock: options.clock === 'virtual' ? new VirtualClock() : new SystemClock(),
    retentionDays: 0,
    effects: options.effects,
  });
  try {
    const saved = engine.saveWorkflow({ name: 'local', definition: options.definition, parameters: options.parameters ?? {} });
    if (!saved.ok) throw new InvalidDefinitionError(saved.issues);
    const started = await engine.startRun({ workflowName: 'local', outputs: { headers: {}, ...options.trigger } });
    const [state, response] = await Promise.all([started.completed, started.response]);
    const result: RunOnceResult = { status: state.status, actions: summarise(store.listActionRows(state.runId), store, state.runId) };
    if (state.error !== undefined) result.error = state.error;
    if (state.outputs !== undefined) result.outputs = state.outputs;
    if (response !== undefined) result.response = response;
    return result;
  } finally {
    await engine.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One entry per action name: its latest execution, with how many executions and attempts it had. */
function summarise(rows: ActionRow[], store: SqliteStore, runId: string): RunOnceResult['actions'] {
  const out: RunOnceResult['actions'] = {};
  const byName = new Map<string, ActionRow[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  for (const [name, executions] of byName) {
    const latest = executions.reduce((a, b) => ((b.endTime ?? b.startTime ?? '') >= (a.endTime ?? a.startTime ?? '') ? b : a));
    const entry: RunOnceResult['actions'][string] = { status: latest.status };
    if (latest.code !== undefined) entry.code = latest.code;
    if (latest.inputs !== undefined) entry.inputs = latest.inputs as Value;
    if (latest.outputs !== undefined) entry.outputs = latest.outputs as Value;
    if (latest.error !== undefined) entry.error = latest.error;
    if (latest.startTime !== undefined) entry.startTime = latest.startTime;
    if (latest.endTime !== undefined) entry.endTime = latest.endTime;
    if (latest.trackedProperties !== undefined) entry.trackedProperties = latest.trackedProperties as Value;
    if (executions.length > 1) entry.repetitions = executions.length;
    const attempts = store.listActionRepetitions(runId, name).filter((r) => r.key === latest.key).length;
    if (attempts > 1) entry.attempts = attempts;
    out[name] = entry;
  }
  return out;
}
