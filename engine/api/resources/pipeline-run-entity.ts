/**
 * A pipeline run as Azure ML's pipeline service returns it (spec §5.4): PascalCase fields, `Id` and
 * `PipelineRunId` both (clients read either), `Status.StatusCode` in the pipeline service's numeric
 * codes (§3.2), `tags` in lower case as the service spells it. Step runs have no Azure shape
 * callers rely on; theirs is Sluice's own, in the same style.
 */
import { createHash } from 'node:crypto';
import type { Value, ValueObject } from '../../expressions/value.js';
import { PIPELINE_STATUS_CODES, STEP_STATUS_CODES } from '../../pipelines/definition.js';
import type { PipelineRunRecord, StepRunRecord } from '../../pipelines/runner-types.js';

function etagOf(run: PipelineRunRecord): string {
  const hash = createHash('sha256').update(`${run.id}|${run.status}|${run.endTime ?? ''}`).digest('hex').slice(0, 16);
  return `"${hash}"`;
}

function plain(value: unknown): Value {
  return value as Value;
}

export function pipelineRunEntity(run: PipelineRunRecord): ValueObject {
  return {
    Id: run.id,
    PipelineRunId: run.id,
    Description: run.description ?? null,
    DisplayName: run.displayName ?? null,
    Status: {
      StatusCode: PIPELINE_STATUS_CODES[run.status],
      StatusDetail: run.error?.message ?? null,
      CreationTime: run.createdTime,
      EndTime: run.endTime ?? null,
    },
    IsSubmitted: true,
    HasErrors: run.status === 'Failed',
    HasWarnings: false,
    ParameterAssignments: plain(run.parameterAssignments),
    DataPathAssignments: plain(run.dataPathAssignments),
    DataSetDefinitionValueAssignments: null,
    RunHistoryExperimentName: run.experimentName,
    PipelineId: run.publishedPipelineId ?? null,
    PipelineEndpointId: run.pipelineEndpointId ?? null,
    ScheduleId: run.scheduleId ?? null,
    RunSource: run.runSource ?? null,
    TotalRunSteps: run.totalSteps,
    ContinueRunOnStepFailure: run.continueOnStepFailure,
    tags: plain(run.tags),
    Properties: plain(run.sourceCommit === undefined ? {} : { 'azureml.git.commit': run.sourceCommit }),
    StepTags: {},
    StepProperties: {},
    CreatedBy: null,
    EntityStatus: 0,
    Etag: etagOf(run),
    CreatedDate: run.createdTime,
    LastModifiedDate: run.endTime ?? run.createdTime,
    ErrorInfo: run.error === undefined ? null : { Code: run.error.code, Message: run.error.message },
  };
}

export function stepRunEntity(step: StepRunRecord, logUrl?: string): ValueObject {
  const outputs: ValueObject = {};
  for (const [name, where] of Object.entries(step.outputs)) outputs[name] = { DataStoreName: where.datastore, RelativePath: where.path };
  return {
    StepName: step.stepName,
    PipelineRunId: step.runId,
    Status: {
      StatusCode: STEP_STATUS_CODES[step.status],
      Status: step.status,
      StatusDetail: step.error?.message ?? null,
      StartTime: step.startTime ?? null,
      EndTime: step.endTime ?? null,
    },
    ReusedRunId: step.reusedFromRunId ?? null,
    Fingerprint: step.fingerprint,
    ExitCode: step.exitCode ?? null,
    Outputs: outputs,
    Metrics: plain(step.metrics),
    ErrorInfo: step.error === undefined ? null : { Code: step.error.code, Message: step.error.message },
    LogUrl: logUrl ?? null,
  };
}
