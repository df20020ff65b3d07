/**
 * The default Store: one SQLite file (better-sqlite3, WAL). Every statement is prepared once. The
 * hot path is the executor's group commit (`commitGroup`): a plan of statements (commit-plan.ts)
 * run in one IMMEDIATE transaction. A run's working state, its history rows and events are written
 * in the same transaction.
 */
import type { Statement, Transaction } from 'better-sqlite3';
import type { RunEvent } from '../interpreter/events.js';
import type { ActionRecord, RunState } from '../interpreter/run-state.js';
import { isMemoryPath, openDatabase, type SqliteDatabase } from './database.js';
import { decodeRunState } from './stored-run-state.js';
import { planCommit, planFailed, prepareCommitStatements, runCommitPlan, type CommitStatements, type CommitStep } from './commit-plan.js';
import { isStub, restoreRecords, type RecordStub } from './persisted-records.js';
import { migrate } from './migrations.js';
import { decodeSkipToken, encodeSkipToken, pageSize, type PagePosition } from './page-token.js';
import {
  actionFromDb,
  decodeValue,
  RUN_SUMMARY_COLUMNS,
  runFromDb,
  triggerFromDb,
  triggerParams,
  type ActionDbRow,
  type RunDbRow,
  type TriggerDbRow,
} from './sqlite-rows.js';
import { deepFreeze } from '../../definitions/normalise.js';
import { SqliteTriggerStates } from './sqlite-trigger-state.js';
import { SqliteWorkflowKeys } from './sqlite-workflow-keys.js';
import { SqliteWorkflows } from './sqlite-workflows.js';
import type {
  ActionRow,
  CommitUnit,
  Page,
  RunQuery,
  RunSummary,
  Store,
  TransitionCommit,
  TriggerHistoryRow,
  TriggerPollCommit,
  TriggerStateRow,
  WorkflowRecord,
  WorkflowState,
} from './store.js';

export interface SqliteStoreOptions {
  /** Database file (its folder is created when missing), or `':memory:'`. */
  path: string;
  /** Clock for workflow save times (run times come from the run state). @default system clock */
  now?: () => string;
  /** @default 5000 */
  busyTimeoutMs?: number;
}

const ACTION_COLUMNS =
  'run_id, key, attempt, name, type, repetition, status, code, inputs, outputs, error, start_time, end_time, tracked_properties, secure_inputs, secure_outputs';

/** Trigger history columns, with the trigger record of the run for entries that share its outputs. */
const TRIGGER_COLUMNS = 'h.*, r.trigger_record AS run_trigger';
const RUN_TRIGGER_JOIN = 'LEFT JOIN runs r ON h.outputs IS NULL AND r.run_id = h.run_id';

export class SqliteStore implements Store {
  readonly db: SqliteDatabase;
  readonly isMemory: boolean;
  private readonly workflows: SqliteWorkflows;
  private readonly keys: SqliteWorkflowKeys;
  private readonly s: ReturnType<typeof prepareStatements>;
  private readonly listCache = new Map<string, Statement>();
  private readonly commits: CommitStatements;
  private readonly planTx: Transaction<(steps: readonly CommitStep[]) => void>;
  private readonly triggerStates: SqliteTriggerStates;
  private readonly latest = new Map<string, WorkflowRecord>();
  private readonly keyCache = new Map<string, Buffer>();
  private readonly purgeTx: Transaction<(before: string, limit: number) => number>;

  constructor(options: SqliteStoreOptions) {
    const now = options.now ?? (() => new Date().toISOString());
    this.isMemory = isMemoryPath(options.path);
    this.db = openDatabase({ path: options.path, busyTimeoutMs: options.busyTimeoutMs });
    try {
      migrate(this.db, now);
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.workflows = new SqliteWorkflows(this.db, now);
    this.keys = new SqliteWorkflowKeys(this.db, now);
    this.s = prepareStatements(this.db);
    this.commits = prepareCommitStatements(this.db);
    this.planTx = this.db.transaction((steps: readonly CommitStep[]) => runCommitPlan(this.commits, steps));
    this.triggerStates = new SqliteTriggerStates(this.db);
    this.purgeTx = this.db.transaction((before: string, limit: number) => {
      const ids = this.s.selectPurgeable.all(before, limit) as string[];
      // Events and action rows go by ON DELETE CASCADE.
      for (const id of ids) this.s.deleteRun.run(id);
      return ids.length;
    });
  }

  /** Commits in one IMMEDIATE transaction (the write lock taken at BEGIN). */
  private commitHere(units: readonly CommitUnit[]): void {
    const steps = planCommit(units);
    if (steps.length === 0) return;
    try {
      this.planTx.immediate(steps);
    } catch (err) {
      planFailed(units);
      throw err;
    }
  }

  // ---- workflows ----

  saveWorkflow(input: { name: string; definition: Record<string, unknown>; parameters?: Record<string, unknown>; state?: WorkflowState }): WorkflowRecord {
    this.forget(input.name);
    return this.workflows.save(input);
  }

  /**
   * The latest version of each workflow is read on every request-trigger call and run start, so it
   * is kept in memory; every write below goes through this store and forgets it first.
   */
  getWorkflow(name: string, version?: number): WorkflowRecord | undefined {
    if (version !== undefined) return this.workflows.get(name, version);
    const key = name.toLowerCase();
    let record = this.latest.get(key);
    if (record === undefined) {
      record = this.workflows.get(name);
      // Frozen: callers share it, so a caller that wanted to change it must copy it.
      if (record !== undefined) this.latest.set(key, deepFreeze(record));
    }
    return record;
  }

  private forget(name: string): void {
    this.latest.delete(name.toLowerCase());
    this.keyCache.delete(name.toLowerCase());
  }

  listWorkflows(): WorkflowRecord[] {
    return this.workflows.list();
  }

  listWorkflowVersions(name: string): WorkflowRecord[] {
    return this.workflows.listVersionsOf(name);
  }

  setWorkflowState(name: string, state: WorkflowState): WorkflowRecord | undefined {
    this.forget(name);
    return this.workflows.setState(name, state);
  }

  deleteWorkflow(name: string): boolean {
    this.forget(name);
    return this.workflows.delete(name);
  }

  // ---- runs ----

  createRun(state: RunState, triggerName: string, history?: TriggerHistoryRow): void {
    this.commitHere([{ kind: 'poll', poll: { runs: [{ state, triggerName }], histories: history === undefined ? [] : [history] } }]);
  }

  commitTransition(commit: TransitionCommit): void {
    this.commitHere([{ kind: 'transition', commit }]);
  }

  commitTransitions(commits: readonly TransitionCommit[]): void {
    this.commitHere(commits.map((commit) => ({ kind: 'transition', commit })));
  }

  commitGroup(units: readonly CommitUnit[]): void {
    this.commitHere(units);
  }

  loadRunState(runId: string): RunState | undefined {
    const row = this.s.selectState.get(runId) as { state: string; working: string | null; trigger_record: string | null } | undefined;
    if (row === undefined) return undefined;
    const state = decodeRunState(row.working ?? row.state, row.trigger_record);
    const actions = state.actions as Record<string, ActionRecord | RecordStub>;
    if (Object.values(actions).some(isStub)) {
      const rows = (this.s.selectAllAttempts.all(runId) as ActionDbRow[]).map(actionFromDb);
      state.actions = restoreRecords(actions, rows, runId);
    }
    return state;
  }

  listActiveRunIds(): string[] {
    return this.s.selectActive.all() as string[];
  }

  getRun(workflowName: string, runId: string): RunSummary | undefined {
    const row = this.s.selectRun.get(runId, workflowName) as RunDbRow | undefined;
    return row === undefined ? undefined : runFromDb(row);
  }

  listRuns(workflowName: string, query: RunQuery = {}): Page<RunSummary> {
    const top = pageSize(query.top);
    const after = query.skipToken === undefined ? undefined : decodeSkipToken(query.skipToken);
    const where = ['workflow_name = ?'];
    const params: unknown[] = [workflowName];
    const add = (condition: string, ...values: unknown[]): void => {
      where.push(condition);
      params.push(...values);
    };
    if (query.status !== undefined) add('status = ?', query.status);
    if (query.from !== undefined) add('start_time >= ?', query.from);
    if (query.to !== undefined) add('start_time < ?', query.to);
    if (after !== undefined) add('(start_time, run_id) < (?, ?)', after.time, after.id);
    // At most 16 shapes of this query exist; each is prepared once.
    const sql = `SELECT ${RUN_SUMMARY_COLUMNS} FROM runs WHERE ${where.join(' AND ')} ORDER BY start_time DESC, run_id DESC LIMIT ?`;
    const rows = this.cached(sql).all(...params, top + 1) as RunDbRow[];
    return page(rows, top, runFromDb, (r) => ({ time: r.start_time, id: r.run_id }));
  }

  listActionRows(runId: string): ActionRow[] {
    return (this.s.selectLatestActions.all(runId) as ActionDbRow[]).map(actionFromDb);
  }

  listActionRepetitions(runId: string, actionName: string): ActionRow[] {
    return (this.s.selectRepetitions.all(runId, actionName) as ActionDbRow[]).map(actionFromDb);
  }

  /** The run's events; its first, runStarted, is not stored: the run's start time says it. */
  listRunEvents(runId: string): RunEvent[] {
    const startTime = this.s.selectStartTime.get(runId) as string | undefined;
    if (startTime === undefined) return [];
    const stored = (this.s.selectEvents.all(runId) as string[]).map((text) => decodeValue(text) as unknown as RunEvent);
    return [{ kind: 'runStarted', at: startTime }, ...stored];
  }

  // ---- triggers ----

  getTriggerState(workflowName: string, triggerName: string): TriggerStateRow | undefined {
    return this.triggerStates.get(workflowName, triggerName);
  }

  listTriggerStates(): TriggerStateRow[] {
    return this.triggerStates.list();
  }

  saveTriggerState(row: TriggerStateRow): void {
    this.triggerStates.upsert(row);
  }

  commitTriggerPoll(commit: TriggerPollCommit): void {
    this.commitHere([{ kind: 'poll', poll: commit }]);
  }

  addTriggerHistory(row: TriggerHistoryRow): void {
    this.commits.insertTrigger.run(...triggerParams(row));
  }

  listTriggerHistories(workflowName: string, triggerName: string, query: { top?: number; skipToken?: string } = {}): Page<TriggerHistoryRow> {
    const top = pageSize(query.top);
    const rows = (
      query.skipToken === undefined
        ? this.s.selectTriggers.all(workflowName, triggerName, top + 1)
        : this.s.selectTriggersAfter.all(workflowName, triggerName, ...positionParams(decodeSkipToken(query.skipToken)), top + 1)
    ) as TriggerDbRow[];
    return page(rows, top, triggerFromDb, (r) => ({ time: r.start_time, id: r.id }));
  }

  // ---- access keys ----

  getWorkflowKey(workflowName: string): Buffer | undefined {
    const cacheKey = workflowName.toLowerCase();
    if (this.keyCache.has(cacheKey)) return this.keyCache.get(cacheKey);
    const key = this.keys.get(workflowName);
    if (key !== undefined) this.keyCache.set(cacheKey, key);
    return key;
  }

  setWorkflowKey(workflowName: string, key: Buffer): boolean {
    this.keyCache.delete(workflowName.toLowerCase());
    return this.keys.set(workflowName, key);
  }

  // ---- retention ----

  purgeRunsEndedBefore(before: string, limit = 500): number {
    if (!Number.isInteger(limit) || limit < 1) return 0;
    return this.purgeTx.immediate(before, limit);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- internals ----

  private cached(sql: string): Statement {
    let statement = this.listCache.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.listCache.set(sql, statement);
    }
    return statement;
  }
}

/** The read statements and the purge; the commit path's are in commit-plan.ts. */
function prepareStatements(db: SqliteDatabase) {
  return {
    selectState: db.prepare(
      'SELECT r.state, r.trigger_record, s.state AS working FROM runs r LEFT JOIN run_states s ON s.run_id = r.run_id WHERE r.run_id = ?',
    ),
    // Runs that have not finished are those with a working state.
    selectActive: db.prepare('SELECT s.run_id FROM run_states s JOIN runs r ON r.run_id = s.run_id ORDER BY r.start_time, r.run_id').pluck(),
    selectRun: db.prepare(`SELECT ${RUN_SUMMARY_COLUMNS} FROM runs WHERE run_id = ? AND workflow_name = ?`),
    // SQLite takes the bare columns of a MAX() aggregate from the row holding the maximum.
    selectLatestActions: db.prepare(
      `SELECT ${ACTION_COLUMNS}, MAX(attempt) FROM action_executions WHERE run_id = ? GROUP BY name, rep_order ORDER BY name, rep_order`,
    ),
    selectRepetitions: db.prepare(
      `SELECT ${ACTION_COLUMNS} FROM action_executions WHERE run_id = ? AND name = ? ORDER BY rep_order, attempt`,
    ),
    selectEvents: db.prepare('SELECT event FROM run_events WHERE run_id = ? ORDER BY seq').pluck(),
    selectAllAttempts: db.prepare(`SELECT ${ACTION_COLUMNS} FROM action_executions WHERE run_id = ?`),
    selectStartTime: db.prepare('SELECT start_time FROM runs WHERE run_id = ?').pluck(),
    selectTriggers: db.prepare(
      `SELECT ${TRIGGER_COLUMNS} FROM trigger_histories h ${RUN_TRIGGER_JOIN}
       WHERE h.workflow_name = ? AND h.trigger_name = ? ORDER BY h.start_time DESC, h.id DESC LIMIT ?`,
    ),
    selectTriggersAfter: db.prepare(
      `SELECT ${TRIGGER_COLUMNS} FROM trigger_histories h ${RUN_TRIGGER_JOIN}
       WHERE h.workflow_name = ? AND h.trigger_name = ? AND (h.start_time, h.id) < (?, ?)
       ORDER BY h.start_time DESC, h.id DESC LIMIT ?`,
    ),
    selectPurgeable: db
      .prepare("SELECT run_id FROM runs WHERE status <> 'Running' AND end_time < ? ORDER BY end_time LIMIT ?")
      .pluck(),
    deleteRun: db.prepare('DELETE FROM runs WHERE run_id = ?'),
  };
}

function positionParams(position: PagePosition): [string, string] {
  return [position.time, position.id];
}

/** Rows were fetched with one extra to learn whether another page follows. */
function page<R, T>(rows: R[], top: number, map: (row: R) => T, position: (row: R) => PagePosition): Page<T> {
  const more = rows.length > top;
  const kept = more ? rows.slice(0, top) : rows;
  const result: Page<T> = { value: kept.map(map) };
  if (more) result.nextSkipToken = encodeSkipToken(position(kept[kept.length - 1]!));
  return result;
}
