/**
 * The engine: saves workflows, starts and resumes runs, answers callers waiting for a Response, and
 * purges old history. It composes the store, the executor and the action registries; the REST API,
 * the CLI and the trigger host talk to it through `EngineService`.
 */
import { loadDefinition, type CompiledWorkflow } from '../../definitions/load.js';
import type { Issue } from '../../definitions/issue.js';
import { unwrapDefinition } from '../../definitions/unwrap.js';
import type { EffectActionDescriptor, EffectServices, PureActionDescriptor } from '../actions/descriptor.js';
import { effectActions } from '../actions/effect-actions.js';
import { pureActions } from '../actions/pure-actions.js';
import { DefinitionError, SluiceError } from '../errors.js';
import { DEFAULT_LIMITS, type InterpreterLimits } from '../interpreter/limits.js';
import { planWorkflow, type WorkflowPlan } from '../interpreter/plan.js';
import type { RunResponse, RunState } from '../interpreter/run-state.js';
import type { Value } from '../expressions/value.js';
import type { Store, WorkflowRecord, WorkflowState } from '../store/store.js';
import { SystemClock, type Clock } from './clock.js';
import type { EngineService, SaveResult, StartedRun, StartRunRequest } from './engine-types.js';
import { Executor } from './executor.js';
import { createRunState, newRunId, resolveParameters } from './run-factory.js';
import { RetentionPurger } from './retention.js';

export interface EngineOptions {
  store: Store;
  clock?: Clock;
  limits?: Partial<InterpreterLimits>;
  /** Days of run history to keep. @default 90 */
  retentionDays?: number;
  pure?: readonly PureActionDescriptor[];
  effects?: readonly EffectActionDescriptor[];
  /** Reports failures that belong to no caller (a failed commit); defaults to stderr. */
  onError?(runId: string, error: Error): void;
}

/** Raised when a workflow's definition does not load; carries every issue. */
export class InvalidDefinitionError extends DefinitionError {
  constructor(readonly issues: readonly Issue[]) {
    super('DefinitionInvalid', `the workflow definition is not valid: ${issues.map((i) => `${i.pointer}: ${i.message}`).join('; ')}`);
  }
}

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
  private readonly executor: Executor;
  private readonly plans = new Map<string, WorkflowPlan>();
  private readonly responses = new Map<string, Deferred<RunResponse | undefined>>();
  private readonly completions = new Map<string, Deferred<RunState>>();
  private readonly retention: RetentionPurger;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? new SystemClock();
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
    for (const runId of this.store.listActiveRunIds()) {
      const state = this.store.loadRunState(runId);
      if (state === undefined) continue;
      const plan = this.planFor(state.workflowName, state.workflowVersion);
      this.completions.set(runId, deferred());
      this.responses.set(runId, deferred());
      this.executor.resume(state, plan);
    }
    this.retention.start();
  }

  async stop(): Promise<void> {
    this.retention.stop();
    await this.executor.stop();
  }

  saveWorkflow(input: { name: string; definition: unknown; parameters?: Record<string, unknown>; state?: WorkflowState }): SaveResult {
    const result = loadDefinition(input.definition, { externalParameters: Object.keys(input.parameters ?? {}) });
    if (!result.ok) return { ok: false, issues: result.issues };
    const unwrapped = unwrapDefinition(input.definition);
    const definition = 'definition' in unwrapped ? unwrapped.definition : (input.definition as Record<string, unknown>);
    const workflow = this.store.saveWorkflow({ name: input.name, definition, parameters: input.parameters ?? {}, state: input.state });
    return { ok: true, workflow };
  }

  deleteWorkflow(name: string): boolean {
    return this.store.deleteWorkflow(name);
  }

  setWorkflowState(name: string, state: WorkflowState): WorkflowRecord | undefined {
    return this.store.setWorkflowState(name, state);
  }

  /** The execution plan of a saved workflow version (compiled once, cached). */
  planFor(name: string, version?: number): WorkflowPlan {
    const record = this.store.getWorkflow(name, version);
    if (record === undefined) throw new SluiceError('NotFound', `workflow '${name}'${version === undefined ? '' : ` version ${version}`} does not exist`);
    const key = `${record.name.toLowerCase()}@${record.version}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      const loaded = loadDefinition(record.definition, { externalParameters: Object.keys(record.parameters) });
      if (!loaded.ok) throw new InvalidDefinitionError(loaded.issues);
      plan = planWorkflow(loaded.compiled as CompiledWorkflow);
      this.plans.set(key, plan);
    }
    return plan;
  }

  async startRun(request: StartRunRequest): Promise<StartedRun> {
    const record = this.store.getWorkflow(request.workflowName, request.version);
    if (record === undefined) throw new SluiceError('NotFound', `workflow '${request.workflowName}' does not exist`);
    if (record.state === 'Disabled' && request.version === undefined) {
      throw new SluiceError('WorkflowDisabled', `workflow '${record.name}' is disabled; enable it to start runs`);
    }
    const plan = this.planFor(record.name, record.version);
    const triggerName = request.triggerName ?? plan.compiled.triggers[0]?.name ?? 'manual';
    if (request.triggerName !== undefined && !plan.compiled.triggers.some((t) => t.name.toLowerCase() === triggerName.toLowerCase())) {
      throw new SluiceError('NotFound', `workflow '${record.name}' has no trigger '${triggerName}'`);
    }
    const at = this.clock.now();
    const state = createRunState({
      runId: newRunId(at),
      workflowName: record.name,
      workflowVersion: record.version,
      triggerName,
      outputs: request.outputs,
      parameters: resolveParameters(plan.definition, record.parameters),
      at,
      clientTrackingId: request.clientTrackingId,
    });
    const response = deferred<RunResponse | undefined>();
    const completed = deferred<RunState>();
    this.responses.set(state.runId, response);
    this.completions.set(state.runId, completed);
    const history = {
      id: state.runId,
      workflowName: record.name,
      triggerName,
      status: 'Succeeded' as const,
      startTime: at,
      endTime: at,
      fired: true,
      runId: state.runId,
      outputs: state.trigger === null || typeof state.trigger !== 'object' ? undefined : (state.trigger as { outputs?: Value }).outputs,
    };
    await this.executor.begin(state, plan, triggerName, history);
    return { runId: state.runId, response: response.promise, completed: completed.promise };
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

  private respond(runId: string, response: RunResponse): 'sent' | 'noCaller' | 'alreadySent' {
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
    this.responses.get(state.runId)?.resolve(undefined);
    this.responses.delete(state.runId);
    this.completions.get(state.runId)?.resolve(state);
    this.completions.delete(state.runId);
  }
}

export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}
