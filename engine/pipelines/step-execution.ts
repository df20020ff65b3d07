/**
 * One step of one run, start to end: fingerprint, reuse or execution (snapshot, inputs, process,
 * outputs, metrics), and the step run record written at every change of status.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Datastore } from '../../connectors/blob/datastore.js';
import { asSluiceError } from '../errors.js';
import { referencedParameters } from './argument-substitution.js';
import type { ComputeSlots } from './compute-slots.js';
import type { PipelineDefinition, StepDefinition } from './definition.js';
import { stepFingerprint } from './fingerprint.js';
import { uploadOutput, type Location } from './materialize.js';
import type { PipelineRunStore } from './pipeline-run-store.js';
import type { ScalarValue } from './run-parameters.js';
import type { StepRunRecord } from './runner-types.js';
import { checkDatastorePath, checkSegment } from './safe-paths.js';
import { snapshotSourceDirectory } from './source-snapshot.js';
import type { StepCache } from './step-cache.js';
import { prepareInputs, type PreparedInput, type UpstreamResult } from './step-inputs.js';
import { launchStep, readMetrics } from './step-launch.js';
import type { StepProcessResult } from './step-process.js';

export const LOG_FOLDER = 'azureml-logs';
export const LOG_FILE = '70_driver_log.txt';

/** What the executor needs to know about the run a step belongs to. */
export interface StepRunContext {
  runId: string;
  experimentName: string;
  definition: PipelineDefinition;
  sourceRoot: string;
  scalars: Readonly<Record<string, ScalarValue>>;
  dataPaths: Readonly<Record<string, Location>>;
  regenerateOutputs: boolean;
  signal: AbortSignal;
  /** Content hash of a source folder, computed once per run. */
  sourceHash(dir: string): Promise<string>;
  slots(target: string): ComputeSlots;
}

export interface StepOutcome extends UpstreamResult {
  status: StepRunRecord['status'];
  error?: { code: string; message: string };
}

export interface StepExecutorOptions {
  store: PipelineRunStore;
  cache: StepCache;
  open: (datastore: string) => Datastore;
  workDir: string;
  now: () => string;
  environment: Record<string, string | undefined>;
  pythonCommand: string;
  killGraceMs: number;
}

export class StepExecutor {
  constructor(private readonly options: StepExecutorOptions) {}

  async run(run: StepRunContext, name: string, upstream: ReadonlyMap<string, UpstreamResult>): Promise<StepOutcome> {
    const step = run.definition.steps[name]!;
    const record: StepRunRecord = { runId: run.runId, stepName: name, status: 'Queued', fingerprint: '', outputs: {}, metrics: {} };
    try {
      const sourceDir = resolve(run.sourceRoot, checkDatastorePath(step.sourceDirectory ?? '.', `step '${name}' sourceDirectory`) || '.');
      const inputs = await prepareInputs({ step, upstream, dataPaths: run.dataPaths, open: this.options.open, signal: run.signal });
      record.fingerprint = stepFingerprint({
        stepName: name,
        step,
        sourceHash: await run.sourceHash(sourceDir),
        parameterValues: parameterValues(step, run),
        inputBindings: Object.fromEntries(inputs.map((i) => [i.name, i.binding])),
        defaultDatastore: run.definition.defaultDatastore,
      });
      const release = await this.options.cache.claim(record.fingerprint, run.signal);
      try {
        if (step.allowReuse !== false && !run.regenerateOutputs) {
          const hit = await this.options.cache.reusable(record.fingerprint);
          if (hit !== undefined) return await this.reuse(run, record, hit.runId, hit.outputs);
        }
        const outcome = await this.execute(run, step, record, inputs, sourceDir);
        if (outcome.status === 'Finished' && step.allowReuse !== false) this.options.cache.remember(record.fingerprint, run.runId, name, outcome.outputs);
        return outcome;
      } finally {
        release();
      }
    } catch (err) {
      return this.failed(run, record, err);
    }
  }

  private async reuse(run: StepRunContext, record: StepRunRecord, fromRun: string, outputs: Record<string, Location>): Promise<StepOutcome> {
    const logDir = join(this.stepDir(run.runId, record.stepName), LOG_FOLDER);
    await mkdir(logDir, { recursive: true });
    const logPath = join(logDir, LOG_FILE);
    await writeFile(logPath, `[sluice] reused outputs of run ${fromRun}: the step's fingerprint ${record.fingerprint} matched; no process was started\n`);
    const at = this.options.now();
    Object.assign(record, { status: 'Finished', startTime: at, endTime: at, reusedFromRunId: fromRun, outputs, logPath });
    this.options.store.saveStep(record);
    return { status: 'Finished', fingerprint: record.fingerprint, outputs, localOutputs: {} };
  }

  private async execute(run: StepRunContext, step: StepDefinition, record: StepRunRecord, inputs: PreparedInput[], sourceDir: string): Promise<StepOutcome> {
    this.options.store.saveStep(record);
    const releaseNode = await run.slots(step.compute ?? run.definition.defaultCompute ?? 'local').acquire(run.signal);
    try {
      const dir = this.stepDir(run.runId, record.stepName);
      const logPath = join(dir, LOG_FOLDER, LOG_FILE);
      Object.assign(record, { status: 'Running', startTime: this.options.now(), logPath });
      this.options.store.saveStep(record);
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await snapshotSourceDirectory(sourceDir, dir);
      await mkdir(join(dir, LOG_FOLDER), { recursive: true });
      await mkdir(join(dir, 'outputs'), { recursive: true });
      const localInputs: Record<string, string> = {};
      for (const input of inputs) localInputs[input.name] = await input.localize(join(dir, 'inputs'));
      const localOutputs = Object.fromEntries(Object.keys(step.outputs ?? {}).map((o) => [o, join(dir, 'outputs', checkSegment(o, 'output name'))]));
      const metricsFile = join(dir, LOG_FOLDER, 'metrics.jsonl');
      const result = await launchStep({
        run, step, stepName: record.stepName, dir, logPath, metricsFile, inputs: localInputs, outputs: localOutputs,
        environment: this.options.environment, pythonCommand: this.options.pythonCommand, killGraceMs: this.options.killGraceMs,
      });
      record.metrics = await readMetrics(metricsFile);
      if (result.exitCode !== null) record.exitCode = result.exitCode;
      const problem = describeProblem(result, step.timeoutSeconds ?? 3600, run.signal);
      if (problem !== undefined) throw problem;
      record.outputs = await this.upload(run, step, record.stepName, localOutputs);
      Object.assign(record, { status: 'Finished', endTime: this.options.now() });
      this.options.store.saveStep(record);
      return { status: 'Finished', fingerprint: record.fingerprint, outputs: record.outputs, localOutputs };
    } finally {
      releaseNode();
    }
  }

  /** Declared outputs the script did not write fail the step; the rest go to their datastores. */
  private async upload(run: StepRunContext, step: StepDefinition, stepName: string, local: Record<string, string>): Promise<Record<string, Location>> {
    const written: Record<string, { path: string; isFile: boolean }> = {};
    for (const [name, path] of Object.entries(local)) {
      const stats = await stat(path).catch(() => undefined);
      if (stats === undefined) throw new StepProblem('OutputMissing', `did not write output '${name}' (expected a file or folder at ${path})`);
      written[name] = { path, isFile: stats.isFile() };
    }
    const locations: Record<string, Location> = {};
    for (const [name, out] of Object.entries(step.outputs ?? {})) {
      const location = outputLocation(run, stepName, name, out);
      await uploadOutput(this.options.open(location.datastore), written[name]!.path, location.path, written[name]!.isFile);
      locations[name] = location;
    }
    return locations;
  }

  private async failed(run: StepRunContext, record: StepRunRecord, err: unknown): Promise<StepOutcome> {
    const canceled = run.signal.aborted && !(err instanceof StepProblem && err.code !== 'Canceled');
    const error = canceled
      ? { code: 'Canceled', message: String(run.signal.reason instanceof Error ? run.signal.reason.message : run.signal.reason ?? 'canceled') }
      : err instanceof StepProblem ? { code: err.code, message: err.message } : { code: asSluiceError(err).code, message: asSluiceError(err).message };
    Object.assign(record, { status: canceled ? 'Canceled' : 'Failed', endTime: this.options.now(), error });
    if (record.logPath === undefined) {
      const logDir = join(this.stepDir(run.runId, record.stepName), LOG_FOLDER);
      await mkdir(logDir, { recursive: true }).catch(() => undefined);
      record.logPath = join(logDir, LOG_FILE);
    }
    await writeFile(record.logPath, `[sluice] step ${record.status.toLowerCase()}: ${error.message}\n`, { flag: 'a' }).catch(() => undefined);
    this.options.store.saveStep(record);
    return { status: record.status, fingerprint: record.fingerprint, outputs: {}, localOutputs: {}, error };
  }

  private stepDir(runId: string, stepName: string): string {
    return join(this.options.workDir, runId, checkSegment(stepName, 'step name'));
  }
}

/** Why a process's ending is a failure, with the stable code the step record carries. */
class StepProblem extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function describeProblem(result: StepProcessResult, timeoutSeconds: number, signal: AbortSignal): StepProblem | undefined {
  const tail = result.stderrTail.length > 0 ? `; last lines of stderr:\n${result.stderrTail.slice(-10).join('\n')}` : '';
  switch (result.ending) {
    case 'spawnFailed':
      return new StepProblem('StepFailed', `could not start the step's process: ${result.spawnError}`);
    case 'timedOut':
      return new StepProblem('StepTimedOut', `timed out after ${timeoutSeconds} s (the process group was stopped)`);
    case 'aborted':
      return new StepProblem('Canceled', String(signal.reason instanceof Error ? signal.reason.message : signal.reason ?? 'canceled'));
    case 'exited':
      if (result.signal !== null) return new StepProblem('StepCrashed', `crashed: the process was killed by signal ${result.signal}${tail}`);
      if (result.exitCode !== 0) return new StepProblem('StepFailed', `exited with code ${result.exitCode}${tail}`);
      return undefined;
  }
}

function parameterValues(step: StepDefinition, run: StepRunContext): Record<string, ScalarValue> {
  const texts = [...(step.arguments ?? []), ...(step.command ?? []), ...Object.values(step.environment ?? {})];
  const values: Record<string, ScalarValue> = {};
  for (const name of referencedParameters(texts)) {
    const scalar = run.scalars[name];
    const dataPath = run.dataPaths[name];
    if (scalar !== undefined) values[name] = scalar;
    else if (dataPath !== undefined) values[name] = `${dataPath.datastore}/${dataPath.path}`;
  }
  return values;
}

function outputLocation(run: StepRunContext, stepName: string, name: string, out: { datastore?: string; path?: string }): Location {
  const datastore = out.datastore ?? run.definition.defaultDatastore ?? 'workspaceblobstore';
  const path = out.path === undefined
    ? `azureml/${run.runId}/${stepName}/${name}`
    : out.path.replaceAll('{run-id}', run.runId).replaceAll('{output-name}', name);
  return { datastore, path: checkDatastorePath(path, `output '${name}' path`) };
}
