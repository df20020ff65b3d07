/**
 * The built-in pipeline runner: steps as local child processes, following the data-dependency
 * graph, independent steps in parallel up to each compute target's `maxNodes`, with reuse of
 * earlier identical steps (engine/pipelines/step-cache.ts).
 *
 * Restart policy (`start()`): a run left Running by a process that stopped is marked Failed ("the
 * engine stopped while the run was in progress"), its running steps too. It is not resumed: its
 * step processes were in their own process groups and may still be running or half way through
 * writing outputs, and nothing tells a finished-but-unrecorded step from a killed one. Steps that
 * did finish are in the step cache, so submitting the run again reuses them and runs only the rest.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatastore, type Datastore } from '../../connectors/blob/datastore.js';
import type { SluiceConfig } from '../config.js';
import { DefinitionError, SluiceError } from '../errors.js';
import type { SqliteDatabase } from '../store/database.js';
import { ComputeSlots } from './compute-slots.js';
import type { ComputeTargetDefinition } from './definition.js';
import { PipelineGraph } from './graph.js';
import { PipelineRunStore } from './pipeline-run-store.js';
import { resolveRunParameters } from './run-parameters.js';
import type { PipelineRunner, PipelineRunRecord, StepRunRecord, SubmitRequest } from './runner-types.js';
import { checkSegment } from './safe-paths.js';
import { gitCommitOf, hashSourceDirectory } from './source-snapshot.js';
import { StepCache } from './step-cache.js';
import { LOG_FILE, LOG_FOLDER, StepExecutor, type StepOutcome, type StepRunContext } from './step-execution.js';

export const ENGINE_STOPPED_MESSAGE = 'the engine stopped while the run was in progress';

export interface LocalPipelineRunnerOptions {
  db: SqliteDatabase;
  config: SluiceConfig;
  /** Where step working directories go: `<workDir>/<runId>/<step>/`. */
  workDir: string;
  /** @default openDatastore(name, config) */
  openDatastore?: (name: string) => Datastore;
  clock?: () => Date;
  /**
   * Compute targets shared by every run of this runner (the machine's real limits). Targets not
   * named here take `maxNodes` from the run's definition (default 2), per run.
   */
  computeTargets?: Record<string, ComputeTargetDefinition>;
  /** The environment step processes start from. @default process.env */
  environment?: Record<string, string | undefined>;
  /** @default "python3" */
  pythonCommand?: string;
  /** Time between SIGTERM and SIGKILL when a step is stopped. @default 5000 */
  killGraceMs?: number;
}

const DEFAULT_MAX_NODES = 2;

interface ActiveRun {
  record: PipelineRunRecord;
  context: StepRunContext;
  controller: AbortController;
  /** Why the run is stopping early, if it is. */
  stopping?: 'canceled' | 'failed' | 'shutdown';
  done: Promise<PipelineRunRecord>;
  sourceCommit: Promise<void>;
}

export class LocalPipelineRunner implements PipelineRunner {
  private readonly store: PipelineRunStore;
  private readonly executor: StepExecutor;
  private readonly active = new Map<string, ActiveRun>();
  private readonly sharedSlots = new Map<string, ComputeSlots>();
  private readonly datastores = new Map<string, Datastore>();
  private readonly clock: () => Date;
  private readonly open: (name: string) => Datastore;

  constructor(private readonly options: LocalPipelineRunnerOptions) {
    this.store = new PipelineRunStore(options.db);
    this.clock = options.clock ?? (() => new Date());
    const open = options.openDatastore ?? ((name: string) => openDatastore(name, options.config));
    this.open = (name) => {
      let store = this.datastores.get(name);
      if (store === undefined) this.datastores.set(name, (store = open(name)));
      return store;
    };
    for (const [name, target] of Object.entries(options.computeTargets ?? {})) this.sharedSlots.set(name, new ComputeSlots(target.maxNodes));
    const now = (): string => this.clock().toISOString();
    this.executor = new StepExecutor({
      store: this.store,
      cache: new StepCache(this.store, this.open, now),
      open: this.open,
      workDir: resolve(options.workDir),
      now,
      // Step processes inherit the engine's environment (PATH, HOME ...), as any child process would.
      environment: options.environment ?? process.env,
      pythonCommand: options.pythonCommand ?? 'python3',
      killGraceMs: options.killGraceMs ?? 5000,
    });
  }

  async submit(request: SubmitRequest): Promise<PipelineRunRecord> {
    const { definition, sourceRoot } = request.pipeline;
    const graph = new PipelineGraph(definition);
    let order: string[];
    try {
      order = graph.order();
    } catch (err) {
      throw new DefinitionError('DefinitionInvalid', (err as Error).message);
    }
    for (const name of order) checkSegment(name, 'step name');
    const parameters = resolveRunParameters(definition, request, (name) => this.datastoreExists(name));
    const id = randomUUID();
    const record: PipelineRunRecord = {
      id,
      experimentName: request.experimentName,
      status: 'Running',
      createdTime: this.now(),
      tags: request.tags ?? {},
      parameterAssignments: request.parameterAssignments ?? {},
      dataPathAssignments: request.dataPathAssignments ?? {},
      continueOnStepFailure: request.continueOnStepFailure ?? definition.continueOnStepFailure ?? false,
      totalSteps: order.length,
    };
    const optional = {
      publishedPipelineId: request.pipeline.publishedPipelineId,
      pipelineEndpointId: request.pipeline.pipelineEndpointId,
      scheduleId: request.scheduleId,
      description: request.description,
      displayName: request.displayName,
      runSource: request.runSource,
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(record, { [key]: value });
    this.store.createRun(record, request.pipeline, order);
    const controller = new AbortController();
    const hashes = new Map<string, Promise<string>>();
    const context: StepRunContext = {
      runId: id,
      experimentName: request.experimentName,
      definition,
      sourceRoot: resolve(sourceRoot),
      scalars: parameters.scalars,
      dataPaths: parameters.dataPaths,
      regenerateOutputs: request.regenerateOutputs ?? false,
      signal: controller.signal,
      sourceHash: (dir) => {
        let hash = hashes.get(dir);
        if (hash === undefined) hashes.set(dir, (hash = hashSourceDirectory(dir).then((s) => s.hash)));
        return hash;
      },
      slots: this.slotsFor(definition.computeTargets ?? {}),
    };
    const run: ActiveRun = { record, context, controller, done: Promise.resolve(record), sourceCommit: Promise.resolve() };
    // Asking git costs a process start: recorded when known (before the run ends) rather than delaying the submission.
    run.sourceCommit = gitCommitOf(resolve(sourceRoot)).then((commit) => {
      if (commit === undefined) return;
      record.sourceCommit = commit;
      this.store.setSourceCommit(id, commit);
    });
    this.active.set(id, run);
    run.done = this.execute(run, graph, order);
    return { ...record };
  }

  get(runId: string): PipelineRunRecord | undefined {
    return this.store.getRun(runId);
  }

  listRuns(filter?: { publishedPipelineId?: string; pipelineEndpointId?: string; experimentName?: string; top?: number }): PipelineRunRecord[] {
    return this.store.listRuns(filter);
  }

  steps(runId: string): StepRunRecord[] {
    return this.store.steps(runId);
  }

  log(runId: string, stepName: string): string | undefined {
    const path = this.store.step(runId, stepName)?.logPath;
    if (path === undefined) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // The step has started but its process has not opened the log yet: nothing written so far.
      return '';
    }
  }

  async cancel(runId: string): Promise<boolean> {
    const run = this.active.get(runId);
    if (run !== undefined) {
      if (run.stopping === undefined) this.stop_(run, 'canceled', 'the run was canceled');
      await run.done;
      return run.record.status === 'Canceled';
    }
    const stored = this.store.getRun(runId);
    if (stored === undefined || (stored.status !== 'Running' && stored.status !== 'NotStarted')) return false;
    // Left Running by another process: nothing to stop here, only the record to settle.
    this.store.finishRun(runId, 'Canceled', this.now(), { code: 'Canceled', message: 'the run was canceled' });
    return true;
  }

  async whenDone(runId: string): Promise<PipelineRunRecord> {
    const run = this.active.get(runId);
    if (run !== undefined) return run.done;
    const stored = this.store.getRun(runId);
    if (stored === undefined) throw new SluiceError('NotFound', `no pipeline run '${runId}'`);
    return stored;
  }

  async start(): Promise<void> {
    this.store.failInterrupted(ENGINE_STOPPED_MESSAGE, this.now(), [...this.active.keys()]);
  }

  /** Stops every step process; their runs end Failed with ENGINE_STOPPED_MESSAGE. */
  async stop(): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) if (run.stopping === undefined) this.stop_(run, 'shutdown', ENGINE_STOPPED_MESSAGE);
    await Promise.all(runs.map((r) => r.done));
  }

  private async execute(run: ActiveRun, graph: PipelineGraph, order: string[]): Promise<PipelineRunRecord> {
    const outcomes = new Map<string, Promise<StepOutcome>>();
    for (const name of order) {
      const upstream = graph.upstreamOf(name).map((u) => [u, outcomes.get(u)!] as const);
      outcomes.set(name, this.stepWhenReady(run, name, upstream));
    }
    const settled = await Promise.all(order.map(async (name) => [name, await outcomes.get(name)!] as const));
    await run.sourceCommit.catch(() => undefined);
    const failed = settled.find(([, o]) => o.status === 'Failed');
    if (run.stopping === 'canceled') this.finish(run, 'Canceled', { code: 'Canceled', message: 'the run was canceled' });
    else if (run.stopping === 'shutdown') this.finish(run, 'Failed', { code: 'EngineStopped', message: ENGINE_STOPPED_MESSAGE });
    else if (failed !== undefined) this.finish(run, 'Failed', { code: failed[1].error?.code ?? 'StepFailed', message: `step '${failed[0]}' failed: ${failed[1].error?.message ?? 'unknown error'}` });
    else this.finish(run, 'Finished');
    this.active.delete(run.record.id);
    return { ...run.record };
  }

  private async stepWhenReady(run: ActiveRun, name: string, upstream: ReadonlyArray<readonly [string, Promise<StepOutcome>]>): Promise<StepOutcome> {
    const results = new Map<string, StepOutcome>();
    for (const [u, outcome] of upstream) results.set(u, await outcome);
    const blocked = [...results.values()].some((o) => o.status !== 'Finished');
    if (run.stopping !== undefined || blocked) {
      // Never started: canceled with the run, otherwise left NotStarted (an upstream step failed).
      const status = run.stopping === 'canceled' ? 'Canceled' : 'NotStarted';
      if (status === 'Canceled') this.store.saveStep({ runId: run.record.id, stepName: name, status, fingerprint: '', outputs: {}, metrics: {}, endTime: this.now() });
      return { status, fingerprint: '', outputs: {}, localOutputs: {} };
    }
    const outcome = await this.executor.run(run.context, name, results);
    if (outcome.status === 'Failed' && !run.record.continueOnStepFailure && run.stopping === undefined) {
      this.stop_(run, 'failed', `canceled because step '${name}' failed`);
    }
    return outcome;
  }

  private stop_(run: ActiveRun, why: NonNullable<ActiveRun['stopping']>, message: string): void {
    run.stopping = why;
    run.controller.abort(new Error(message));
  }

  private finish(run: ActiveRun, status: PipelineRunRecord['status'], error?: { code: string; message: string }): void {
    run.record.status = status;
    run.record.endTime = this.now();
    if (error !== undefined) run.record.error = error;
    this.store.finishRun(run.record.id, status, run.record.endTime, error);
  }

  /** Shared targets first; otherwise one semaphore per target for this run. */
  private slotsFor(declared: Record<string, ComputeTargetDefinition>): (target: string) => ComputeSlots {
    const own = new Map<string, ComputeSlots>();
    return (target) => {
      const shared = this.sharedSlots.get(target);
      if (shared !== undefined) return shared;
      let slots = own.get(target);
      if (slots === undefined) own.set(target, (slots = new ComputeSlots(declared[target]?.maxNodes ?? DEFAULT_MAX_NODES)));
      return slots;
    };
  }

  private datastoreExists(name: string): boolean {
    try {
      this.open(name);
      return true;
    } catch {
      return false;
    }
  }

  private now(): string {
    return this.clock().toISOString();
  }

  /** Where a step's log lives, for callers that only know the run and step names. */
  logPathOf(runId: string, stepName: string): string {
    return join(resolve(this.options.workDir), runId, stepName, LOG_FOLDER, LOG_FILE);
  }
}
