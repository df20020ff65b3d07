/**
 * Pipeline schedules as Sluice stores and serves them (Azure ML SDK v1 `Schedule`, spec §6): a
 * recurrence or a watched datastore folder, bound to a published pipeline or a pipeline endpoint.
 */
import type { Value } from '../expressions/value.js';
import type { PipelineParameterDefinition } from './definition.js';
import type { RunnablePipeline, SubmitRequest } from './runner-types.js';
import type { ScheduleRecurrence } from './schedule-recurrence.js';

export type ScheduleStatus = 'Active' | 'Disabled';
export type ScheduleKind = 'recurrence' | 'datastore';
export type ParameterValue = string | number | boolean;
export interface DataPathAssignment {
  DataStoreName: string;
  RelativePath: string;
}

export interface ScheduleError {
  code: string;
  message: string;
  time: string;
}

export interface ScheduleRecord {
  id: string;
  name: string;
  pipelineId?: string;
  pipelineEndpointId?: string;
  experimentName: string;
  description?: string;
  status: ScheduleStatus;
  kind: ScheduleKind;
  recurrence?: ScheduleRecurrence;
  /** Where a recurrence without start_time is counted from (creation, or the last recurrence change). */
  anchorTime?: string;
  datastoreName?: string;
  /** Folder watched on the datastore ('' = its top level); only direct children count. */
  pathOnDatastore?: string;
  /** Minutes between polls of a datastore schedule. */
  pollingInterval?: number;
  dataPathParameterName?: string;
  /** Values starting with `@` are expressions evaluated at fire time. */
  pipelineParameters: Record<string, ParameterValue>;
  continueOnStepFailure?: boolean;
  nextFireTime?: string;
  /** Datastore schedules: blob name → ETag at the last poll. */
  watermark?: Value;
  lastRunId?: string;
  /** Why the schedule last failed to fire (a disabled pipeline, unreachable storage ...); cleared by a good firing. */
  lastError?: ScheduleError;
  createdTime: string;
  updatedTime: string;
}

export type FireStatus = 'Pending' | 'Submitted' | 'Failed';

/** One run a firing asked for: claimed (Pending) with the schedule's advance, then submitted. */
export interface ScheduleFire {
  id: string;
  scheduleId: string;
  scheduledTime: string;
  firedTime: string;
  changedPath?: string;
  /** The assignments as evaluated when the schedule fired. */
  parameterAssignments: Record<string, ParameterValue>;
  dataPathAssignments: Record<string, DataPathAssignment>;
  status: FireStatus;
  runId?: string;
  error?: { code: string; message: string };
}

/** What the submit function gets besides the schedule. */
export interface ScheduleSubmitContext {
  /** Stable id of this firing: a submit that is retried after a crash carries the same one. */
  fireId: string;
  scheduledTime: string;
  /** Datastore schedules: the added or modified blob's path from the datastore root. */
  changedPath?: string;
  parameterAssignments: Record<string, ParameterValue>;
  dataPathAssignments: Record<string, DataPathAssignment>;
}

export type ScheduleSubmit = (schedule: ScheduleRecord, context: ScheduleSubmitContext) => Promise<{ runId: string }>;

/** What schedules need to know about the pipeline they run. */
export interface ScheduleTarget {
  status: 'Active' | 'Disabled' | 'Deprecated';
  parameters?: Record<string, PipelineParameterDefinition>;
}

export interface ScheduleTargets {
  /** Undefined when no such published pipeline / endpoint exists. */
  find(ref: { pipelineId?: string; pipelineEndpointId?: string }): ScheduleTarget | undefined;
}

/** The runner request a schedule's firing makes (RunSource `Schedule`, ScheduleId set). */
export function scheduleSubmitRequest(schedule: ScheduleRecord, context: ScheduleSubmitContext, pipeline: RunnablePipeline): SubmitRequest {
  const request: SubmitRequest = {
    pipeline,
    experimentName: schedule.experimentName,
    parameterAssignments: context.parameterAssignments,
    dataPathAssignments: context.dataPathAssignments,
    runSource: 'Schedule',
    scheduleId: schedule.id,
  };
  if (schedule.continueOnStepFailure !== undefined) request.continueOnStepFailure = schedule.continueOnStepFailure;
  if (schedule.description !== undefined) request.description = schedule.description;
  return request;
}
