/**
 * The pipeline definition language (JSON; schema in definitions/schema/pipeline.schema.json):
 * Azure ML SDK v1 pipelines as data. Steps are joined by data (an input bound to another step's
 * output orders them), parameterised by PipelineParameters and DataPath parameters.
 */

export type ParameterType = 'string' | 'int' | 'float' | 'bool' | 'datapath';

export interface PipelineParameterDefinition {
  type: ParameterType;
  /** Default of a scalar parameter. */
  default?: string | number | boolean;
  /** DataPath parameters: the default datastore and path. */
  datastore?: string;
  path?: string;
  description?: string;
}

/** Where a step input comes from. */
export type StepInputDefinition =
  /** A fixed path on a datastore (a file or a folder). */
  | { datastore: string; path: string; mode?: 'download' | 'mount' }
  /** An output of another step (PipelineData / OutputFileDatasetConfig). */
  | { step: string; output: string; mode?: 'download' | 'mount' }
  /** A DataPath pipeline parameter (overridable at submit with DataPathAssignments). */
  | { parameter: string; mode?: 'download' | 'mount' };

/** A step output: intermediate data (kept under the run on the default datastore) or a datastore path. */
export interface StepOutputDefinition {
  datastore?: string;
  /** Path on the datastore; may use `{run-id}` and `{output-name}` placeholders. */
  path?: string;
  /** Intermediate outputs are kept for reuse; `false` deletes nothing but marks it not reusable. */
  isDirectory?: boolean;
}

export interface StepDefinition {
  /** `python` and `node` run `script`; `command` runs `command` (an argv). */
  runtime: 'python' | 'node' | 'command';
  script?: string;
  command?: string[];
  /** Folder snapshotted for the step (relative to the definition file); `.amlignore`/`.gitignore` apply. */
  sourceDirectory?: string;
  /** Arguments; `${{inputs.x}}`, `${{outputs.y}}`, `${{parameters.z}}` are replaced by paths and values. */
  arguments?: string[];
  inputs?: Record<string, StepInputDefinition>;
  outputs?: Record<string, StepOutputDefinition>;
  /** @default true */
  allowReuse?: boolean;
  /** Name of a compute target; the pipeline's default otherwise. */
  compute?: string;
  /** Kill the step after this many seconds. @default 3600 */
  timeoutSeconds?: number;
  environment?: Record<string, string>;
  description?: string;
}

export interface ComputeTargetDefinition {
  /** Steps run at the same time on this target. @default 1 */
  maxNodes: number;
}

export interface PipelineDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, PipelineParameterDefinition>;
  /** @default "local" */
  defaultCompute?: string;
  computeTargets?: Record<string, ComputeTargetDefinition>;
  /** @default "workspaceblobstore" — where intermediate outputs go. */
  defaultDatastore?: string;
  /** @default false */
  continueOnStepFailure?: boolean;
  steps: Record<string, StepDefinition>;
}

/** Pipeline run status (the pipeline service's vocabulary, spec §3.2). */
export type PipelineRunStatus = 'NotStarted' | 'Running' | 'Failed' | 'Finished' | 'Canceled';
/** Step run status (spec §3.2). */
export type StepRunStatus = 'NotStarted' | 'Queued' | 'Running' | 'Failed' | 'Finished' | 'Canceled' | 'Bypassed';

export const PIPELINE_STATUS_CODES: Readonly<Record<PipelineRunStatus, number>> = { NotStarted: 0, Running: 1, Failed: 2, Finished: 3, Canceled: 4 };
export const STEP_STATUS_CODES: Readonly<Record<StepRunStatus, number>> = { NotStarted: 0, Queued: 1, Running: 2, Failed: 3, Finished: 4, Canceled: 5, Bypassed: 7 };
