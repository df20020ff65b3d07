/**
 * The engine: saves workflows, starts and resumes runs, answers callers waiting for a Response, and
 * purges old history. It composes the store, the executor and the action registries; the REST API,
 * the CLI and the trigger host talk to it through `EngineService`.
 */
import { loadDefinition, type CompiledWorkflow } from '../../definitions/load.js';
import type { Issue } from '../../definitions/issue.js';
import type { TypeSupport } from '../../definitions/support.js';
import { unwrapDefinition } from '../../definitions/unwrap.js';
import type { EffectActionDescriptor, EffectServices, PureActionDescriptor } from '../actions/descriptor.js';
import { effectActions } from '../actions/effect-actions.js';
import { pureActions } from '../actions/pure-actions.js';
import { DefinitionError, SluiceError } from '../errors.js';
import { DEFAULT_LIMITS, type InterpreterLimits } from '../interpreter/limits.js';
import { planWorkflow, type WorkflowPlan } from '../interpreter/plan.js';
import type { RunResponse, RunState } from '../interpreter/run-state.js';
import type { Value } from '../expressions/value.js';
import type { Store, TriggerHistoryRow, TriggerStateRow, WorkflowRecord, WorkflowState } from '../store/store.js';
import { SystemClock, type Clock } from './clock.js';
import type { EngineService, FireResult, FireTriggerRequest, SaveResult, StartedRun, StartRunRequest, TriggerOutputs } from './engine-types.js';
import { Executor, type LaunchBatch } from './executor.js';
import { createRunState, newRunId, resolveParameters } from './run-factory.js';
import { RetentionPurger } from './retention.js';
import { concurrencyOf, RunAdmission, type ConcurrencyLimit } from './run-admission.js';
import { planFiring } from './trigger-firing.js';

export interface EngineOptions {
  store: Store;
  clock?: Clock;
  limits?: Partial<InterpreterLimits>;
  /** Days of run history to keep. @default 90 */
  retentionDays?: number;
  pure?: readonly PureActionDescriptor[];
  effects?: readonly EffectActionDescriptor[];
  /** Which trigger and action types definitions may use (the connector registry's); the loader's default otherwise. */
  support?: TypeSupport;
  /** Reports failures that belong to no caller (a failed commit); defaults to stderr. */
  onError?(runId: string, error: Error): void;
}

/** Raised when a workflow's definition does not load; carries every issue. */
export class InvalidDefinitionError extends DefinitionError {
  constructor(readonly issues: readonly Issue[]) {
    super('DefinitionInvalid', `the workflow definition is not valid: ${issues.map((i) => `${i.pointer}: ${i.message}`).join('; ')}`);
  }
}

interface ResolvedTrigger {
  record: WorkflowRecord;
  plan: WorkflowPlan;
  triggerName: string;
  node: Record<string, unknown> | undefined;
  limit: ConcurrencyLimit | undefined;
}

export type WorkflowChange = { kind: 'saved' | 'deleted' | 'stateChanged'; name: string };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  settled: boolean;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  const d: Deferred<T> = { promise, settled: false, resolve: (value) => {
    if (d.settled) return;
    d.settled = true;
    resolve(value);
  } };
  return d;
}

export class Engine implements EngineService {
  readonly store: Store;
  readonly clock: Clock;
  private readonly support: TypeSupport | undefined;
  private readonly executor: Executor;
  private readonly plans = new Map<string, WorkflowPlan>();
  private readonly responses = new Map<string, Deferred<RunResponse | undefined>>();
  private readonly completions = new Map<string, Deferred<RunState>>();
  /** Runs whose caller stopped waiting for their Response (the request trigger timed out). */
  private readonly abandoned = new Set<string>();
  private readonly retention: RetentionPurger;
  private readonly admission = new RunAdmission();
  private readonly waitingStates = new Map<string, { state: RunState; plan: WorkflowPlan }>();
  private readonly listeners: ((change: WorkflowChange) => void)[] = [];
  private readonly records = new Map<string, WorkflowRecord>();

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? new SystemClock();
    this.support = options.support;
    const services: EffectServices = {
      respond: (runId, response) => this.respond(runId, response),
      invokeWorkflow: (request) => this.invokeWorkflow(request),
    };
    this.executor = new Executor({
      store: this.store,
      clock: this.clock,
      pure: new Map((options.pure ?? pureActions).map((d) => [d.type, d])),
      effects: new Map((options.effects ?? effectActions).map((d) => [d.type, d])),
      services,
      limits: { ...DEFAULT_LIMITS, ...options.limits },
      onRunCompleted: (state) => this.runCompleted(state),
      onError: options.onError ?? ((runId, error) => process.stderr.write(`sluice: run ${runId}: ${error.message}\n`)),
    });
    this.retention = new RetentionPurger({ store: this.store, clock: this.clock, days: options.retentionDays ?? 90 });
  }

  /** Resumes runs left Running by an earlier process and starts the retention purge. */
  async start(): Promise<void> {
    const workflows = new Map<string, ConcurrencyLimit | undefined>();
    for (const runId of this.store.listActiveRunIds()) {
      const state = this.store.loadRunState(runId);
      if (state === undefined) continue;
      const plan = this.planFor(state.workflowName, state.workflowVersion);
      // No caller waits for a resumed run's Response any more: it will report noCaller.
      this.completions.set(runId, deferred());
      workflows.set(state.workflowName, this.limitOf(plan, state));
      if (state.status === 'Waiting') {
        this.waitingStates.set(runId, { state, plan });
        this.admission.enqueue(state.workflowName, runId);
      } else {
        this.admission.occupy(state.workflowName);
        this.executor.resume(state, plan);
      }
    }
    for (const [workflow, limit] of workflows) await this.launchWaiting(this.admission.drain(workflow, limit));
    this.retention.start();
  }

  /** Called after a workflow is saved, deleted, enabled or disabled (the trigger host listens). */
  onWorkflowChange(listener: (change: WorkflowChange) => void): void {
    this.listeners.push(listener);
  }

  private changed(change: WorkflowChange): void {
    const key = change.name.toLowerCase();
    this.records.delete(key);
    // A workflow created again under a deleted one's name numbers its versions from 1 again.
    if (change.kind === 'deleted') for (const planKey of [...this.plans.keys()]) if (planKey.startsWith(`${key}@`)) this.plans.delete(planKey);
    for (const listener of this.listeners) listener(change);
  }

  private limitOf(plan: WorkflowPlan, state: RunState): ConcurrencyLimit | undefined {
    const name = (state.trigger as { name?: string } | null)?.name;
    const node = name === undefined ? undefined : (plan.definition['triggers'] as Record<string, Record<string, unknown>> | undefined)?.[name];
    return concurrencyOf(node);
  }

  private async launchWaiting(runIds: string[]): Promise<void> {
    for (const runId of runIds) {
      const waiting = this.waitingStates.get(runId);
      if (waiting === undefined) continue;
      this.waitingStates.delete(runId);
      waiting.state.status = 'Running';
      // Its actions start now, not when the trigger fired.
      await this.executor.start(waiting.state, waiting.plan, this.clock.now());
    }
  }

  async stop(): Promise<void> {
    this.retention.stop();
    await this.executor.stop();
  }

  saveWorkflow(input: { name: string; definition: unknown; parameters?: Record<string, unknown>; state?: WorkflowState }): SaveResult {
    const result = loadDefinition(input.definition, { externalParameters: Object.keys(input.parameters ?? {}), support: this.support });
    if (!result.ok) return { ok: false, issues: result.issues };
    const unwrapped = unwrapDefinition(input.definition);
    const definition = 'definition' in unwrapped ? unwrapped.definition : (input.definition as Record<string, unknown>);
    const workflow = this.store.saveWorkflow({ name: input.name, definition, parameters: input.parameters ?? {}, state: input.state });
    this.changed({ kind: 'saved', name: workflow.name });
    return { ok: true, workflow };
  }

  deleteWorkflow(name: string): boolean {
    const deleted = this.store.deleteWorkflow(name);
    if (deleted) this.changed({ kind: 'deleted', name });
    return deleted;
  }

  setWorkflowState(name: string, state: WorkflowState): WorkflowRecord | undefined {
    const record = this.store.setWorkflowState(name, state);
    if (record !== undefined) this.changed({ kind: 'stateChanged', name: record.name });
    return record;
  }

  /**
   * A saved workflow: the latest version comes from memory (every change goes through this engine,
   * which forgets the cached record), older versions from the store.
   */
  private workflowRecord(name: string, version?: number): WorkflowRecord | undefined {
    if (version !== undefined) return this.store.getWorkflow(name, version);
    const key = name.toLowerCase();
    let record = this.records.get(key);
    if (record === undefined) {
      record = this.store.getWorkflow(name);
      if (record !== undefined) this.records.set(key, record);
    }
    return record;
  }

  /** The execution plan of a saved workflow version (compiled once, cached). */
  planFor(name: string, version?: number): WorkflowPlan {
    // Versions never change once saved: a known one needs no lookup (this runs for every run).
    if (version !== undefined) {
      const known = this.plans.get(`${name.toLowerCase()}@${version}`);
      if (known !== undefined) return known;
    }
    const record = this.workflowRecord(name, version);
    if (record === undefined) throw new SluiceError('NotFound', `workflow '${name}'${version === undefined ? '' : ` version ${version}`} does not exist`);
    const key = `${record.name.toLowerCase()}@${record.version}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      const loaded = loadDefinition(record.definition, { externalParameters: Object.keys(record.parameters), support: this.support });
      if (!loaded.ok) throw new InvalidDefinitionError(loaded.issues);
      plan = planWorkflow(loaded.compiled as CompiledWorkflow);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** The saved workflow, its plan and the trigger a run of it would use. */
  private resolveTrigger(workflowName: string, version: number | undefined, triggerName: string | undefined): ResolvedTrigger {
    const record = this.workflowRecord(workflowName, version);
    if (record === undefined) throw new SluiceError('NotFound', `workflow '${workflowName}' does not exist`);
    if (record.state === 'Disabled' && version === undefined) {
      throw new SluiceError('WorkflowDisabled', `workflow '${record.name}' is disabled; enable it to start runs`);
    }
    const plan = this.planFor(record.name, record.version);
    const trigger = triggerName === undefined
      ? plan.compiled.triggers[0]
      : plan.compiled.triggers.find((t) => t.name.toLowerCase() === triggerName.toLowerCase());
    if (triggerName !== undefined && trigger === undefined) throw new SluiceError('NotFound', `workflow '${record.name}' has no trigger '${triggerName}'`);
    const name = trigger?.name ?? triggerName ?? 'manual';
    const node = (plan.definition['triggers'] as Record<string, Record<string, unknown>> | undefined)?.[name];
    return { record, plan, triggerName: name, node, limit: concurrencyOf(node) };
  }

  private newRunState(resolved: ResolvedTrigger, outputs: TriggerOutputs, at: string, clientTrackingId: string | undefined): RunState {
    return createRunState({
      runId: newRunId(at),
      workflowName: resolved.record.name,
      workflowVersion: resolved.record.version,
      triggerName: resolved.triggerName,
      outputs,
      parameters: resolveParameters(resolved.plan.definition, resolved.record.parameters),
      at,
      clientTrackingId,
    });
  }

  /** Starts one run with the given trigger outputs (no conditions or splitOn: a manual start). */
  async startRun(request: StartRunRequest): Promise<StartedRun> {
    const resolved = this.resolveTrigger(request.workflowName, request.version, request.triggerName);
    const at = this.clock.now();
    const state = this.newRunState(resolved, request.outputs, at, request.clientTrackingId);
    const [started] = await this.commitAndLaunch(resolved, [state], { at });
    return started!;
  }

  /**
   * A trigger produced outputs: its conditions decide whether it fires, splitOn how many runs
   * start. The runs, their history and (for polling triggers) the trigger's new state are written
   * in one transaction before any run starts.
   */
  async fireTrigger(request: FireTriggerRequest): Promise<FireResult> {
    const resolved = this.resolveTrigger(request.workflowName, undefined, request.triggerName);
    const at = request.at ?? this.clock.now();
    const firing = planFiring({
      triggerName: resolved.triggerName,
      node: resolved.node ?? {},
      outputs: request.outputs,
      parameters: resolveParameters(resolved.plan.definition, resolved.record.parameters),
      now: at,
      defaultSplitOn: request.defaultSplitOn,
      clientTrackingId: request.clientTrackingId,
    });
    if (firing.status !== 'fire') {
      const history = this.historyRow(resolved, at, firing.status === 'skipped' ? 'Skipped' : 'Failed', request.outputs, undefined,
        firing.status === 'skipped' ? { code: 'TriggerSkipped', message: firing.reason } : firing.error);
      this.store.commitTriggerPoll({ triggerState: request.triggerState, runs: [], histories: [history] });
      return firing.status === 'skipped' ? { status: 'skipped', reason: firing.reason } : { status: 'failed', error: firing.error };
    }
    const states = firing.items.map((item) => this.newRunState(resolved, item.outputs, at, item.clientTrackingId));
    const runs = await this.commitAndLaunch(resolved, states, { at, triggerState: request.triggerState });
    return { status: 'fired', runs };
  }

  private historyRow(resolved: ResolvedTrigger, at: string, status: TriggerHistoryRow['status'], outputs: TriggerOutputs | undefined, runId?: string, error?: { code: string; message: string }): TriggerHistoryRow {
    const row: TriggerHistoryRow = {
      id: runId ?? newRunId(at),
      workflowName: resolved.record.name,
      triggerName: resolved.triggerName,
      status,
      startTime: at,
      endTime: at,
      fired: runId !== undefined,
    };
    if (runId !== undefined) row.runId = runId;
    if (outputs !== undefined) row.outputs = outputs as Value;
    if (error !== undefined) row.error = error;
    return row;
  }

  /**
   * Admission, then one atomic write of the runs (each already past its first transition), their
   * history and the trigger's state; the runs' first commands start after that write.
   */
  private async commitAndLaunch(resolved: ResolvedTrigger, states: RunState[], options: { at: string; triggerState?: TriggerStateRow }): Promise<StartedRun[]> {
    const workflow = resolved.record.name;
    const decisions = states.map(() => this.admission.admit(workflow, resolved.limit));
    if (decisions.includes('reject')) {
      // Give back the slots taken by this batch's admitted runs: nothing of it is stored.
      for (const d of decisions) if (d === 'run') this.admission.unadmit(workflow);
      throw new SluiceError('TooManyRuns', `workflow '${workflow}' already has the most runs its concurrency settings allow waiting`);
    }
    states.forEach((state, i) => {
      if (decisions[i] === 'wait') state.status = 'Waiting';
    });
    const histories = states.map((state) => this.historyRow(resolved, options.at, 'Succeeded', (state.trigger as { outputs?: TriggerOutputs }).outputs, state.runId));
    // Registered first: a run may respond, or even finish, as soon as its commit is done.
    const started = states.map((state): StartedRun => {
      const response = deferred<RunResponse | undefined>();
      const completed = deferred<RunState>();
      this.responses.set(state.runId, response);
      this.completions.set(state.runId, completed);
      return { runId: state.runId, response: response.promise, completed: completed.promise };
    });
    const batch: LaunchBatch = { runs: states.map((state) => ({ state, plan: resolved.plan, triggerName: resolved.triggerName })), histories };
    if (options.triggerState !== undefined) batch.triggerState = options.triggerState;
    try {
      await this.executor.launch(batch);
    } catch (err) {
      for (const state of states) {
        this.responses.delete(state.runId);
        this.completions.delete(state.runId);
      }
      for (const d of decisions) if (d === 'run') this.admission.unadmit(workflow);
      throw err;
    }
    const waiting = states.filter((state) => state.status === 'Waiting');
    for (const state of waiting) {
      this.waitingStates.set(state.runId, { state, plan: resolved.plan });
      this.admission.enqueue(workflow, state.runId);
    }
    // A slot may have freed while the batch was being written.
    if (waiting.length > 0) await this.launchWaiting(this.admission.drain(workflow, resolved.limit));
    return started;
  }

  async cancelRun(workflowName: string, runId: string): Promise<boolean> {
    const run = this.store.getRun(workflowName, runId);
    if (run === undefined || run.status !== 'Running') return false;
    return this.executor.cancel(runId, this.clock.now());
  }

  async resubmitRun(workflowName: string, runId: string): Promise<StartedRun | undefined> {
    const state = this.store.loadRunState(runId);
    if (state === undefined || state.workflowName.toLowerCase() !== workflowName.toLowerCase()) return undefined;
    const trigger = state.trigger as { name?: string; outputs?: Record<string, unknown> };
    return this.startRun({
      workflowName: state.workflowName,
      triggerName: trigger.name,
      outputs: (trigger.outputs ?? {}) as StartRunRequest['outputs'],
      version: state.workflowVersion,
    });
  }

  /** Settles when the run completes (also for runs resumed after a restart). */
  whenCompleted(runId: string): Promise<RunState> | undefined {
    return this.completions.get(runId)?.promise;
  }

  /**
   * The caller waiting for the run's Response gave up (the request trigger's timeout): a Response
   * action that runs later fails with ActionResponseTimedOut. `false` when the run has already
   * responded or finished, or nobody waits for it.
   */
  abandonResponse(runId: string): boolean {
    const waiting = this.responses.get(runId);
    if (waiting === undefined || waiting.settled) return false;
    this.abandoned.add(runId);
    waiting.resolve(undefined);
    return true;
  }

  private respond(runId: string, response: RunResponse): 'sent' | 'noCaller' | 'alreadySent' | 'timedOut' {
    if (this.abandoned.has(runId)) return 'timedOut';
    const waiting = this.responses.get(runId);
    if (waiting === undefined) return 'noCaller';
    if (waiting.settled) return 'alreadySent';
    waiting.resolve(response);
    return 'sent';
  }

  private async invokeWorkflow(request: Parameters<EffectServices['invokeWorkflow']>[0]): Promise<RunResponse> {
    const plan = this.planFor(request.workflow);
    const started = await this.startRun({ workflowName: request.workflow, triggerName: request.trigger, outputs: { headers: request.headers, body: request.body } });
    const hasResponse = [...plan.actions.values()].some((a) => a.type === 'Response');
    if (!hasResponse) return { statusCode: 202, headers: {}, body: null };
    const response = await started.response;
    return response ?? { statusCode: 502, headers: {}, body: { error: { code: 'NoResponse', message: `workflow '${request.workflow}' finished without a Response` } } };
  }

  private runCompleted(state: RunState): void {
    let limit: ConcurrencyLimit | undefined;
    try {
      limit = this.limitOf(this.planFor(state.workflowName, state.workflowVersion), state);
    } catch {
      limit = undefined; // the workflow was deleted while the run ran
    }
    void this.launchWaiting(this.admission.release(state.workflowName, limit));
    this.responses.get(state.runId)?.resolve(undefined);
    this.responses.delete(state.runId);
    this.abandoned.delete(state.runId);
    this.completions.get(state.runId)?.resolve(state);
    this.completions.delete(state.runId);
  }
}

export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}
