/**
 * The interpreter: `transition(state, event, context) → { state, commands, rows }`.
 *
 * Deterministic and free of I/O: the time comes in the event, randomness from the run's seed,
 * effects go out as commands that the executor carries out after committing the new state. For
 * speed the state passed in is updated in place and returned (the caller owns it; replaying the same
 * events on a copy of the old state gives the same result).
 *
 * One transition runs every action that has become ready and needs no effect — a chain of Compose
 * and variable actions, a whole Foreach over pure actions — and stops at effects and timers.
 */
import { ExpressionEvaluationError } from '../expressions/expression-errors.js';
import type { ActionResult, PureActionDescriptor } from '../actions/descriptor.js';
import type { RunView } from '../expressions/run-view.js';
import type { Value } from '../expressions/value.js';
import type { ActionRow } from '../store/store.js';
import type { Command } from './commands.js';
import { containerFailed } from './container-status.js';
import { startControl, CONTROL_TYPES, loopIterationDone, fireWait } from './control-flow.js';
import type { RunEvent } from './events.js';
import { invokeEffect, completeEffectAttempt, retryTimerFired } from './effect-flow.js';
import type { InterpreterLimits } from './limits.js';
import type { ActionPlan, WorkflowPlan } from './plan.js';
import { toActionRow } from './action-rows.js';
import { exceedsChars } from './payload-size.js';
import { finishRun, terminateRun } from './run-end.js';
import { TERMINAL_ACTION_STATUSES, type ActionRecord, type ActionStatus, type RunState, type ScopeInstance } from './run-state.js';
import { createStateView, executionKey, type Frame } from './state-view.js';
import { startPure } from './pure-flow.js';

export interface TransitionContext {
  readonly plan: WorkflowPlan;
  readonly pure: ReadonlyMap<string, PureActionDescriptor>;
  /** Types run by the executor (Http, Response, Workflow ...). */
  readonly effects: ReadonlySet<string>;
  readonly limits: InterpreterLimits;
}

export interface TransitionResult {
  state: RunState;
  commands: Command[];
  /** Action history rows changed by this transition. */
  rows: ActionRow[];
}

interface Work {
  name: string;
  repetition: number[];
  scope: string;
}

/** The working set of one transition; control-flow modules extend it through these methods. */
export class Step {
  readonly commands: Command[] = [];
  private readonly touched = new Set<string>();
  private readonly extraRows: ActionRow[] = [];
  private readonly queue: Work[] = [];

  constructor(
    readonly state: RunState,
    readonly ctx: TransitionContext,
    readonly at: string,
  ) {}

  get plan(): WorkflowPlan {
    return this.ctx.plan;
  }

  get running(): boolean {
    return this.state.status === 'Running';
  }

  touch(record: ActionRecord): void {
    this.touched.add(record.key);
  }

  /** Keeps a row for an attempt that is about to be superseded by a retry. */
  keepAttemptRow(record: ActionRecord): void {
    this.extraRows.push(toActionRow(this.state, this.plan, record));
  }

  frameOf(plan: ActionPlan, repetition: number[], extra: Partial<Frame> = {}): Frame {
    const parent = plan.parent === undefined ? undefined : this.plan.actions.get(plan.parent);
    return { repetition, loops: plan.loops, container: parent?.name, ...extra };
  }

  view(frame: Frame): RunView {
    return createStateView(this.state, this.plan, frame, this.at);
  }

  /** Opens one execution of a container and queues its first actions. */
  openScope(container: string, owner: string | undefined, repetition: number[]): void {
    const key = `${container}#${repetition.join('-')}`;
    const plan = this.plan.containers.get(container);
    const names = plan?.names ?? [];
    const scope: ScopeInstance = { key, container, owner, repetition, pending: names.length, closed: false };
    this.state.scopes[key] = scope;
    if (names.length === 0) {
      this.closeScope(scope);
      return;
    }
    for (const name of plan!.roots) this.queue.push({ name, repetition, scope: key });
  }

  /** Records the top-level actions of a branch that will not run as Skipped (untaken If/Switch branches). */
  skipContainer(container: string, repetition: number[], reason: string): void {
    for (const name of this.plan.containers.get(container)?.names ?? []) {
      const record = this.createRecord(name, repetition, `${container}#skipped`);
      this.finish(record, { status: 'Skipped', code: 'ActionSkipped', error: { code: 'ActionSkipped', message: reason } });
    }
  }

  createRecord(name: string, repetition: number[], scope: string): ActionRecord {
    const plan = this.plan.actions.get(name)!;
    const key = executionKey(name, repetition);
    const record: ActionRecord = { key, name, type: plan.type, repetition, status: 'Running', attempts: 0, scope, startTime: this.at };
    const secure = secureDataOf(plan.node);
    if (secure.inputs) record.secureInputs = true;
    if (secure.outputs) record.secureOutputs = true;
    this.state.actions[key] = record;
    this.state.latest[name] = key;
    this.touch(record);
    return record;
  }

  /** Sets a final status without notifying anyone (callers decide when to notify). */
  finish(record: ActionRecord, result: ActionResult): void {
    record.status = result.status;
    record.endTime = this.at;
    if (result.outputs !== undefined) record.outputs = result.outputs;
    if (result.inputs !== undefined) record.inputs = result.inputs;
    if (result.code !== undefined) record.code = result.code;
    else delete record.code;
    if (result.error !== undefined) record.error = result.error;
    else delete record.error;
    this.touch(record);
  }

  /** Completes an action and lets its container move on. */
  complete(record: ActionRecord, result: ActionResult): void {
    const limit = this.ctx.limits.payloadChars;
    if (result.outputs !== undefined && exceedsChars(result.outputs, limit)) {
      const message = `The outputs of action '${record.name}' are larger than the limit of ${limit} characters.`;
      result = { status: 'Failed', code: 'ActionPayloadTooLarge', error: { code: 'ActionPayloadTooLarge', message } };
    }
    this.finish(record, result);
    delete this.state.timers[record.key];
    this.evaluateTracked(record);
    this.notify(record);
  }

  private evaluateTracked(record: ActionRecord): void {
    const plan = this.plan.actions.get(record.name)!;
    const tracked = plan.node['trackedProperties'];
    if (tracked === undefined || tracked === null) return;
    try {
      record.trackedProperties = plan.trackedProperties!(this.view(this.frameOf(plan, record.repetition, { current: record })));
    } catch {
      // Logic Apps does not fail an action because a tracked property cannot be evaluated.
    }
  }

  private notify(record: ActionRecord): void {
    const scope = this.state.scopes[record.scope];
    if (scope === undefined || scope.closed) return;
    scope.pending--;
    const container = this.plan.containers.get(scope.container)!;
    for (const successor of container.successors.get(record.name) ?? []) this.consider(successor, scope);
    if (scope.pending === 0) this.closeScope(scope);
  }

  /** A successor whose predecessors have all finished either starts or is skipped. */
  private consider(name: string, scope: ScopeInstance): void {
    const plan = this.plan.actions.get(name)!;
    let unmet: { predecessor: string; expected: string[]; actual: ActionStatus } | undefined;
    for (const [predecessor, accepted] of plan.runAfter) {
      const status = this.state.actions[executionKey(predecessor, scope.repetition)]?.status;
      if (status === undefined || !TERMINAL_ACTION_STATUSES.has(status)) return;
      if (unmet === undefined && !accepted.has(status)) unmet = { predecessor, expected: [...accepted], actual: status };
    }
    if (this.state.actions[executionKey(name, scope.repetition)] !== undefined) return;
    if (unmet === undefined) {
      this.queue.push({ name, repetition: scope.repetition, scope: scope.key });
      return;
    }
    const record = this.createRecord(name, scope.repetition, scope.key);
    const message =
      `The execution of template action '${name}' is skipped: the 'runAfter' condition for action '${unmet.predecessor}' is not satisfied. ` +
      `Expected status values '${unmet.expected.join(', ')}' and actual value '${unmet.actual}'.`;
    this.complete(record, { status: 'Skipped', code: 'ActionConditionFailed', error: { code: 'ActionConditionFailed', message } });
  }

  private closeScope(scope: ScopeInstance): void {
    scope.closed = true;
    const container = this.plan.containers.get(scope.container);
    const failed = container !== undefined && containerFailed(this.state, this.plan, container, scope.repetition);
    if (scope.owner === undefined) {
      finishRun(this, failed);
      return;
    }
    const owner = this.state.actions[scope.owner];
    if (owner === undefined || TERMINAL_ACTION_STATUSES.has(owner.status)) return;
    if (owner.type === 'Foreach' || owner.type === 'Until') {
      loopIterationDone(this, owner, failed);
      return;
    }
    this.complete(owner, failed ? scopeFailure() : { status: 'Succeeded', outputs: owner.outputs });
  }

  /** Starts queued actions until nothing is ready without an effect or a timer. */
  drain(): void {
    for (let work = this.queue.shift(); work !== undefined; work = this.queue.shift()) {
      if (!this.running) return;
      if (this.state.actions[executionKey(work.name, work.repetition)] !== undefined) continue;
      this.start(work);
    }
  }

  private start(work: Work): void {
    const record = this.createRecord(work.name, work.repetition, work.scope);
    const plan = this.plan.actions.get(work.name)!;
    const staticResult = staticResultOf(this.plan, plan);
    if (staticResult !== undefined) {
      this.complete(record, staticResult);
      return;
    }
    if (CONTROL_TYPES.has(plan.type)) {
      startControl(this, record, plan);
      return;
    }
    const pure = this.ctx.pure.get(plan.type);
    if (pure !== undefined) {
      startPure(this, record, plan, pure);
      return;
    }
    if (this.ctx.effects.has(plan.type)) {
      invokeEffect(this, record, plan);
      return;
    }
    this.complete(record, {
      status: 'Failed',
      code: 'ActionTypeNotSupported',
      error: { code: 'ActionTypeNotSupported', message: `Sluice cannot run actions of type '${plan.type}' (action '${plan.name}').` },
    });
  }

  /** Evaluates inputs, turning expression errors into Logic Apps' InvalidTemplate failure. */
  evaluateInputs(record: ActionRecord, plan: ActionPlan): { ok: true; value: Value } | { ok: false; result: ActionResult } {
    try {
      return { ok: true, value: plan.inputs(this.view(this.frameOf(plan, record.repetition))) };
    } catch (err) {
      return { ok: false, result: invalidTemplate(plan.name, 'inputs', err) };
    }
  }

  rows(): ActionRow[] {
    const rows = [...this.extraRows];
    for (const key of this.touched) {
      const record = this.state.actions[key];
      if (record !== undefined) rows.push(toActionRow(this.state, this.plan, record));
    }
    return rows;
  }
}

export function scopeFailure(): ActionResult {
  return { status: 'Failed', code: 'ActionFailed', error: { code: 'ActionFailed', message: 'An action failed. No dependent actions succeeded.' } };
}

/** Logic Apps' wording for an expression that fails while an action is prepared. */
export function invalidTemplate(action: string, part: string, err: unknown): ActionResult {
  if (!(err instanceof ExpressionEvaluationError) && !(err instanceof Error)) throw err;
  const detail = err instanceof ExpressionEvaluationError ? err.detail : err.message;
  const position = err instanceof ExpressionEvaluationError ? err.where.position : undefined;
  const at = position === undefined ? '' : ` at line '1' and column '${position + 1}'`;
  return {
    status: 'Failed',
    code: 'InvalidTemplate',
    error: { code: 'InvalidTemplate', message: `Unable to process template language expressions in action '${action}' ${part}${at}: '${detail}'.` },
  };
}

function secureDataOf(node: Readonly<Record<string, unknown>>): { inputs: boolean; outputs: boolean } {
  const config = node['runtimeConfiguration'] as { secureData?: { properties?: unknown } } | undefined;
  const props = config?.secureData?.properties;
  const list = Array.isArray(props) ? props.map((p) => String(p).toLowerCase()) : [];
  return { inputs: list.includes('inputs'), outputs: list.includes('outputs') };
}

function staticResultOf(workflow: WorkflowPlan, plan: ActionPlan): ActionResult | undefined {
  const config = plan.node['runtimeConfiguration'] as { staticResult?: { name?: unknown; staticResultOptions?: unknown } } | undefined;
  const ref = config?.staticResult;
  if (ref === undefined || String(ref.staticResultOptions ?? 'Enabled').toLowerCase() !== 'enabled') return undefined;
  const results = workflow.definition['staticResults'] as Record<string, { status?: string; outputs?: Value; code?: string; error?: { code: string; message: string } }> | undefined;
  const entry = typeof ref.name === 'string' ? results?.[ref.name] : undefined;
  if (entry === undefined) return undefined;
  const status = (entry.status ?? 'Succeeded') as ActionResult['status'];
  const outputs = entry.outputs;
  const failed = status === 'Failed' || status === 'TimedOut';
  return {
    status,
    outputs,
    code: entry.code ?? (failed ? 'ActionFailed' : 'OK'),
    error: failed ? (entry.error ?? { code: 'ActionFailed', message: `The static result '${String(ref.name)}' is ${status}.` }) : undefined,
  };
}

export function transition(state: RunState, event: RunEvent, ctx: TransitionContext): TransitionResult {
  const step = new Step(state, ctx, event.at);
  switch (event.kind) {
    case 'runStarted':
      step.openScope('/actions', undefined, []);
      break;
    case 'actionCompleted':
      completeEffectAttempt(step, event.key, event.attempt, event.result);
      break;
    case 'timerFired':
      if (event.purpose === 'wait') fireWait(step, event.key);
      else retryTimerFired(step, event.key);
      break;
    case 'cancelRequested':
      if (step.running) terminateRun(step, 'Cancelled', undefined);
      break;
  }
  step.drain();
  return { state, commands: step.commands, rows: step.rows() };
}
