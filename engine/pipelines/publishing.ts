/**
 * Publishing (spec §4): a pipeline definition and its source folders become an immutable published
 * pipeline with an id and a REST endpoint; pipeline endpoints give a stable name over versions of
 * them; experiments appear on first use. Submissions go through here, so a disabled pipeline or
 * endpoint refuses every caller alike and bad assignments are rejected before anything starts.
 */
import { randomUUID } from 'node:crypto';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { PipelineDefinition } from './definition.js';
import { invalidRequest, notFoundError, PublishingError, type ErrorDetail } from './publishing-errors.js';
import type { EntityStatus, ExperimentRow, PipelineEndpointRow, PublishedPipelineRow, PublishingStore } from './publishing-store.js';
import type { PipelineRunner, PipelineRunRecord } from './runner-types.js';
import { checkAssignments, parseSubmitBody, unsafeRelativePath } from './submission.js';

interface ToolIssue {
  pointer: string;
  message: string;
}

/** The definition loader and snapshotter (engine/pipelines/load-pipeline.ts, source-snapshot.ts). */
export interface PipelineToolkit {
  loadPipeline?(json: unknown): { ok: true; definition: PipelineDefinition } | { ok: false; issues: readonly ToolIssue[] };
  validateAssignments?(definition: PipelineDefinition, assignments: { parameterAssignments: Record<string, unknown>; dataPathAssignments: Record<string, unknown> }): readonly ToolIssue[];
  snapshotSourceDirectory?(dir: string, dest: string): Promise<unknown>;
}

export interface PublishingOptions {
  store: PublishingStore;
  runner: PipelineRunner;
  /** Snapshots go to `<dataDir>/pipeline-snapshots/<publishedId>/`. */
  dataDir: string;
  /** Names of the configured datastores (DataPathAssignments must name one). */
  datastoreNames: () => readonly string[];
  /** The REST URL of a published pipeline (`…/PipelineRuns/PipelineSubmit/{id}`). */
  endpointUrl: (publishedPipelineId: string) => string;
  tools?: PipelineToolkit;
  now?: () => string;
}

export interface PublishedPipeline {
  id: string;
  name: string;
  description?: string;
  version?: string;
  status: EntityStatus;
  endpoint: string;
  publishedTime: string;
  continueOnStepFailure: boolean;
  totalRunSteps: number;
  parameters: PipelineDefinition['parameters'];
  /** Each step and the steps whose outputs it reads (the run graph the designer draws). */
  steps: { name: string; dependsOn: string[] }[];
}

export interface PipelineEndpoint {
  id: string;
  name: string;
  description?: string;
  defaultVersion: string;
  status: EntityStatus;
  createdTime: string;
  versions: { version: string; pipelineId: string }[];
}

export interface PublishInput {
  /** The definition JSON as the user wrote it. */
  definition: unknown;
  /** Folder the definition's `sourceDirectory` paths resolve against. */
  sourceRoot?: string;
  /** Or the files of that folder: relative path → bytes. */
  files?: Record<string, Buffer>;
  name?: string;
  description?: string;
  version?: string;
  continueOnStepFailure?: boolean;
}

export type SubmitTarget = { pipelineId: string } | { endpoint: string; version?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Without the loader: the minimum a runner needs, reported the same way. */
function basicLoad(json: unknown): { ok: true; definition: PipelineDefinition } | { ok: false; issues: ToolIssue[] } {
  if (!isRecord(json)) return { ok: false, issues: [{ pointer: '', message: 'a pipeline definition must be a JSON object' }] };
  if (!isRecord(json['steps']) || Object.keys(json['steps']).length === 0) return { ok: false, issues: [{ pointer: '/steps', message: 'must be an object with at least one step' }] };
  return { ok: true, definition: json as unknown as PipelineDefinition };
}

function sourceDirectories(definition: PipelineDefinition): { dirs: string[]; details: ErrorDetail[] } {
  const dirs = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const [name, step] of Object.entries(definition.steps)) {
    const dir = (step.sourceDirectory ?? '.').replace(/\/+$/, '') || '.';
    const unsafe = dir === '.' ? undefined : unsafeRelativePath(dir);
    if (unsafe !== undefined) details.push({ target: `definition.steps.${name}.sourceDirectory`, message: `'${dir}' ${unsafe}` });
    else dirs.add(dir);
  }
  // The whole folder covers every subfolder.
  return { dirs: dirs.has('.') ? ['.'] : [...dirs].sort(), details };
}

export class PipelinePublishing {
  private readonly now: () => string;

  constructor(private readonly options: PublishingOptions) {
    this.now = options.now ?? (() => new Date().toISOString());
  }

  get runner(): PipelineRunner {
    return this.options.runner;
  }

  /** Validates the definition, snapshots its sources and stores the published pipeline. */
  async publish(input: PublishInput): Promise<PublishedPipeline> {
    const loaded = (this.options.tools?.loadPipeline ?? basicLoad)(input.definition);
    if (!loaded.ok) throw invalidRequest(loaded.issues.map((i) => ({ target: `definition${i.pointer.replace(/\//g, '.')}`, message: i.message })));
    const definition = loaded.definition;
    const { dirs, details } = sourceDirectories(definition);
    if (details.length > 0) throw invalidRequest(details);
    const id = randomUUID();
    const snapshotPath = join(resolve(this.options.dataDir), 'pipeline-snapshots', id);
    await this.snapshot(input, dirs, snapshotPath);
    const row: PublishedPipelineRow = {
      id,
      name: input.name ?? definition.name,
      status: 'Active',
      definition,
      snapshotPath,
      publishedTime: this.now(),
      continueOnStepFailure: input.continueOnStepFailure ?? definition.continueOnStepFailure ?? false,
    };
    const description = input.description ?? definition.description;
    if (description !== undefined) row.description = description;
    if (input.version !== undefined) row.version = input.version;
    if (typeof row.name !== 'string' || row.name.trim() === '') throw invalidRequest([{ target: 'name', message: 'the pipeline needs a name (in the definition or given when publishing)' }]);
    this.options.store.insertPipeline(row);
    return this.view(row);
  }

  private async snapshot(input: PublishInput, dirs: string[], dest: string): Promise<void> {
    let root = input.sourceRoot;
    let staging: string | undefined;
    if (input.files !== undefined) {
      staging = `${dest}.staging`;
      await this.writeFiles(input.files, staging);
      root = staging;
    }
    try {
      await mkdir(dest, { recursive: true });
      if (root === undefined) return;
      for (const dir of dirs) {
        const from = join(root, dir);
        const to = join(dest, dir);
        if (this.options.tools?.snapshotSourceDirectory !== undefined) await this.options.tools.snapshotSourceDirectory(from, to);
        else await cp(from, to, { recursive: true, filter: (src) => !/[\\/](\.git|node_modules)([\\/]|$)/.test(src.slice(root!.length)) });
      }
    } catch (err) {
      await rm(dest, { recursive: true, force: true });
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw invalidRequest([{ target: 'sourceDirectory', message: `a source directory does not exist: ${(err as Error).message}` }]);
      throw err;
    } finally {
      if (staging !== undefined) await rm(staging, { recursive: true, force: true });
    }
  }

  private async writeFiles(files: Record<string, Buffer>, into: string): Promise<void> {
    const details: ErrorDetail[] = [];
    for (const path of Object.keys(files)) {
      const unsafe = unsafeRelativePath(path);
      if (unsafe !== undefined || path === '') details.push({ target: `files.${path}`, message: `'${path}' ${unsafe ?? 'is empty'}` });
    }
    if (details.length > 0) throw invalidRequest(details);
    for (const [path, bytes] of Object.entries(files)) {
      const target = join(into, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
  }

  list(options: { activeOnly?: boolean } = {}): PublishedPipeline[] {
    return this.options.store.listPipelines(options).map((row) => this.view(row));
  }

  get(id: string): PublishedPipeline {
    return this.view(this.row(id));
  }

  /** By id, or the newest published pipeline of that name. */
  find(idOrName: string): PublishedPipeline {
    const byId = this.options.store.getPipeline(idOrName);
    if (byId !== undefined) return this.view(byId);
    const byName = this.options.store.listPipelines({ name: idOrName });
    const active = byName.find((p) => p.status === 'Active') ?? byName[0];
    if (active === undefined) throw notFoundError(`No published pipeline has the id or name '${idOrName}'.`);
    return this.view(active);
  }

  disable(id: string): PublishedPipeline {
    return this.setStatus(id, 'Disabled');
  }

  enable(id: string): PublishedPipeline {
    return this.setStatus(id, 'Active');
  }

  private setStatus(id: string, status: EntityStatus): PublishedPipeline {
    this.row(id);
    return this.view(this.options.store.setPipelineStatus(id, status)!);
  }

  private row(id: string): PublishedPipelineRow {
    const row = this.options.store.getPipeline(id);
    if (row === undefined) throw notFoundError(`No published pipeline has the id '${id}'.`);
    return row;
  }

  private view(row: PublishedPipelineRow): PublishedPipeline {
    const out: PublishedPipeline = {
      id: row.id,
      name: row.name,
      status: row.status,
      endpoint: this.options.endpointUrl(row.id),
      publishedTime: row.publishedTime,
      continueOnStepFailure: row.continueOnStepFailure,
      totalRunSteps: Object.keys(row.definition.steps).length,
      parameters: row.definition.parameters ?? {},
      steps: Object.entries(row.definition.steps).map(([name, step]) => ({
        name,
        dependsOn: [...new Set(Object.values(step.inputs ?? {}).flatMap((input) => ('step' in input ? [input.step] : [])))],
      })),
    };
    if (row.description !== undefined) out.description = row.description;
    if (row.version !== undefined) out.version = row.version;
    return out;
  }

  // ---- pipeline endpoints -------------------------------------------------------------------

  createEndpoint(input: { name: string; description?: string; pipelineId: string }): PipelineEndpoint {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/.test(input.name)) throw invalidRequest([{ target: 'name', message: `'${input.name}' is not a valid endpoint name: letters, digits, '_', '.', '-'` }]);
    this.row(input.pipelineId);
    if (this.options.store.getEndpoint(input.name) !== undefined) throw new PublishingError(409, 'Conflict', `A pipeline endpoint named '${input.name}' already exists.`);
    const row: PipelineEndpointRow = { id: randomUUID(), name: input.name, defaultVersion: '0', pipelineIds: { '0': input.pipelineId }, status: 'Active', createdTime: this.now() };
    if (input.description !== undefined) row.description = input.description;
    this.options.store.insertEndpoint(row);
    return endpointView(row);
  }

  /** Appends the pipeline as the next version ("0", "1", ...); optionally makes it the default. */
  addEndpointVersion(idOrName: string, pipelineId: string, makeDefault = false): PipelineEndpoint {
    this.row(pipelineId);
    const changed = this.options.store.changeEndpoint(idOrName, (row) => {
      if (Object.values(row.pipelineIds).includes(pipelineId)) throw new PublishingError(409, 'Conflict', `The pipeline '${pipelineId}' is already a version of the endpoint '${row.name}'.`);
      const next = String(Math.max(-1, ...Object.keys(row.pipelineIds).map(Number)) + 1);
      return { ...row, pipelineIds: { ...row.pipelineIds, [next]: pipelineId }, defaultVersion: makeDefault ? next : row.defaultVersion };
    });
    return endpointView(this.requireEndpoint(changed, idOrName));
  }

  setEndpointDefault(idOrName: string, version: string): PipelineEndpoint {
    const changed = this.options.store.changeEndpoint(idOrName, (row) => {
      if (row.pipelineIds[version] === undefined) throw invalidRequest([{ target: 'version', message: `the endpoint '${row.name}' has no version '${version}'; versions: ${Object.keys(row.pipelineIds).join(', ')}` }]);
      return { ...row, defaultVersion: version };
    });
    return endpointView(this.requireEndpoint(changed, idOrName));
  }

  setEndpointStatus(idOrName: string, status: EntityStatus): PipelineEndpoint {
    return endpointView(this.requireEndpoint(this.options.store.changeEndpoint(idOrName, (row) => ({ ...row, status })), idOrName));
  }

  getEndpoint(idOrName: string): PipelineEndpoint {
    return endpointView(this.requireEndpoint(this.options.store.getEndpoint(idOrName), idOrName));
  }

  listEndpoints(): PipelineEndpoint[] {
    return this.options.store.listEndpoints().map(endpointView);
  }

  private requireEndpoint(row: PipelineEndpointRow | undefined, idOrName: string): PipelineEndpointRow {
    if (row === undefined) throw notFoundError(`No pipeline endpoint has the id or name '${idOrName}'.`);
    return row;
  }

  // ---- experiments and submission -----------------------------------------------------------

  experiments(): ExperimentRow[] {
    return this.options.store.listExperiments();
  }

  /**
   * Submits a run of a published pipeline (or an endpoint's version) with an Azure-shaped body.
   * Refuses disabled pipelines and bad assignments before the runner sees anything.
   */
  async submit(target: SubmitTarget, input: unknown, query: { parentRunId?: string } = {}): Promise<PipelineRunRecord> {
    const { row, endpointId } = this.resolveTarget(target);
    if (row.status !== 'Active') {
      throw new PublishingError(409, 'PipelineDisabled', `The published pipeline '${row.name}' (${row.id}) is disabled and accepts no runs; enable it first.`);
    }
    const body = checkAssignments(row.definition, parseSubmitBody(input, query), new Set(this.options.datastoreNames()));
    const issues = this.options.tools?.validateAssignments?.(row.definition, { parameterAssignments: body.parameterAssignments, dataPathAssignments: body.dataPathAssignments }) ?? [];
    if (issues.length > 0) throw invalidRequest(issues.map((i) => ({ target: i.pointer.replace(/^\//, '').replace(/\//g, '.') || 'body', message: i.message })));
    this.options.store.ensureExperiment(body.experimentName);
    const pipeline = { definition: row.definition, sourceRoot: row.snapshotPath, publishedPipelineId: row.id, ...(endpointId === undefined ? {} : { pipelineEndpointId: endpointId }) };
    return this.options.runner.submit({
      pipeline,
      experimentName: body.experimentName,
      parameterAssignments: body.parameterAssignments,
      dataPathAssignments: body.dataPathAssignments,
      continueOnStepFailure: body.continueOnStepFailure ?? row.continueOnStepFailure,
      tags: body.tags,
      ...optional({ regenerateOutputs: body.regenerateOutputs, description: body.description, displayName: body.displayName, runSource: body.runSource, parentRunId: body.parentRunId }),
    });
  }

  private resolveTarget(target: SubmitTarget): { row: PublishedPipelineRow; endpointId?: string } {
    if ('pipelineId' in target) return { row: this.row(target.pipelineId) };
    const endpoint = this.requireEndpoint(this.options.store.getEndpoint(target.endpoint), target.endpoint);
    if (endpoint.status !== 'Active') throw new PublishingError(409, 'PipelineDisabled', `The pipeline endpoint '${endpoint.name}' is disabled and accepts no runs; enable it first.`);
    const version = target.version ?? endpoint.defaultVersion;
    const pipelineId = endpoint.pipelineIds[version];
    if (pipelineId === undefined) throw notFoundError(`The pipeline endpoint '${endpoint.name}' has no version '${version}'.`);
    return { row: this.row(pipelineId), endpointId: endpoint.id };
  }
}

function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}

function endpointView(row: PipelineEndpointRow): PipelineEndpoint {
  const out: PipelineEndpoint = {
    id: row.id,
    name: row.name,
    defaultVersion: row.defaultVersion,
    status: row.status,
    createdTime: row.createdTime,
    versions: Object.entries(row.pipelineIds).map(([version, pipelineId]) => ({ version, pipelineId })).sort((a, b) => Number(a.version) - Number(b.version)),
  };
  if (row.description !== undefined) out.description = row.description;
  return out;
}
