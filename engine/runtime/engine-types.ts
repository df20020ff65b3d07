/**
 * The engine's service surface: what the REST API, the CLI and the trigger host call. REST handlers
 * only parse, call these and serialise (no HTTP knowledge below this line).
 */
import type { Issue } from '../../definitions/issue.js';
import type { Value } from '../expressions/value.js';
import type { RunResponse, RunState, RunStatus } from '../interpreter/run-state.js';
import type { WorkflowRecord, WorkflowState } from '../store/store.js';

/** What a trigger produced: becomes `trigger().outputs`. */
export interface TriggerOutputs {
  headers?: Record<string, string>;
  body?: Value;
  queries?: Record<string, string>;
  relativePathParameters?: Record<string, string>;
  [key: string]: Value | undefined;
}

export interface StartRunRequest {
  workflowName: string;
  /** Defaults to the workflow's first trigger. */
  triggerName?: string;
  outputs: TriggerOutputs;
  clientTrackingId?: string;
  /** Run a specific saved version (resubmit); defaults to the latest. */
  version?: number;
}

export interface StartedRun {
  runId: string;
  /**
   * Settles with the Response action's response (request-triggered runs), or `undefined` when the
   * run finished without one.
   */
  response: Promise<RunResponse | undefined>;
  /** Settles with the final state when the run completes. */
  completed: Promise<RunState>;
}

export interface FireTriggerRequest {
  workflowName: string;
  /** Defaults to the workflow's first trigger. */
  triggerName?: string;
  outputs: TriggerOutputs;
  clientTrackingId?: string;
  /** When the trigger produced the outputs; defaults to now. */
  at?: string;
  /** splitOn to apply when the definition says none (blob triggers split their array). */
  defaultSplitOn?: string;
  /** A polling trigger's new state, committed with the runs it fires. */
  triggerState?: import('../store/store.js').TriggerStateRow;
}

export type FireResult =
  | { status: 'fired'; runs: StartedRun[] }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: { code: string; message: string } };

export type SaveResult = { ok: true; workflow: WorkflowRecord } | { ok: false; issues: readonly Issue[] };

export interface EngineService {
  saveWorkflow(input: { name: string; definition: unknown; parameters?: Record<string, unknown>; state?: WorkflowState }): SaveResult;
  deleteWorkflow(name: string): boolean;
  setWorkflowState(name: string, state: WorkflowState): WorkflowRecord | undefined;
  startRun(request: StartRunRequest): Promise<StartedRun>;
  /** A trigger produced outputs: applies its conditions and splitOn, then starts the runs. */
  fireTrigger(request: FireTriggerRequest): Promise<FireResult>;
  cancelRun(workflowName: string, runId: string): Promise<boolean>;
  /** Starts a new run with the trigger outputs and workflow version of an earlier one. */
  resubmitRun(workflowName: string, runId: string): Promise<StartedRun | undefined>;
  /**
   * The caller waiting for a run's Response gave up (a request trigger's timeout): a Response
   * action that runs later fails with ActionResponseTimedOut. `false` when the run already
   * responded or finished, or nobody waits.
   */
  abandonResponse(runId: string): boolean;
}

/** Result of a one-off run (`sluice run`, golden workflow tests). */
export interface RunOnceResult {
  status: RunStatus;
  error?: { code: string; message: string };
  /** By action name (unique across the definition); loops show the latest execution. */
  actions: Record<string, { status: string; code?: string; inputs?: Value; outputs?: Value; error?: { code: string; message: string }; repetitions?: number; attempts?: number; startTime?: string; endTime?: string; trackedProperties?: Value }>;
  outputs?: Record<string, Value>;
  response?: RunResponse;
}
