/**
 * How an action type is declared. Control actions (If, Switch, Foreach, Until, Scope, Terminate,
 * Wait) are the interpreter's own; every other type is a descriptor:
 * - `pure` actions (Compose, ParseJson, Query, Select, Join, Table, the variable actions) compute
 *   their result from their inputs inside the interpreter's transition, deterministically;
 * - `effect` actions (Http, Response, Workflow) reach outside and run in the executor, after the
 *   state that started them has been committed.
 */
import type { Value } from '../expressions/value.js';
import type { ErrorInfo, RunResponse } from '../interpreter/run-state.js';

export interface ActionResult {
  status: 'Succeeded' | 'Failed' | 'TimedOut' | 'Cancelled' | 'Skipped';
  outputs?: Value;
  /** Logic Apps' code for the outcome, e.g. `OK`, `NotFound`, `ActionFailed`, `InvalidTemplate`. */
  code?: string;
  error?: ErrorInfo;
  /** Worth retrying under the action's retry policy (HTTP 408, 429, 5xx, connection failures). */
  retryable?: boolean;
  /** What to record as the action's inputs when it differs from the evaluated inputs. */
  inputs?: Value;
  /**
   * How long the answering service asked to wait before a retry (HTTP `Retry-After` on a 429 or
   * 503), in milliseconds; a retry should not come sooner.
   */
  retryAfterMs?: number;
}

/** Size limits of variables (Logic Apps: 100,000 array items; 104,857,600 characters). */
export interface VariableLimits {
  arrayItems: number;
  stringChars: number;
}

/** Run variables as the variable actions see them (names match ignoring case). */
export interface VariableAccess {
  /** Limits to enforce; the documented defaults when absent. */
  readonly limits?: VariableLimits;
  has(name: string): boolean;
  get(name: string): Value | undefined;
  /** Declares a new variable with its declared type (InitializeVariable). */
  declare(name: string, type: string, value: Value): void;
  /** Declared type of a variable (`Integer`, `Float`, `String`, `Boolean`, `Array`, `Object`). */
  typeOf(name: string): string | undefined;
  set(name: string, value: Value): void;
}

export interface PureActionContext {
  readonly name: string;
  /** The action's definition (normalised: canonical type names and statuses). */
  readonly node: Readonly<Record<string, unknown>>;
  /** The evaluated `inputs` of the action (throws an ExpressionEvaluationError on a bad expression). */
  inputs(): Value;
  /** Evaluates a raw definition value (e.g. Query's `where`) with `item()` bound to `item`. */
  evaluateWithItem(raw: unknown, item: Value): Value;
  readonly variables: VariableAccess;
}

export interface PureActionDescriptor {
  readonly type: string;
  readonly kind: 'pure';
  /**
   * Top-level `inputs` properties the action evaluates itself, once per array item, through
   * `ctx.evaluateWithItem` (Query's `where`, Select's `select`, Table's `columns`). `ctx.inputs()`
   * must return them as written, unevaluated: evaluated up front, their `item()` has no value.
   */
  readonly itemInputs?: readonly string[];
  run(ctx: PureActionContext): ActionResult;
}

/** Services the executor lends to effect actions. */
export interface EffectServices {
  /**
   * Delivers a Response to the caller waiting on the run's request trigger. `timedOut`: the caller
   * was waiting but its wait ended (it got the trigger's timeout answer) before this Response.
   */
  respond(runId: string, response: RunResponse): 'sent' | 'noCaller' | 'alreadySent' | 'timedOut';
  /** Runs another workflow of this engine through its request trigger and waits for its Response. */
  invokeWorkflow(request: { workflow: string; trigger: string; headers: Record<string, string>; body: Value; parentRunId: string }): Promise<RunResponse>;
}

export interface EffectContext {
  readonly runId: string;
  readonly workflowName: string;
  readonly actionName: string;
  readonly key: string;
  readonly attempt: number;
  /** Aborted when the run is cancelled or the action's limit.timeout passes. */
  readonly signal: AbortSignal;
  readonly services: EffectServices;
  /** The action's `operationOptions` as written (comma-separated), e.g. `DisableAsyncPattern`. */
  readonly operationOptions?: string;
}

export interface EffectActionDescriptor {
  readonly type: string;
  readonly kind: 'effect';
  run(inputs: Value, ctx: EffectContext): Promise<ActionResult>;
}

export type ActionDescriptor = PureActionDescriptor | EffectActionDescriptor;
