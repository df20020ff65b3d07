/**
 * The pipeline runner's service surface, used by the REST API, schedules, the CLI and tests.
 */
import type { PipelineDefinition, PipelineRunStatus, StepRunStatus } from './definition.js';

/** A pipeline ready to run: its definition and where each step's source snapshot lives. */
export interface RunnablePipeline {
  definition: PipelineDefinition;
  /** Folder the definition's relative `sourceDirectory` paths resolve against (a published snapshot). */
  sourceRoot: string;
  /** The published pipeline this run belongs to, if any. */
  publishedPipelineId?: string;
  pipelineEndpointId?: string;
}

export interface SubmitRequest {
  pipeline: RunnablePipeline;
  experimentName: string;
  parameterAssignments?: Record<string, string | number | boolean>;
  dataPathAssignments?: Record<string, { DataStoreName: string; RelativePath: string }>;
  continueOnStepFailure?: boolean;
  regenerateOutputs?: boolean;
  description?: string;
  displayName?: string;
  tags?: Record<string, string>;
  /** `SDK`, `API`, `Schedule` ... */
  runSource?: string;
  scheduleId?: string;
  parentRunId?: string;
}

export interface PipelineRunRecord {
  id: string;
  experimentName: string;
  status: PipelineRunStatus;
  createdTime: string;
  endTime?: string;
  publishedPipelineId?: string;
  pipelineEndpointId?: string;
  scheduleId?: string;
  description?: string;
  displayName?: string;
  runSource?: string;
  tags: Record<string, string>;
  parameterAssignments: Record<string, string | number | boolean>;
  dataPathAssignments: Record<string, { DataStoreName: string; RelativePath: string }>;
  continueOnStepFailure: boolean;
  totalSteps: number;
  error?: { code: string; message: string };
  /** Git commit of the source, when the source folder was a git checkout. */
  sourceCommit?: string;
}

export interface StepRunRecord {
  runId: string;
  stepName: string;
  status: StepRunStatus;
  startTime?: string;
  endTime?: string;
  /** The run whose step outputs were reused, when the step was not executed. */
  reusedFromRunId?: string;
  fingerprint: string;
  exitCode?: number;
  error?: { code: string; message: string };
  /** Output name → where it lives. */
  outputs: Record<string, { datastore: string; path: string }>;
  metrics: Record<string, number | string>;
  /** Path of the step's log file (70_driver_log.txt). */
  logPath?: string;
}

export interface PipelineRunner {
  /** Creates the run (status Running) and starts it; resolves once it is stored, not when it ends. */
  submit(request: SubmitRequest): Promise<PipelineRunRecord>;
  get(runId: string): PipelineRunRecord | undefined;
  listRuns(filter?: { publishedPipelineId?: string; pipelineEndpointId?: string; experimentName?: string; top?: number }): PipelineRunRecord[];
  steps(runId: string): StepRunRecord[];
  /** The step's log text so far. */
  log(runId: string, stepName: string): string | undefined;
  cancel(runId: string): Promise<boolean>;
  /** Settles when the run reaches Finished, Failed or Canceled. */
  whenDone(runId: string): Promise<PipelineRunRecord>;
  /** Resumes runs left Running by an earlier process. */
  start(): Promise<void>;
  stop(): Promise<void>;
}
