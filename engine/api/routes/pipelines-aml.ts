/**
 * The pipeline service's REST surface in Azure ML's shape (spec §5), so callers written for Azure
 * (the SDK's generated client, notebooks, Logic Apps' Http action) work against Sluice:
 * `/pipelines/v1.0/workspaces/{workspace}/PipelineRuns/...`, and the same under the full ARM scope
 * `/pipelines/v1.0/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.MachineLearningServices/workspaces/{w}/...`
 * (Sluice has one implicit subscription and resource group: both are accepted and ignored).
 *
 * Every call needs `Authorization: Bearer <token>` for the configured audience, and a role
 * assignment of the token's `oid` on `/pipelines/v1.0/workspaces/{workspace}`: `submit` for POST
 * and DELETE, `read` (or `submit`) for GET. Errors use Azure's shape:
 * `{ "error": { "code", "message", "details": [{ "target", "message" }] } }`.
 *
 * `StepRuns` and `StepRuns/{step}/Logs` are Sluice's own names (Azure's equivalents are graph
 * calls with a node id in the body).
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { asSluiceError } from '../../errors.js';
import { bearerToken } from '../../identity/verifier.js';
import { PublishingError } from '../../pipelines/publishing-errors.js';
import type { SubmitTarget } from '../../pipelines/publishing.js';
import { ApiError } from '../api-error.js';
import { sendJson } from '../json-response.js';
import { jsonBody } from '../request-body.js';
import { pipelineRunEntity, stepRunEntity } from '../resources/pipeline-run-entity.js';
import { configuredPipelines, DEFAULT_PIPELINE_AUDIENCE, type PipelinesDeps } from './pipelines-deps.js';

export const AML_PREFIXES = [
  '/pipelines/v1.0/workspaces/:workspace',
  '/pipelines/v1.0/subscriptions/:subscriptionId/resourceGroups/:resourceGroup/providers/Microsoft.MachineLearningServices/workspaces/:workspace',
] as const;

type Role = 'submit' | 'read';

function azureError(status: number, code: string, message: string, details?: readonly { target: string; message: string }[]): { status: number; body: Record<string, unknown> } {
  const error: Record<string, unknown> = { code, message };
  if (details !== undefined && details.length > 0) error['details'] = details.map((d) => ({ target: d.target, message: d.message }));
  return { status, body: { error } };
}

const STATUS_BY_CODE: Record<string, number> = { Unauthorized: 401, NotFound: 404, IdentityUnavailable: 503, InternalError: 500 };

function describeError(err: unknown): { status: number; body: Record<string, unknown> } {
  if (err instanceof PublishingError) return azureError(err.status, err.code, err.message, err.details);
  if (err instanceof ApiError) return azureError(err.status, err.code, err.message, err.issues?.map((i) => ({ target: i.pointer, message: i.message })));
  const error = asSluiceError(err);
  return azureError(STATUS_BY_CODE[error.code] ?? 400, error.code, error.message);
}

function sendAzureError(res: Response, err: unknown): void {
  const { status, body } = describeError(err);
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** The workspace scope role assignments are checked against. */
export function workspaceScope(workspace: string): string {
  return `/pipelines/v1.0/workspaces/${workspace}`;
}

async function authorize(req: Request, deps: PipelinesDeps, role: Role): Promise<void> {
  const workspace = req.params['workspace'] as string;
  if (deps.workspace !== undefined && deps.workspace.toLowerCase() !== workspace.toLowerCase()) {
    throw new ApiError(404, 'WorkspaceNotFound', `This instance has no workspace '${workspace}'; its workspace is '${deps.workspace}'.`);
  }
  const header = req.get('authorization');
  if (header === undefined || header.trim() === '') throw new ApiError(401, 'Unauthorized', "The request has no 'Authorization' header; send 'Authorization: Bearer <token>'.");
  const token = bearerToken(header);
  if (token === undefined) throw new ApiError(401, 'Unauthorized', "The 'Authorization' header must use the Bearer scheme: 'Bearer <token>'.");
  const audience = deps.audience ?? DEFAULT_PIPELINE_AUDIENCE;
  const claims = await deps.verifier.verify(token, deps.issuer === undefined ? { audience } : { audience, issuer: deps.issuer });
  const principal = typeof claims.oid === 'string' && claims.oid !== '' ? claims.oid : undefined;
  if (principal === undefined) throw new ApiError(401, 'Unauthorized', "The token has no 'oid' claim naming the caller.");
  const scope = workspaceScope(workspace);
  const allowed = deps.roles.isAllowed(principal, scope, role) || (role === 'read' && deps.roles.isAllowed(principal, scope, 'submit'));
  if (!allowed) {
    throw new ApiError(403, 'AuthorizationFailed', `The principal '${principal}' does not have the '${role}' role on the scope '${scope}' (or a scope above it), so it cannot ${role === 'submit' ? 'submit or cancel pipeline runs' : 'read pipeline runs'} there.`);
  }
}

function handler(deps: PipelinesDeps | undefined, role: Role, body: (req: Request, res: Response, deps: PipelinesDeps) => Promise<void> | void): RequestHandler {
  return async (req, res) => {
    try {
      const pipelines = configuredPipelines(deps);
      await authorize(req, pipelines, role);
      await body(req, res, pipelines);
    } catch (err) {
      sendAzureError(res, err);
    }
  };
}

function queryText(req: Request, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(req.query).find((k) => k.toLowerCase() === wanted);
  const value = key === undefined ? undefined : req.query[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ApiError(400, 'BadRequest', `The query parameter '${name}' must be given once.`);
  return value;
}

async function submitTo(req: Request, res: Response, deps: PipelinesDeps, target: SubmitTarget): Promise<void> {
  const parentRunId = queryText(req, 'parentRunId');
  const run = await deps.publishing.submit(target, jsonBody(req) ?? {}, parentRunId === undefined ? {} : { parentRunId });
  sendJson(res, 200, pipelineRunEntity(run));
}

function runOf(deps: PipelinesDeps, runId: string) {
  const run = deps.runner.get(runId);
  if (run === undefined) throw new ApiError(404, 'NotFound', `No pipeline run has the id '${runId}'.`);
  return run;
}

export function registerPipelineAmlRoutes(router: Router, deps: PipelinesDeps | undefined): void {
  for (const prefix of AML_PREFIXES) {
    const runs = `${prefix}/PipelineRuns`;
    router.post(`${runs}/PipelineSubmit/:pipelineId`, handler(deps, 'submit', (req, res, d) => submitTo(req, res, d, { pipelineId: req.params['pipelineId'] as string })));
    router.post(`${runs}/PipelineEndpointSubmit/Id/:endpointId`, handler(deps, 'submit', (req, res, d) => submitTo(req, res, d, { endpoint: req.params['endpointId'] as string })));
    router.post(
      `${runs}/PipelineEndpointSubmit/Id/:endpointId/:version`,
      handler(deps, 'submit', (req, res, d) => submitTo(req, res, d, { endpoint: req.params['endpointId'] as string, version: req.params['version'] as string })),
    );
    router.post(
      `${runs}/PipelineEndpointSubmit/Name`,
      handler(deps, 'submit', (req, res, d) => {
        const name = queryText(req, 'name');
        if (name === undefined || name === '') throw new ApiError(400, 'BadRequest', "The query parameter 'name' (the pipeline endpoint's name) is required.");
        const version = queryText(req, 'pipelineVersion');
        return submitTo(req, res, d, version === undefined ? { endpoint: name } : { endpoint: name, version });
      }),
    );
    router.get(`${runs}/Pipeline/:pipelineId`, handler(deps, 'read', (req, res, d) => {
      const pipeline = d.publishing.get(req.params['pipelineId'] as string);
      sendJson(res, 200, d.runner.listRuns({ publishedPipelineId: pipeline.id }).map(pipelineRunEntity));
    }));
    router.get(`${runs}/:runId`, handler(deps, 'read', (req, res, d) => sendJson(res, 200, pipelineRunEntity(runOf(d, req.params['runId'] as string)))));
    const cancel = handler(deps, 'submit', async (req, res, d) => {
      const runId = req.params['runId'] as string;
      runOf(d, runId);
      await d.runner.cancel(runId);
      sendJson(res, 200, pipelineRunEntity(runOf(d, runId)));
    });
    router.delete(`${runs}/:runId/Execution`, cancel);
    router.post(`${runs}/:runId/Cancel`, cancel);
    router.get(`${runs}/:runId/StepRuns`, handler(deps, 'read', (req, res, d) => {
      const runId = req.params['runId'] as string;
      runOf(d, runId);
      const base = req.originalUrl.split('?')[0]!;
      sendJson(res, 200, { value: d.runner.steps(runId).map((s) => stepRunEntity(s, `${base}/${encodeURIComponent(s.stepName)}/Logs`)) });
    }));
    router.get(`${runs}/:runId/StepRuns/:step/Logs`, handler(deps, 'read', (req, res, d) => {
      const runId = req.params['runId'] as string;
      runOf(d, runId);
      const text = d.runner.log(runId, req.params['step'] as string);
      if (text === undefined) throw new ApiError(404, 'NotFound', `The run '${runId}' has no log for a step '${req.params['step']}'.`);
      res.status(200).type('text/plain; charset=utf-8').send(text);
    }));
  }
}
