/**
 * The write path of runs as data: `planCommit` turns new runs and transitions into the statements
 * to run and their parameters (all serialisation happens there), and `runCommitPlan` runs such a
 * plan inside the caller's transaction, with each statement's check (the run must exist, or must
 * not yet) in one place. The plan is plain data, which is what let a commit thread be tried (it
 * lost on two cores; see README.md).
 */
import type { Statement } from 'better-sqlite3';
import { InternalError } from '../errors.js';
import type { RunEvent } from '../interpreter/events.js';
import type { RunState } from '../interpreter/run-state.js';
import type { SqliteDatabase } from './database.js';
import { actionParams, encodeOptional, encodeValue, RUN_SUMMARY_COLUMNS, triggerParams } from './sqlite-rows.js';
import { forgetRows, rememberRows } from './persisted-records.js';
import { encodeRetiredState, encodeRunTrigger, encodeWorkingState, isFinished } from './stored-run-state.js';
import type { CommitUnit, TransitionCommit, TriggerPollCommit, TriggerStateRow } from './store.js';

/** Columns of the action upsert, in the order `actionParams` binds them. */
const ACTION_INSERT_COLUMNS = [
  'run_id', 'key', 'attempt', 'name', 'type', 'repetition', 'rep_order', 'status', 'code', 'inputs', 'outputs', 'error',
  'start_time', 'end_time', 'tracked_properties', 'secure_inputs', 'secure_outputs',
];
const ACTION_KEY = ['run_id', 'name', 'rep_order', 'attempt'];

export const COMMIT_SQL = {
  insertRun: `INSERT INTO runs (${RUN_SUMMARY_COLUMNS}, state, trigger_record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  finishRun: 'UPDATE runs SET status = ?, end_time = ?, error = ?, outputs = ?, client_tracking_id = ?, state = ? WHERE run_id = ?',
  // Touches the row only when something changed: an unchanged row would still dirty its pages.
  updateRunStatus: 'UPDATE runs SET status = ?, client_tracking_id = ? WHERE run_id = ? AND (status IS NOT ? OR client_tracking_id IS NOT ?)',
  insertWorkingState: 'INSERT INTO run_states (run_id, state) VALUES (?, ?)',
  updateWorkingState: 'UPDATE run_states SET state = ? WHERE run_id = ?',
  deleteWorkingState: 'DELETE FROM run_states WHERE run_id = ?',
  // Per-run sequence numbers; MAX over the (run_id, seq) key is one index probe.
  insertEvent: 'INSERT INTO run_events (run_id, seq, kind, at, event) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM run_events WHERE run_id = ?',
  upsertAction: `INSERT INTO action_executions (${ACTION_INSERT_COLUMNS.join(', ')})
    VALUES (${ACTION_INSERT_COLUMNS.map(() => '?').join(', ')})
    ON CONFLICT (${ACTION_KEY.join(', ')}) DO UPDATE SET ${ACTION_INSERT_COLUMNS.filter((c) => !ACTION_KEY.includes(c)).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  insertTrigger: `INSERT INTO trigger_histories (id, workflow_name, trigger_name, status, start_time, end_time, fired, run_id, inputs, outputs, error)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  upsertTriggerState: `INSERT INTO trigger_state (workflow_name, trigger_name, workflow_version, next_fire_time, state, updated_time)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (workflow_name, trigger_name) DO UPDATE SET workflow_version = excluded.workflow_version,
      next_fire_time = excluded.next_fire_time, state = excluded.state, updated_time = excluded.updated_time`,
} as const;

export type CommitStatementName = keyof typeof COMMIT_SQL;
export type CommitStatements = Readonly<Record<CommitStatementName, Statement>>;

/**
 * One statement and its parameters. `mustChange`: the run it writes must exist (no row changed →
 * error). `creates`: the run it inserts must not exist yet (a unique-key failure → error).
 */
export interface CommitStep {
  s: CommitStatementName;
  p: unknown[];
  mustChange?: string;
  creates?: string;
}

export function prepareCommitStatements(db: SqliteDatabase): CommitStatements {
  const out = {} as Record<CommitStatementName, Statement>;
  for (const [name, sql] of Object.entries(COMMIT_SQL) as [CommitStatementName, string][]) out[name] = db.prepare(sql);
  return out;
}

export function triggerStateParams(row: TriggerStateRow): unknown[] {
  return [row.workflowName, row.triggerName, row.workflowVersion, row.nextFireTime ?? null, encodeOptional(row.state), row.updatedTime];
}

/** The statements that write `units`, in order. */
export function planCommit(units: readonly CommitUnit[]): CommitStep[] {
  const steps: CommitStep[] = [];
  for (const unit of units) {
    if (unit.kind === 'poll') planPoll(steps, unit.poll);
    else planTransition(steps, unit.commit);
  }
  return steps;
}

function planPoll(steps: CommitStep[], commit: TriggerPollCommit): void {
  for (const run of commit.runs) {
    // Rows first: the working state may then stand on them (same transaction).
    rememberRows(run.state.actions, run.actions ?? []);
    planCreate(steps, run.state, run.triggerName);
    for (const row of run.actions ?? []) steps.push({ s: 'upsertAction', p: actionParams(row) });
  }
  // A history entry of a run created here would repeat the run's trigger outputs (a whole request
  // body): it reads them from the run's trigger record instead.
  const created = commit.runs.length === 0 ? undefined : new Set(commit.runs.map((run) => run.state.runId));
  for (const history of commit.histories) {
    const shared = history.runId !== undefined && created?.has(history.runId) === true;
    steps.push({ s: 'insertTrigger', p: triggerParams(shared ? { ...history, outputs: undefined } : history) });
  }
  if (commit.triggerState !== undefined) steps.push({ s: 'upsertTriggerState', p: triggerStateParams(commit.triggerState) });
}

function planCreate(steps: CommitStep[], state: RunState, triggerName: string): void {
  steps.push({
    s: 'insertRun',
    p: [
      state.runId,
      state.workflowName,
      state.workflowVersion,
      state.status,
      state.startTime,
      state.endTime ?? null,
      triggerName,
      state.error === undefined ? null : JSON.stringify(state.error),
      encodeOptional(state.outputs),
      state.clientTrackingId ?? null,
      encodeRetiredState(state),
      encodeRunTrigger(state),
    ],
    creates: state.runId,
  });
  if (!isFinished(state)) steps.push({ s: 'insertWorkingState', p: [state.runId, encodeWorkingState(state)] });
}

/**
 * A run that goes on rewrites its working state, and its `runs` row only when its status or
 * tracking id changed; a finished run writes its summary and small state there and drops the
 * working state.
 */
function planTransition(steps: CommitStep[], commit: TransitionCommit): void {
  const { state } = commit;
  rememberRows(state.actions, commit.actions);
  if (isFinished(state)) {
    steps.push({
      s: 'finishRun',
      p: [
        state.status,
        state.endTime ?? null,
        state.error === undefined ? null : JSON.stringify(state.error),
        encodeOptional(state.outputs),
        state.clientTrackingId ?? null,
        encodeRetiredState(state),
        state.runId,
      ],
      mustChange: state.runId,
    });
    steps.push({ s: 'deleteWorkingState', p: [state.runId] });
  } else {
    steps.push({ s: 'updateWorkingState', p: [encodeWorkingState(state), state.runId], mustChange: state.runId });
    const tracking = state.clientTrackingId ?? null;
    steps.push({ s: 'updateRunStatus', p: [state.status, tracking, state.runId, state.status, tracking] });
  }
  for (const event of commit.events) steps.push(eventStep(state.runId, event));
  for (const row of commit.actions) steps.push({ s: 'upsertAction', p: actionParams(row) });
}

function eventStep(runId: string, event: RunEvent): CommitStep {
  return { s: 'insertEvent', p: [runId, event.kind, event.at, encodeValue(event), runId] };
}

/** The plan of `units` was not committed: their rows stand in for no record. */
export function planFailed(units: readonly CommitUnit[]): void {
  for (const unit of units) {
    if (unit.kind === 'transition') forgetRows(unit.commit.state.actions, unit.commit.actions);
    else for (const run of unit.poll.runs) forgetRows(run.state.actions, run.actions ?? []);
  }
}

/** Runs a plan (the caller holds the transaction). Throws InternalError naming the run at fault. */
export function runCommitPlan(statements: CommitStatements, steps: readonly CommitStep[]): void {
  for (const step of steps) {
    let changes: number;
    try {
      changes = statements[step.s].run(...step.p).changes;
    } catch (err) {
      if (step.creates !== undefined && isConstraint(err)) {
        throw new InternalError(`run ${step.creates} already exists`, { where: { run: step.creates }, cause: err });
      }
      throw err;
    }
    if (step.mustChange !== undefined && changes === 0) throw new InternalError(`run ${step.mustChange} does not exist`, { where: { run: step.mustChange } });
  }
}

function isConstraint(err: unknown): boolean {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
