/**
 * The one storage interface. SQLite (better-sqlite3, WAL) is the default implementation; every
 * implementation runs the shared contract suite in test/contracts/. All methods are synchronous:
 * better-sqlite3 is, and a transition's commit must be one atomic step.
 */
import type { Value } from '../expressions/value.js';
import type { ActionRecord, RunState, RunStatus } from '../interpreter/run-state.js';
import type { RunEvent } from '../interpreter/events.js';

export type WorkflowState = 'Enabled' | 'Disabled';

export interface WorkflowRecord {
  name: string;
  /** 1 for the first save; every save adds a version. */
  version: number;
  definition: Record<string, unknown>;
  /** Values of definition parameters, `{ name: { value } }` as Logic Apps takes them. */
  parameters: Record<string, unknown>;
  state: WorkflowState;
  createdTime: string;
  changedTime: string;
}

export interface RunSummary {
  runId: string;
  workflowName: string;
  workflowVersion: number;
  status: RunStatus;
  startTime: string;
  endTime?: string;
  triggerName: string;
  error?: { code: string; message: string };
  outputs?: Record<string, Value>;
  clientTrackingId?: string;
}

/** One row of action history: one attempt of one execution of one action. */
export interface ActionRow {
  runId: string;
  key: string;
  name: string;
  type: string;
  repetition: number[];
  attempt: number;
  status: string;
  code?: string;
  /** Already redacted when secureData hides them (then `secureInputs`/`secureOutputs` is true). */
  inputs?: Value;
  outputs?: Value;
  error?: { code: string; message: string };
  startTime?: string;
  endTime?: string;
  trackedProperties?: Value;
  secureInputs?: boolean;
  secureOutputs?: boolean;
}

export interface TriggerHistoryRow {
  id: string;
  workflowName: string;
  triggerName: string;
  status: 'Succeeded' | 'Failed' | 'Skipped';
  startTime: string;
  endTime?: string;
  fired: boolean;
  runId?: string;
  inputs?: Value;
  outputs?: Value;
  error?: { code: string; message: string };
}

/** Durable state of a polling trigger: when it fires next, and its watermark. */
export interface TriggerStateRow {
  workflowName: string;
  triggerName: string;
  /** The workflow version this state belongs to (a new version resets polling state). */
  workflowVersion: number;
  nextFireTime?: string;
  state?: Value;
  updatedTime: string;
}

/** What one poll of a trigger writes, atomically: the runs it fires, their history, its new state. */
export interface TriggerPollCommit {
  /** Absent for triggers without state (request triggers, manual runs). */
  triggerState?: TriggerStateRow;
  /** New runs; `actions` are the history rows of a first transition already applied to `state`. */
  runs: { state: RunState; triggerName: string; actions?: ActionRow[] }[];
  histories: TriggerHistoryRow[];
}

/** One part of the executor's group commit: new runs with their trigger's record, or a transition. */
export type CommitUnit = { kind: 'poll'; poll: TriggerPollCommit } | { kind: 'transition'; commit: TransitionCommit };

export interface RunQuery {
  status?: RunStatus;
  /** ISO times bounding startTime (inclusive from, exclusive to). */
  from?: string;
  to?: string;
  top?: number;
  /** Opaque continuation from a previous page. */
  skipToken?: string;
}

export interface Page<T> {
  value: T[];
  nextSkipToken?: string;
}

/** What one transition writes, atomically. */
export interface TransitionCommit {
  state: RunState;
  events: RunEvent[];
  /** Action executions changed by the transition (upserted by key and attempt). */
  actions: ActionRow[];
}

export interface Store {
  // ---- workflows ----
  /** Creates or replaces (a new version); keeps `createdTime` of the first version. */
  saveWorkflow(input: { name: string; definition: Record<string, unknown>; parameters?: Record<string, unknown>; state?: WorkflowState }): WorkflowRecord;
  getWorkflow(name: string, version?: number): WorkflowRecord | undefined;
  listWorkflows(): WorkflowRecord[];
  listWorkflowVersions(name: string): WorkflowRecord[];
  setWorkflowState(name: string, state: WorkflowState): WorkflowRecord | undefined;
  /** Deletes the workflow, its versions, runs and history. */
  deleteWorkflow(name: string): boolean;

  // ---- runs ----
  /**
   * Writes a new run (its first state; its runStarted event is read from its start time) and — in
   * the same transaction — the trigger history entry that fired it, when given.
   */
  createRun(state: RunState, triggerName: string, history?: TriggerHistoryRow): void;
  /** One transition: the new state, its events and changed action rows, in one transaction. */
  commitTransition(commit: TransitionCommit): void;
  /**
   * Several transitions (of one or many runs), in order, in one transaction: the executor's group
   * commit, so that concurrent runs share the cost of a commit.
   */
  commitTransitions(commits: readonly TransitionCommit[]): void;
  /** New runs and transitions of many runs, in order, in one transaction (the executor's group commit). */
  commitGroup(units: readonly CommitUnit[]): void;
  /**
   * The run's state to resume from. A finished run's state keeps only what its history needs
   * (trigger, latest executions, outputs, error): its action records are the history rows.
   */
  loadRunState(runId: string): RunState | undefined;
  /** Ids of runs whose status is Running or Waiting (to resume after a restart), oldest first. */
  listActiveRunIds(): string[];
  getRun(workflowName: string, runId: string): RunSummary | undefined;
  listRuns(workflowName: string, query?: RunQuery): Page<RunSummary>;
  /** Latest attempt of every action execution of the run; at most one row per key. */
  listActionRows(runId: string): ActionRow[];
  /** Every attempt of every execution of one action (by name), in repetition then attempt order. */
  listActionRepetitions(runId: string, actionName: string): ActionRow[];
  listRunEvents(runId: string): RunEvent[];

  // ---- triggers ----
  addTriggerHistory(row: TriggerHistoryRow): void;
  getTriggerState(workflowName: string, triggerName: string): TriggerStateRow | undefined;
  listTriggerStates(): TriggerStateRow[];
  /** Saves a trigger's state alone (first schedule, a skipped or failed poll). */
  saveTriggerState(row: TriggerStateRow): void;
  /**
   * One poll's outcome in one transaction: new runs (with their first transition's rows), trigger history
   * entries and the trigger's new state, so that nothing fires twice or is lost across a crash.
   */
  commitTriggerPoll(commit: TriggerPollCommit): void;
  listTriggerHistories(workflowName: string, triggerName: string, query?: { top?: number; skipToken?: string }): Page<TriggerHistoryRow>;

  // ---- access keys ----
  /** The secret that signs the workflow's request-trigger callback URLs; `undefined` until set. */
  getWorkflowKey(workflowName: string): Buffer | undefined;
  /** Sets (or replaces) the workflow's key; `false` when the workflow does not exist. */
  setWorkflowKey(workflowName: string, key: Buffer): boolean;

  // ---- retention ----
  /** Deletes finished runs (with their actions, events) that ended before `before`; returns how many. */
  purgeRunsEndedBefore(before: string, limit?: number): number;

  close(): void;
}

export type { ActionRecord };
