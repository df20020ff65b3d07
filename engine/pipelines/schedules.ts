/**
 * The schedule service behind `/api/schedules` and `sluice schedule`: Azure ML's `Schedule.create`
 * / `update` / `enable` / `disable` / `list` / `get_last_pipeline_run` with the SDK's checks and
 * messages (spec §6.1), every problem reported at once with the field it concerns. Input uses the
 * SDK's snake_case names; camelCase is accepted too.
 */
import { randomUUID } from 'node:crypto';
import type { SluiceConfig } from '../config.js';
import { DefinitionError, SluiceError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import type { SqliteDatabase } from '../store/database.js';
import type { PipelineRunRecord } from './runner-types.js';
import { parameterSyntaxIssues } from './schedule-parameters.js';
import { firstScheduleTime, normalizeScheduleRecurrence, resumeScheduleTime, scheduleRecurrenceIssues } from './schedule-recurrence.js';
import { ScheduleStore } from './schedule-store.js';
import type { ParameterValue, ScheduleFire, ScheduleRecord, ScheduleTargets } from './schedule-types.js';
import { readScheduleInput, type FieldIssue, type ScheduleInput } from './schedule-input.js';

export type { FieldIssue } from './schedule-input.js';

/** A create or update that was refused; `issues` name each field. */
export class ScheduleValidationError extends DefinitionError {
  constructor(readonly issues: readonly FieldIssue[]) {
    super('InvalidArgument', `The schedule is invalid: ${issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join(' ')}`);
  }
}

export interface ScheduleServiceOptions {
  db: SqliteDatabase;
  clock: Clock;
  config: SluiceConfig;
  /** Re-arms a schedule after a change (the ScheduleHost). */
  host?: { refresh(id: string): void };
  /** Published pipelines and endpoints, to check references and parameter names. */
  targets?: ScheduleTargets;
  /** The runner, to return whole run records for `lastRun`. */
  runs?: { get(runId: string): PipelineRunRecord | undefined };
}

const DEFAULT_POLLING_INTERVAL = 5;

export class ScheduleService {
  readonly store: ScheduleStore;

  constructor(private readonly options: ScheduleServiceOptions) {
    this.store = new ScheduleStore(options.db);
  }

  create(raw: unknown): ScheduleRecord {
    const { input, issues } = readScheduleInput(raw, 'create');
    if (input.status !== undefined) issues.push({ field: 'status', message: 'Schedule.create takes no status; create the schedule, then disable it.' });
    issues.push(...this.createIssues(input));
    if (issues.length > 0) throw new ScheduleValidationError(issues);
    const now = this.options.clock.now();
    const record: ScheduleRecord = {
      id: randomUUID(), name: input.name!, experimentName: input.experiment_name!, status: 'Active',
      kind: input.recurrence !== undefined ? 'recurrence' : 'datastore', pipelineParameters: input.pipeline_parameters ?? {},
      createdTime: now, updatedTime: now,
    };
    if (input.pipeline_id !== undefined) record.pipelineId = input.pipeline_id;
    if (input.pipeline_endpoint_id !== undefined) record.pipelineEndpointId = input.pipeline_endpoint_id;
    this.applyCommon(record, input);
    if (record.kind === 'recurrence') {
      record.recurrence = normalizeScheduleRecurrence(input.recurrence);
      record.anchorTime = now;
      const first = firstScheduleTime(record.recurrence, now);
      if (first !== undefined) record.nextFireTime = first;
    } else {
      record.datastoreName = input.datastore!;
      record.pathOnDatastore = input.path_on_datastore ?? '';
      record.pollingInterval = input.polling_interval ?? DEFAULT_POLLING_INTERVAL;
      if (input.data_path_parameter_name !== undefined) record.dataPathParameterName = input.data_path_parameter_name;
      // The first poll only notes what is there, so blobs present before the schedule fire nothing.
      record.nextFireTime = now;
    }
    this.store.insert(record);
    this.options.host?.refresh(record.id);
    return record;
  }

  list(filter: { includeDisabled?: boolean; pipelineId?: string; pipelineEndpointId?: string } = {}): ScheduleRecord[] {
    return this.store.list(filter);
  }

  get(id: string): ScheduleRecord {
    const record = this.store.get(id);
    if (record === undefined) throw new SluiceError('NotFound', `Schedule '${id}' was not found.`);
    return record;
  }

  /** Read-modify-write: omitted fields keep their values (SDK `update`). */
  update(id: string, raw: unknown): ScheduleRecord {
    const record = this.get(id);
    const { input, issues } = readScheduleInput(raw, 'update');
    issues.push(...this.updateIssues(record, input));
    if (issues.length > 0) throw new ScheduleValidationError(issues);
    const now = this.options.clock.now();
    const next: ScheduleRecord = { ...record, updatedTime: this.later(now, record.updatedTime) };
    if (input.name !== undefined) next.name = input.name;
    if (input.pipeline_parameters !== undefined) next.pipelineParameters = input.pipeline_parameters;
    this.applyCommon(next, input);
    if (input.recurrence !== undefined) {
      next.recurrence = normalizeScheduleRecurrence(input.recurrence);
      next.anchorTime = now;
      next.nextFireTime = firstScheduleTime(next.recurrence, now);
    }
    if (input.polling_interval !== undefined) next.pollingInterval = input.polling_interval;
    if (input.data_path_parameter_name !== undefined) next.dataPathParameterName = input.data_path_parameter_name;
    const moved = (input.datastore !== undefined && input.datastore !== record.datastoreName) || (input.path_on_datastore !== undefined && input.path_on_datastore !== record.pathOnDatastore);
    if (input.datastore !== undefined) next.datastoreName = input.datastore;
    if (input.path_on_datastore !== undefined) next.pathOnDatastore = input.path_on_datastore;
    if (moved) {
      // Another folder: take a new baseline rather than fire what is already there.
      delete next.watermark;
      next.nextFireTime = now;
    }
    if (input.status !== undefined && input.status !== record.status) this.applyStatus(next, input.status, now);
    this.store.save(next);
    this.options.host?.refresh(id);
    return next;
  }

  enable(id: string): ScheduleRecord {
    return this.update(id, { status: 'Active' });
  }

  disable(id: string): ScheduleRecord {
    return this.update(id, { status: 'Disabled' });
  }

  /** Newest first: each run a firing started or tried to start. */
  runs(id: string, top = 100): ScheduleFire[] {
    this.get(id);
    return this.store.listFires(id, top);
  }

  /** The latest run the schedule started (SDK `get_last_pipeline_run`), or undefined. */
  lastRun(id: string): { fire: ScheduleFire; run?: PipelineRunRecord } | undefined {
    const fire = this.runs(id).find((f) => f.runId !== undefined);
    if (fire === undefined) return undefined;
    const run = this.options.runs?.get(fire.runId!);
    return run === undefined ? { fire } : { fire, run };
  }

  /** Enabling resumes the series from now (occurrences missed while disabled do not fire). */
  private applyStatus(record: ScheduleRecord, status: 'Active' | 'Disabled', now: string): void {
    record.status = status;
    if (status === 'Disabled') return;
    delete record.lastError;
    if (record.kind === 'datastore') record.nextFireTime = now;
    else {
      const next = resumeScheduleTime(record.recurrence!, now, record.anchorTime === undefined ? {} : { anchor: record.anchorTime });
      if (next === undefined) delete record.nextFireTime;
      else record.nextFireTime = next;
    }
  }

  private applyCommon(record: ScheduleRecord, input: ScheduleInput): void {
    if (input.description !== undefined) record.description = input.description;
    if (input.continue_on_step_failure !== undefined) record.continueOnStepFailure = input.continue_on_step_failure;
  }

  /** updated_time guards firings computed against an older version: it must change on every write. */
  private later(now: string, previous: string): string {
    return Date.parse(now) > Date.parse(previous) ? now : new Date(Date.parse(previous) + 1).toISOString();
  }

  private createIssues(input: ScheduleInput): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (input.name === undefined) issues.push({ field: 'name', message: 'A schedule needs a name.' });
    if (input.experiment_name === undefined) issues.push({ field: 'experiment_name', message: 'A schedule needs an experiment_name.' });
    if (input.pipeline_id === undefined && input.pipeline_endpoint_id === undefined) {
      issues.push({ field: 'pipeline_id', message: 'Either pipeline_id or pipeline_endpoint_id is required.' });
    }
    if (input.pipeline_id !== undefined && input.pipeline_endpoint_id !== undefined) {
      issues.push({ field: 'pipeline_endpoint_id', message: 'Specify only one of pipeline_id and pipeline_endpoint_id.' });
    }
    if (input.recurrence !== undefined && input.datastore !== undefined) issues.push({ field: 'datastore', message: 'Can not specify both a Recurrence and a Datastore' });
    if (input.recurrence === undefined && input.datastore === undefined) {
      issues.push({ field: 'recurrence', message: 'Either a recurrence or a datastore is required.' });
    }
    issues.push(...this.kindIssues(input.recurrence !== undefined, input));
    issues.push(...this.targetIssues({ pipelineId: input.pipeline_id, pipelineEndpointId: input.pipeline_endpoint_id }, input));
    return issues;
  }

  private updateIssues(record: ScheduleRecord, input: ScheduleInput): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (input.recurrence !== undefined && record.kind === 'datastore') issues.push({ field: 'recurrence', message: 'Can not specify a recurrence for a Datastore schedule.' });
    if (input.datastore !== undefined && record.kind === 'recurrence') issues.push({ field: 'datastore', message: 'Can not specify a Datastore for a Recurrence schedule.' });
    if (input.experiment_name !== undefined && input.experiment_name !== record.experimentName) issues.push({ field: 'experiment_name', message: 'The experiment name of a schedule cannot be changed.' });
    if (input.pipeline_id !== undefined || input.pipeline_endpoint_id !== undefined) {
      issues.push({ field: input.pipeline_id !== undefined ? 'pipeline_id' : 'pipeline_endpoint_id', message: 'The pipeline of a schedule cannot be changed; create another schedule.' });
    }
    issues.push(...this.kindIssues(record.kind === 'recurrence', input));
    const parameterCheck = { ...input, data_path_parameter_name: input.data_path_parameter_name ?? record.dataPathParameterName };
    issues.push(...this.targetIssues({ pipelineId: record.pipelineId, pipelineEndpointId: record.pipelineEndpointId }, parameterCheck, false));
    return issues;
  }

  /** The recurrence's own checks, or the datastore's; and the fields only datastore schedules take. */
  private kindIssues(isRecurrence: boolean, input: ScheduleInput): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (isRecurrence && input.data_path_parameter_name !== undefined) issues.push({ field: 'data_path_parameter_name', message: 'Data Path parameter name can only be specified for Datastore schedules.' });
    if (isRecurrence && input.path_on_datastore !== undefined) issues.push({ field: 'path_on_datastore', message: 'Path on datastore parameter can only be specified for Datastore schedules.' });
    if (input.recurrence !== undefined) issues.push(...scheduleRecurrenceIssues(input.recurrence).map((i) => ({ field: i.field ? `recurrence.${i.field}` : 'recurrence', message: i.message })));
    if (input.datastore !== undefined && !Object.prototype.hasOwnProperty.call(this.options.config.datastores, input.datastore)) {
      const known = Object.keys(this.options.config.datastores).join(', ');
      issues.push({ field: 'datastore', message: `No datastore named '${input.datastore}' is configured${known ? ` (configured: ${known})` : ''}.` });
    }
    for (const i of parameterSyntaxIssues(input.pipeline_parameters ?? {})) issues.push({ field: `pipeline_parameters.${i.name}`, message: i.message });
    return issues;
  }

  /** The pipeline exists and is Active; parameter names are the pipeline's; the data path parameter is a DataPath one. */
  private targetIssues(ref: { pipelineId?: string; pipelineEndpointId?: string }, input: ScheduleInput, mustBeActive = true): FieldIssue[] {
    const targets = this.options.targets;
    if (targets === undefined || (ref.pipelineId === undefined && ref.pipelineEndpointId === undefined)) return [];
    const field = ref.pipelineId !== undefined ? 'pipeline_id' : 'pipeline_endpoint_id';
    const what = ref.pipelineId !== undefined ? `published pipeline '${ref.pipelineId}'` : `pipeline endpoint '${ref.pipelineEndpointId}'`;
    const target = targets.find(ref);
    if (target === undefined) return [{ field, message: `There is no ${what}.` }];
    const issues: FieldIssue[] = [];
    if (mustBeActive && target.status !== 'Active') issues.push({ field, message: `The ${what} is ${target.status}; a disabled pipeline cannot be scheduled.` });
    if (target.parameters === undefined) return issues;
    const parameters = target.parameters;
    for (const name of Object.keys(input.pipeline_parameters ?? {})) {
      if (!Object.prototype.hasOwnProperty.call(parameters, name)) issues.push({ field: `pipeline_parameters.${name}`, message: `The ${what} has no parameter '${name}'.` });
    }
    const dataPath = input.data_path_parameter_name;
    if (dataPath !== undefined && parameters[dataPath]?.type !== 'datapath') {
      issues.push({ field: 'data_path_parameter_name', message: `'${dataPath}' is not a DataPath parameter of the ${what}.` });
    }
    return issues;
  }
}

export type { ParameterValue };
