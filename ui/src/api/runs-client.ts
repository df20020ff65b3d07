/**
 * The run-history part of the REST client: fire a trigger by hand, list a workflow's runs (filtered
 * by status), read one run and its action executions. Shapes follow the Logic Apps management API
 * Sluice serves (`{ name, properties: { status, startTime, endTime, ... } }`).
 */

export type RunStatus = 'Waiting' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled' | 'TimedOut';
export const RUN_STATUSES: readonly RunStatus[] = ['Running', 'Succeeded', 'Failed', 'Cancelled', 'TimedOut'];

export interface ApiError {
  code?: string;
  message?: string;
}

export interface RunResource {
  name: string;
  properties: {
    status: RunStatus;
    startTime?: string;
    endTime?: string;
    error?: ApiError;
    trigger?: { name?: string; outputs?: unknown };
    outputs?: Record<string, { type?: string; value?: unknown }>;
    workflow?: { version?: number };
  };
}

export interface ActionResource {
  name: string;
  properties: {
    status: string;
    code?: string;
    startTime?: string;
    endTime?: string;
    inputs?: unknown;
    outputs?: unknown;
    error?: ApiError;
    repetitionIndexes?: unknown[];
    retryHistory?: unknown[];
    secureInputs?: boolean;
    secureOutputs?: boolean;
  };
}

/** An error answer of the API, with the server's message. */
export class RunsApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
  if (!res.ok) {
    const error = (json as { error?: ApiError; message?: string } | undefined) ?? {};
    throw new RunsApiError(res.status, error.error?.message ?? error.message ?? `${method} ${path}: HTTP ${res.status}`);
  }
  return json as T;
}

const wf = (name: string): string => `/api/workflows/${encodeURIComponent(name)}`;

/** POST .../triggers/{trigger}/run; `body` undefined sends no body. Returns the new run's id. */
export async function runTrigger(workflow: string, trigger: string, body?: unknown): Promise<string> {
  const answer = await call<{ runId: string }>('POST', `${wf(workflow)}/triggers/${encodeURIComponent(trigger)}/run`, body);
  return answer.runId;
}

/** The newest runs first (one page), optionally only those with `status`. */
export async function listRuns(workflow: string, status?: RunStatus, top = 50): Promise<RunResource[]> {
  const params = new URLSearchParams({ top: String(top) });
  if (status !== undefined) params.set('status', status);
  const answer = await call<{ value: RunResource[] }>('GET', `${wf(workflow)}/runs?${params.toString()}`);
  return answer.value;
}

export function getRun(workflow: string, runId: string): Promise<RunResource> {
  return call<RunResource>('GET', `${wf(workflow)}/runs/${encodeURIComponent(runId)}`);
}

export async function listRunActions(workflow: string, runId: string): Promise<ActionResource[]> {
  const answer = await call<{ value: ActionResource[] }>('GET', `${wf(workflow)}/runs/${encodeURIComponent(runId)}/actions`);
  return answer.value;
}

/** Every execution of an action inside loops (`name` is `000002` or `000001-000003`). */
export async function listRepetitions(workflow: string, runId: string, action: string): Promise<ActionResource[]> {
  const answer = await call<{ value: ActionResource[] }>('GET', `${wf(workflow)}/runs/${encodeURIComponent(runId)}/actions/${encodeURIComponent(action)}/repetitions`);
  return answer.value;
}

/** POST .../resubmit: a new run with the same trigger outputs. Returns the new run's id. */
export async function resubmitRun(workflow: string, runId: string): Promise<string> {
  return (await call<{ runId: string }>('POST', `${wf(workflow)}/runs/${encodeURIComponent(runId)}/resubmit`)).runId;
}

export function cancelRun(workflow: string, runId: string): Promise<RunResource> {
  return call<RunResource>('POST', `${wf(workflow)}/runs/${encodeURIComponent(runId)}/cancel`);
}
