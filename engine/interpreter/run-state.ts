/**
 * The state of one run: a versioned, JSON-serialisable value. The interpreter's transition function
 * is its only writer; the store persists it after every transition, and a run resumes from it after
 * a crash. Nothing here refers to the clock or to I/O: times arrive inside events.
 */
import type { Value } from '../expressions/value.js';

export const RUN_STATE_VERSION = 1;

/** Statuses of an action execution (the Logic Apps REST vocabulary). */
export type ActionStatus = 'Running' | 'Waiting' | 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut' | 'Cancelled' | 'Aborted';
/** `Waiting`: created by a trigger but queued behind the workflow's concurrency limit. */
export type RunStatus = 'Waiting' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled' | 'TimedOut';

export const TERMINAL_ACTION_STATUSES: ReadonlySet<ActionStatus> = new Set(['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled', 'Aborted']);

export interface ErrorInfo {
  code: string;
  message: string;
}

/**
 * One execution of one action: the record `actions('X')` returns, plus bookkeeping. Inside loops an
 * action runs once per iteration; `repetition` holds the indexes of its enclosing loops, outermost
 * first, and the key is `name` or `name#i-j`.
 */
export interface ActionRecord {
  key: string;
  name: string;
  type: string;
  repetition: number[];
  status: ActionStatus;
  code?: string;
  inputs?: Value;
  outputs?: Value;
  error?: ErrorInfo;
  startTime?: string;
  endTime?: string;
  /** Attempts made so far (retries count); 0 before the first. */
  attempts: number;
  trackedProperties?: Value;
  /** Key of the scope instance the action belongs to. */
  scope: string;
  /** Inputs/outputs that runtimeConfiguration.secureData hides from history. */
  secureInputs?: boolean;
  secureOutputs?: boolean;
}

/**
 * One execution of one container of actions: the top level, a Scope body, an If branch, a Switch
 * case, or one iteration of a Foreach/Until body.
 */
export interface ScopeInstance {
  key: string;
  /** JSON pointer of the `actions` object (relative to the definition). */
  container: string;
  /** Key of the control action that opened it; absent for the top level. */
  owner?: string;
  repetition: number[];
  /** Actions of the container not yet in a terminal status. */
  pending: number;
  closed: boolean;
}

/** Progress of one Foreach or Until execution. */
export interface LoopState {
  kind: 'Foreach' | 'Until';
  /** Foreach: the evaluated items. */
  items?: Value[];
  /** Next iteration index to open. */
  next: number;
  running: number;
  done: number;
  degree: number;
  failed: boolean;
  /** Until: status of the last finished iteration, and when the loop started. */
  lastIterationFailed?: boolean;
  startedAt?: string;
}

export interface TimerState {
  key: string;
  due: string;
  purpose: 'wait' | 'retry';
}

export interface RunResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Value;
}

export interface RunState {
  version: number;
  runId: string;
  workflowName: string;
  workflowVersion: number;
  status: RunStatus;
  startTime: string;
  endTime?: string;
  error?: ErrorInfo;
  trigger: Value;
  parameters: Record<string, Value>;
  variables: Record<string, Value>;
  /** Declared type of each variable (InitializeVariable's `type`). */
  variableTypes?: Record<string, string>;
  actions: Record<string, ActionRecord>;
  scopes: Record<string, ScopeInstance>;
  loops: Record<string, LoopState>;
  timers: Record<string, TimerState>;
  /** Latest execution key of each action name, for references from outside its loop. */
  latest: Record<string, string>;
  outputs?: Record<string, Value>;
  response?: RunResponse;
  /** Seed for guid()/rand() so that replaying a transition gives the same values. */
  entropy: string;
  /** Counts draws from the entropy so each draw differs. */
  draws: number;
  clientTrackingId?: string;
}
