/**
 * The pipelines part of the REST client: published pipelines and endpoints, pipeline runs with
 * their steps and logs, schedules, datastores (list, browse, upload), and workflow identities with
 * their role assignments. Shapes follow `definitions/schema/management-api.openapi.json`.
 */
import { HttpError, requestJson } from './http';

export type EntityStatus = 'Active' | 'Disabled';
export type PipelineRunStatus = 'NotStarted' | 'Running' | 'Failed' | 'Finished' | 'Canceled';
export type StepRunStatus = 'NotStarted' | 'Queued' | 'Running' | 'Failed' | 'Finished' | 'Canceled' | 'Bypassed';

export interface PublishedPipeline {
  id: string;
  name: string;
  description?: string;
  version?: string;
  status: EntityStatus;
  endpoint: string;
  publishedTime: string;
  totalRunSteps: number;
  /** Each step and the steps whose outputs it reads. */
  steps?: { name: string; dependsOn: string[] }[];
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

export interface PipelineRun {
  id: string;
  experimentName: string;
  status: PipelineRunStatus;
  createdTime: string;
  endTime?: string;
  publishedPipelineId?: string;
  pipelineEndpointId?: string;
  scheduleId?: string;
  displayName?: string;
  description?: string;
  runSource?: string;
  totalSteps: number;
  error?: { code: string; message: string };
}

export interface StepRun {
  runId: string;
  stepName: string;
  status: StepRunStatus;
  startTime?: string;
  endTime?: string;
  reusedFromRunId?: string;
  exitCode?: number;
  error?: { code: string; message: string };
  outputs: Record<string, { datastore: string; path: string }>;
  metrics: Record<string, number | string>;
}

export interface Schedule {
  id: string;
  name: string;
  description?: string;
  pipeline_id?: string;
  pipeline_endpoint_id?: string;
  experiment_name?: string;
  status: EntityStatus;
  schedule_type: 'Recurrence' | 'DataStore';
  datastore_name?: string;
  path_on_datastore?: string;
  next_fire_time?: string;
  last_run_id?: string;
  last_error?: { code?: string; message?: string };
}

export interface Datastore {
  name: string;
  kind?: string;
  container?: string;
  /** Set when the datastore cannot be opened (its connection is not configured). */
  error?: { code: string; message: string };
}

/** One entry of a datastore folder listing (a file, or a folder when `isDirectory`). */
export interface DatastoreEntry {
  name: string;
  path?: string;
  isDirectory?: boolean;
  size?: number;
  lastModified?: string;
}

export interface RoleAssignment {
  principalId: string;
  scope: string;
  role: string;
}

export interface WorkflowIdentity {
  principalId: string;
  clientId?: string;
  tenantId: string;
  type: 'SystemAssigned';
}

const enc = encodeURIComponent;

async function list<T>(path: string): Promise<T[]> {
  return (await requestJson<{ value: T[] }>('GET', path)).value;
}

export const listPublishedPipelines = (): Promise<PublishedPipeline[]> => list('/api/published-pipelines');
export const getPublishedPipeline = (id: string): Promise<PublishedPipeline> => requestJson('GET', `/api/published-pipelines/${enc(id)}`);
export const setPublishedPipelineEnabled = (id: string, enabled: boolean): Promise<PublishedPipeline> =>
  requestJson('POST', `/api/published-pipelines/${enc(id)}/${enabled ? 'enable' : 'disable'}`);
export const listPipelineEndpoints = (): Promise<PipelineEndpoint[]> => list('/api/pipeline-endpoints');

export function listPipelineRuns(pipelineId?: string): Promise<PipelineRun[]> {
  return list(`/api/pipeline-runs${pipelineId === undefined || pipelineId === '' ? '' : `?pipelineId=${enc(pipelineId)}`}`);
}
export const getPipelineRun = (runId: string): Promise<PipelineRun> => requestJson('GET', `/api/pipeline-runs/${enc(runId)}`);
export const listStepRuns = (runId: string): Promise<StepRun[]> => list(`/api/pipeline-runs/${enc(runId)}/steps`);
export const cancelPipelineRun = (runId: string): Promise<PipelineRun> => requestJson('POST', `/api/pipeline-runs/${enc(runId)}/cancel`);

/** A step's log text so far; empty while the step has no log yet (the route answers 404 then). */
export async function getStepLog(runId: string, step: string): Promise<string> {
  const res = await fetch(`/api/pipeline-runs/${enc(runId)}/steps/${enc(step)}/logs`);
  if (res.status === 404) return '';
  if (!res.ok) throw new HttpError(res.status, String(res.status), await res.text());
  return res.text();
}

export const listSchedules = (): Promise<Schedule[]> => list('/api/schedules?includeDisabled=true');
export const setScheduleEnabled = (id: string, enabled: boolean): Promise<Schedule> =>
  requestJson('POST', `/api/schedules/${enc(id)}/${enabled ? 'enable' : 'disable'}`);

export const listDatastores = (): Promise<Datastore[]> => list('/api/datastores');
export function listDatastoreFiles(name: string, prefix: string): Promise<DatastoreEntry[]> {
  return list(`/api/datastores/${enc(name)}/files${prefix === '' ? '' : `?prefix=${enc(prefix)}`}`);
}
/** Uploads raw bytes to `path` (segments separated by `/`). */
export async function uploadDatastoreFile(name: string, path: string, data: Blob): Promise<void> {
  const res = await fetch(`/api/datastores/${enc(name)}/files/${path.split('/').map(enc).join('/')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: data,
  });
  if (!res.ok) throw new HttpError(res.status, String(res.status), await res.text());
}
export function datastoreFileUrl(name: string, path: string): string {
  return `/api/datastores/${enc(name)}/files/${path.split('/').map(enc).join('/')}`;
}

export const getWorkflowIdentity = (workflow: string): Promise<WorkflowIdentity> => requestJson('GET', `/api/workflows/${enc(workflow)}/identity`);
export const listRoleAssignments = (principalId: string): Promise<RoleAssignment[]> => list(`/api/role-assignments?principalId=${enc(principalId)}`);
export const grantWorkflowRole = (workflow: string, scope: string, role: string): Promise<RoleAssignment> =>
  requestJson('POST', `/api/workflows/${enc(workflow)}/identity/role-assignments`, { scope, role });
