/**
 * Carries out what the interpreter decides. For each run it applies events one at a time:
 * transition → commit (state, event and history rows in one transaction) → carry out the commands.
 * Effects start only after the state that asked for them is committed, so a crash never loses a
 * completed action and never repeats one (an effect in flight at a crash is retried on resume).
 */
import type { EffectActionDescriptor, EffectServices, PureActionDescriptor, ActionResult } from '../actions/descriptor.js';
import { asSluiceError } from '../errors.js';
import type { Command } from '../interpreter/commands.js';
import type { RunEvent } from '../interpreter/events.js';
import type { InterpreterLimits } from '../interpreter/limits.js';
import type { WorkflowPlan } from '../interpreter/plan.js';
import type { RunState } from '../interpreter/run-state.js';
import { transition, type TransitionContext } from '../interpreter/transition.js';
import type { CommitUnit, Store, TriggerHistoryRow, TriggerPollCommit, TriggerStateRow } from '../store/store.js';
import type { Clock } from './clock.js';

export interface ExecutorOptions {
  store: Store;
  clock: Clock;
  pure: ReadonlyMap<string, PureActionDescriptor>;
  effects: ReadonlyMap<string, EffectActionDescriptor>;
  services: EffectServices;
  limits: InterpreterLimits;
  onRunCompleted(state: RunState): void;
  /** Reports failures the engine cannot attach to a run (a failed commit). */
  onError?(runId: string, error: Error): void;
}

/** New runs to store and start in one commit (see `Executor.launch`). */
export interface LaunchBatch {
  runs: readonly { state: RunState; plan: WorkflowPlan; triggerName: string }[];
  histories: TriggerHistoryRow[];
  triggerState?: TriggerStateRow;
}

interface ActiveRun {
  state: RunState;
  ctx: TransitionContext;
  chain: Promise<void>;
  inflight: Map<string, AbortController>;
  timers: Map<string, () => void>;
}

class ActionTimeout extends Error {}

/** How long a commit nobody waits for may wait to share the next transaction. */
const LAZY_COMMIT_MS = 1;

interface PendingCommit {
  unit: CommitUnit;
  /** Carries out the transition's commands, once it is committed. */
  after(): void;
  resolve(): void;
  reject(err: unknown): void;
}

export class Executor {
  private readonly active = new Map<string, ActiveRun>();
  private pending: PendingCommit[] = [];
  private flushScheduled = false;
  private lazyFlush: NodeJS.Timeout | undefined;
  private readonly effectTypes: ReadonlySet<string>;
  private stopped = false;

  constructor(private readonly options: ExecutorOptions) {
    this.effectTypes = new Set(options.effects.keys());
  }

  get activeRunIds(): string[] {
    return [...this.active.keys()];
  }

  private context(plan: WorkflowPlan): TransitionContext {
    return { plan, pure: this.options.pure, effects: this.effectTypes, limits: this.options.limits };
  }

  /**
   * Stores new runs — with the trigger history and trigger state that fired them — and starts
   * those not Waiting, in one commit. A started run's first transition is applied before that
   * commit: it only runs pure actions and decides the first commands, so the run's row is written
   * once, already past its start, and its commands are carried out only after the commit. Resolves
   * when the commit is done; rejects (and nothing of the batch is kept) when it fails.
   */
  launch(batch: LaunchBatch): Promise<void> {
    const poll: TriggerPollCommit = { runs: [], histories: batch.histories };
    if (batch.triggerState !== undefined) poll.triggerState = batch.triggerState;
    const started: { runId: string; run: ActiveRun; commands: readonly Command[] }[] = [];
    for (const { state, plan, triggerName } of batch.runs) {
      if (state.status === 'Waiting' || this.stopped) {
        poll.runs.push({ state, triggerName });
        continue;
      }
      const run = this.track(state, plan);
      let result: ReturnType<typeof transition>;
      try {
        result = transition(state, { kind: 'runStarted', at: state.startTime }, run.ctx);
      } catch (err) {
        // An interpreter fault: the run is still stored, so that it can be seen and cancelled.
        this.options.onError?.(state.runId, asSluiceError(err));
        poll.runs.push({ state, triggerName });
        continue;
      }
      poll.runs.push({ state: result.state, triggerName, actions: result.rows });
      started.push({ runId: state.runId, run, commands: result.commands });
    }
    const committed = new Promise<void>((resolve, reject) => {
      this.pending.push({
        unit: { kind: 'poll', poll },
        after: () => {
          for (const { runId, run, commands } of started) for (const command of commands) this.carryOut(runId, run, command);
        },
        resolve,
        reject: (err) => {
          for (const { runId, run } of started) if (this.active.get(runId) === run) this.active.delete(runId);
          reject(err);
        },
      });
      this.scheduleFlush();
    });
    // Later events of these runs wait for their creation to be committed.
    for (const { run } of started) run.chain = committed.catch(() => undefined);
    return committed;
  }

  /** Starts a run already stored (by a trigger's atomic commit, or released from the waiting queue). */
  start(state: RunState, plan: WorkflowPlan, at: string = state.startTime): Promise<void> {
    this.track(state, plan);
    return this.dispatch(state.runId, { kind: 'runStarted', at });
  }

  /** Picks up a run found Running in the store after a restart. */
  resume(state: RunState, plan: WorkflowPlan): void {
    const run = this.track(state, plan);
    for (const timer of Object.values(state.timers)) this.arm(state.runId, run, timer.key, timer.due, timer.purpose);
    for (const record of Object.values(state.actions)) {
      const retrying = state.timers[record.key] !== undefined;
      if (record.status === 'Running' && record.attempts > 0 && this.effectTypes.has(record.type) && !retrying) {
        // The effect was in flight when the process stopped: run it again (at-least-once, as Logic Apps).
        const timeoutMs = undefined;
        this.invoke(state.runId, run, { kind: 'invokeAction', key: record.key, name: record.name, type: record.type, attempt: record.attempts, inputs: record.inputs ?? null, timeoutMs });
      }
    }
  }

  private track(state: RunState, plan: WorkflowPlan): ActiveRun {
    const run: ActiveRun = { state, ctx: this.context(plan), chain: Promise.resolve(), inflight: new Map(), timers: new Map() };
    this.active.set(state.runId, run);
    return run;
  }

  /** Applies an event to a run after the events before it. */
  dispatch(runId: string, event: RunEvent): Promise<void> {
    const run = this.active.get(runId);
    if (run === undefined || this.stopped) return Promise.resolve();
    run.chain = run.chain.then(() => this.apply(runId, run, event)).catch((err: unknown) => {
      this.options.onError?.(runId, asSluiceError(err));
    });
    return run.chain;
  }

  /**
   * Applies an event and waits for its commit. Commits are grouped: transitions of concurrent runs
   * made in the same turn of the event loop are written in one transaction, and only then are their
   * commands carried out — the durability rule holds for each of them.
   */
  private apply(runId: string, run: ActiveRun, event: RunEvent): Promise<void> | undefined {
    if (this.stopped || this.active.get(runId) !== run) return undefined;
    const result = transition(run.state, event, run.ctx);
    // runStarted is not stored as an event: the store reads it from the run's start time.
    const events = event.kind === 'runStarted' ? [] : [event];
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ unit: { kind: 'transition', commit: { state: result.state, events, actions: result.rows } }, after: () => {
        for (const command of result.commands) this.carryOut(runId, run, command);
      }, resolve, reject });
      this.scheduleFlush(result.commands.some((command) => command.kind !== 'runCompleted'));
    });
  }

  /**
   * A commit that something waits for — an effect, a timer, a new run — is flushed at the end of
   * this turn of the event loop. One that nobody outside waits for (a run's last transition, after
   * its Response went out) may wait up to LAZY_COMMIT_MS for the next flush, so that a caller's
   * next request shares its transaction: one commit per run instead of two at concurrency 1. Its
   * run's completion is still reported only after it is committed.
   */
  private scheduleFlush(urgent = true): void {
    if (this.flushScheduled) return;
    if (urgent) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    } else if (this.lazyFlush === undefined) {
      this.lazyFlush = setTimeout(() => this.flush(), LAZY_COMMIT_MS);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    clearTimeout(this.lazyFlush);
    this.lazyFlush = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      this.options.store.commitGroup(batch.map((p) => p.unit));
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    for (const p of batch) {
      try {
        // Stopped: the commit is kept, its effects start again when the run resumes.
        if (!this.stopped) p.after();
        p.resolve();
      } catch (err) {
        p.reject(err);
      }
    }
  }

  private carryOut(runId: string, run: ActiveRun, command: Command): void {
    switch (command.kind) {
      case 'invokeAction':
        this.invoke(runId, run, command);
        return;
      case 'startTimer':
        this.arm(runId, run, command.key, command.due, command.purpose);
        return;
      case 'cancelAction':
        run.inflight.get(command.key)?.abort();
        return;
      case 'runCompleted':
        this.finish(runId, run);
        return;
    }
  }

  private arm(runId: string, run: ActiveRun, key: string, due: string, purpose: 'wait' | 'retry'): void {
    run.timers.get(key)?.();
    const cancel = this.options.clock.setTimer(due, () => {
      run.timers.delete(key);
      void this.dispatch(runId, { kind: 'timerFired', at: this.laterOf(due), key, purpose });
    });
    run.timers.set(key, cancel);
  }

  /** A timer's event time is never before its due time, whatever the clock's resolution. */
  private laterOf(due: string): string {
    const now = this.options.clock.now();
    return Date.parse(now) >= Date.parse(due) ? now : due;
  }

  private invoke(runId: string, run: ActiveRun, command: Extract<Command, { kind: 'invokeAction' }>): void {
    const descriptor = this.options.effects.get(command.type);
    const controller = new AbortController();
    run.inflight.get(command.key)?.abort();
    run.inflight.set(command.key, controller);
    let timer: NodeJS.Timeout | undefined;
    if (command.timeoutMs !== undefined) timer = setTimeout(() => controller.abort(new ActionTimeout()), command.timeoutMs);
    const operationOptions = run.ctx.plan.actions.get(command.name)?.node['operationOptions'];
    const started: Promise<ActionResult> = descriptor === undefined
      ? Promise.resolve({ status: 'Failed', code: 'ActionTypeNotSupported', error: { code: 'ActionTypeNotSupported', message: `No effect handler for type '${command.type}'.` } })
      : descriptor.run(command.inputs, {
          runId,
          workflowName: run.state.workflowName,
          actionName: command.name,
          key: command.key,
          attempt: command.attempt,
          signal: controller.signal,
          services: this.options.services,
          operationOptions: typeof operationOptions === 'string' ? operationOptions : undefined,
        });
    void started
      .catch((err: unknown): ActionResult => {
        const error = asSluiceError(err);
        return { status: 'Failed', code: error.code, error: { code: error.code, message: error.message }, retryable: error.retryable };
      })
      .then((result) => {
        clearTimeout(timer);
        if (run.inflight.get(command.key) === controller) run.inflight.delete(command.key);
        const timedOut = controller.signal.aborted && controller.signal.reason instanceof ActionTimeout;
        const final: ActionResult = timedOut
          ? { status: 'TimedOut', code: 'ActionTimedOut', error: { code: 'ActionTimedOut', message: `The action '${command.name}' did not finish within its limit.timeout.` } }
          : result;
        return this.dispatch(runId, { kind: 'actionCompleted', at: this.options.clock.now(), key: command.key, attempt: command.attempt, result: final });
      });
  }

  private finish(runId: string, run: ActiveRun): void {
    for (const cancel of run.timers.values()) cancel();
    run.timers.clear();
    this.active.delete(runId);
    this.options.onRunCompleted(run.state);
  }

  /** Cancels a running run (its in-flight effects are aborted). */
  cancel(runId: string, at: string): Promise<boolean> {
    if (!this.active.has(runId)) return Promise.resolve(false);
    return this.dispatch(runId, { kind: 'cancelRequested', at }).then(() => true);
  }

  /** Stops dispatching; runs stay Running in the store and resume on the next start. */
  async stop(): Promise<void> {
    const chains = [...this.active.values()].map((run) => run.chain);
    this.stopped = true;
    for (const run of this.active.values()) {
      for (const cancel of run.timers.values()) cancel();
      for (const controller of run.inflight.values()) controller.abort();
    }
    // Transitions already made are written (commits waiting for company included); no command of
    // theirs is carried out any more: the runs resume from them on the next start.
    this.flush();
    await Promise.allSettled(chains);
    this.active.clear();
  }
}
