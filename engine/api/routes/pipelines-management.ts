/**
 * The management API of pipelines (no bearer token, like the workflow API: it is for the local
 * CLI and tools): publish, published pipelines, pipeline endpoints, experiments, pipeline runs, and
 * role assignments — the grants the Azure-shaped routes check.
 *
 * Publishing takes `{ definition, files?: { "relative/path": base64 }, name?, description?,
 * version?, continueOnStepFailure? }`: the CLI uploads the definition's folder as `files`, and the
 * sources are snapshotted from them. Runs submitted here take the Azure body plus `pipelineId`,
 * `pipelineName` or `endpoint` (+ `version`) saying what to run.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { isObject, toPlain, type Value } from '../../expressions/value.js';
import { PublishingError } from '../../pipelines/publishing-errors.js';
import type { SubmitTarget } from '../../pipelines/publishing.js';
import { ApiError, invalidArgument } from '../api-error.js';
import { plainValue, sendJson } from '../json-response.js';
import { jsonBody } from '../request-body.js';
import { configuredPipelines, type PipelinesDeps } from './pipelines-deps.js';

type Body = Record<string, unknown>;

/** Publishing errors as the management API's `{ code, message, issues }`, fields as pointers. */
function asApiError(err: unknown): unknown {
  if (!(err instanceof PublishingError)) return err;
  const issues = err.details.map((d) => ({ code: 'SchemaViolation' as const, pointer: `/${d.target.replace(/\./g, '/')}`, message: d.message }));
  return new ApiError(err.status, err.code, err.message, issues.length > 0 ? issues : undefined);
}

function route(deps: PipelinesDeps | undefined, body: (req: Request, res: Response, deps: PipelinesDeps) => Promise<void> | void): RequestHandler {
  return async (req, res) => {
    try {
      await body(req, res, configuredPipelines(deps));
    } catch (err) {
      throw asApiError(err);
    }
  };
}

function objectBody(req: Request): Body {
  const body: Value | undefined = jsonBody(req);
  if (!isObject(body)) throw invalidArgument('', 'the body must be a JSON object');
  return toPlain(body) as Body;
}

function optionalText(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`/${name}`, 'must be a string');
  return value;
}

function requiredText(body: Body, name: string): string {
  const value = optionalText(body, name);
  if (value === undefined || value.trim() === '') throw invalidArgument(`/${name}`, 'is required');
  return value;
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`/query/${name}`, 'must be given once');
  return value;
}

function decodeFiles(value: unknown): Record<string, Buffer> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidArgument('/files', 'must be an object of relative path → base64 content');
  const files: Record<string, Buffer> = {};
  for (const [path, content] of Object.entries(value as Body)) {
    if (typeof content !== 'string') throw invalidArgument(`/files/${path}`, 'must be base64 text');
    files[path] = Buffer.from(content, 'base64');
  }
  return files;
}

function submitTarget(body: Body): SubmitTarget {
  const pipelineId = optionalText(body, 'pipelineId');
  const pipelineName = optionalText(body, 'pipelineName');
  const endpoint = optionalText(body, 'endpoint');
  if ([pipelineId, pipelineName, endpoint].filter((v) => v !== undefined).length !== 1) {
    throw invalidArgument('/pipelineId', "name exactly one of 'pipelineId', 'pipelineName' or 'endpoint'");
  }
  if (endpoint !== undefined) {
    const version = optionalText(body, 'version');
    return version === undefined ? { endpoint } : { endpoint, version };
  }
  return { pipelineId: pipelineId ?? pipelineName! };
}

function registerPublishedRoutes(router: Router, deps: PipelinesDeps | undefined): void {
  router.post('/api/pipelines', route(deps, async (req, res, d) => {
    const body = objectBody(req);
    if (body['definition'] === undefined) throw invalidArgument('/definition', 'is required');
    const published = await d.publishing.publish({
      definition: body['definition'],
      ...defined({
        files: decodeFiles(body['files']),
        name: optionalText(body, 'name'),
        description: optionalText(body, 'description'),
        version: optionalText(body, 'version'),
        continueOnStepFailure: typeof body['continueOnStepFailure'] === 'boolean' ? body['continueOnStepFailure'] : undefined,
      }),
    });
    sendJson(res, 201, plainValue(published));
  }));
  router.get('/api/published-pipelines', route(deps, (req, res, d) => {
    const activeOnly = queryText(req, 'activeOnly') === 'true';
    sendJson(res, 200, { value: plainValue(d.publishing.list({ activeOnly })) });
  }));
  router.get('/api/published-pipelines/:id', route(deps, (req, res, d) => sendJson(res, 200, plainValue(d.publishing.find(req.params['id'] as string)))));
  router.post('/api/published-pipelines/:id/disable', route(deps, (req, res, d) => sendJson(res, 200, plainValue(d.publishing.disable(d.publishing.find(req.params['id'] as string).id)))));
  router.post('/api/published-pipelines/:id/enable', route(deps, (req, res, d) => sendJson(res, 200, plainValue(d.publishing.enable(d.publishing.find(req.params['id'] as string).id)))));
}

function registerEndpointRoutes(router: Router, deps: PipelinesDeps | undefined): void {
  router.post('/api/pipeline-endpoints', route(deps, (req, res, d) => {
    const body = objectBody(req);
    const created = d.publishing.createEndpoint({ name: requiredText(body, 'name'), pipelineId: requiredText(body, 'pipelineId'), ...defined({ description: optionalText(body, 'description') }) });
    sendJson(res, 201, plainValue(created));
  }));
  router.get('/api/pipeline-endpoints', route(deps, (_req, res, d) => sendJson(res, 200, { value: plainValue(d.publishing.listEndpoints()) })));
  router.get('/api/pipeline-endpoints/:name', route(deps, (req, res, d) => sendJson(res, 200, plainValue(d.publishing.getEndpoint(req.params['name'] as string)))));
  router.post('/api/pipeline-endpoints/:name/versions', route(deps, (req, res, d) => {
    const body = objectBody(req);
    const endpoint = d.publishing.addEndpointVersion(req.params['name'] as string, requiredText(body, 'pipelineId'), body['makeDefault'] === true);
    sendJson(res, 200, plainValue(endpoint));
  }));
  router.put('/api/pipeline-endpoints/:name/default', route(deps, (req, res, d) => {
    const body = objectBody(req);
    sendJson(res, 200, plainValue(d.publishing.setEndpointDefault(req.params['name'] as string, requiredText(body, 'version'))));
  }));
  router.post('/api/pipeline-endpoints/:name/submit', route(deps, async (req, res, d) => {
    const body = objectBody(req);
    const version = optionalText(body, 'version');
    const run = await d.publishing.submit({ endpoint: req.params['name'] as string, ...defined({ version }) }, body);
    sendJson(res, 201, plainValue(run));
  }));
  router.get('/api/experiments', route(deps, (_req, res, d) => sendJson(res, 200, { value: plainValue(d.publishing.experiments()) })));
}

function registerRunRoutes(router: Router, deps: PipelinesDeps | undefined): void {
  const runOf = (d: PipelinesDeps, id: string) => {
    const run = d.runner.get(id);
    if (run === undefined) throw new ApiError(404, 'NotFound', `No pipeline run has the id '${id}'.`);
    return run;
  };
  router.get('/api/pipeline-runs', route(deps, (req, res, d) => {
    const pipeline = queryText(req, 'pipelineId');
    const experimentName = queryText(req, 'experiment');
    const top = queryText(req, 'top');
    if (top !== undefined && !/^[1-9]\d{0,3}$/.test(top)) throw invalidArgument('/query/top', 'must be an integer from 1 to 9999');
    const publishedPipelineId = pipeline === undefined ? undefined : d.publishing.find(pipeline).id;
    const runs = d.runner.listRuns(defined({ publishedPipelineId, experimentName, top: top === undefined ? undefined : Number(top) }));
    sendJson(res, 200, { value: plainValue(runs) });
  }));
  router.post('/api/pipeline-runs', route(deps, async (req, res, d) => {
    const body = objectBody(req);
    const target = submitTarget(body);
    const resolved = 'pipelineId' in target ? { pipelineId: d.publishing.find(target.pipelineId).id } : target;
    sendJson(res, 201, plainValue(await d.publishing.submit(resolved, body)));
  }));
  router.get('/api/pipeline-runs/:runId', route(deps, (req, res, d) => sendJson(res, 200, plainValue(runOf(d, req.params['runId'] as string)))));
  router.get('/api/pipeline-runs/:runId/steps', route(deps, (req, res, d) => {
    const runId = runOf(d, req.params['runId'] as string).id;
    sendJson(res, 200, { value: plainValue(d.runner.steps(runId)) });
  }));
  router.get('/api/pipeline-runs/:runId/steps/:step/logs', route(deps, (req, res, d) => {
    const runId = runOf(d, req.params['runId'] as string).id;
    const text = d.runner.log(runId, req.params['step'] as string);
    if (text === undefined) throw new ApiError(404, 'NotFound', `The run '${runId}' has no log for a step '${req.params['step']}'.`);
    res.status(200).type('text/plain; charset=utf-8').send(text);
  }));
  router.post('/api/pipeline-runs/:runId/cancel', route(deps, async (req, res, d) => {
    const runId = runOf(d, req.params['runId'] as string).id;
    await d.runner.cancel(runId);
    sendJson(res, 200, plainValue(runOf(d, runId)));
  }));
}

function roleAssignment(body: Body, principalId?: string): { principalId: string; scope: string; role: string } {
  return { principalId: principalId ?? requiredText(body, 'principalId'), scope: requiredText(body, 'scope'), role: requiredText(body, 'role') };
}

function registerRoleRoutes(router: Router, deps: PipelinesDeps | undefined): void {
  router.post('/api/role-assignments', route(deps, (req, res, d) => sendJson(res, 201, plainValue(d.roles.assign(roleAssignment(objectBody(req)))))));
  router.get('/api/role-assignments', route(deps, (req, res, d) => sendJson(res, 200, { value: plainValue(d.roles.list(queryText(req, 'principalId'))) })));
  router.delete('/api/role-assignments', route(deps, (req, res, d) => sendJson(res, 200, { deleted: d.roles.revoke(roleAssignment(objectBody(req))) })));
  router.get('/api/workflows/:name/identity', route(deps, (req, res, d) => {
    if (d.principals === undefined) throw new ApiError(404, 'IdentityNotConfigured', 'Managed identity is not configured on this instance.');
    const principal = d.principals.registerWorkflow(req.params['name'] as string);
    sendJson(res, 200, { principalId: principal.principalId, clientId: principal.clientId, tenantId: d.principals.tenantId, type: 'SystemAssigned', workflowName: req.params['name'] as string });
  }));
  router.post('/api/workflows/:name/identity/role-assignments', route(deps, (req, res, d) => {
    if (d.principals === undefined) throw new ApiError(404, 'IdentityNotConfigured', 'Managed identity is not configured on this instance.');
    const principal = d.principals.registerWorkflow(req.params['name'] as string);
    const assigned = d.roles.assign(roleAssignment(objectBody(req), principal.principalId));
    sendJson(res, 201, plainValue({ ...assigned, workflowName: req.params['name'] }));
  }));
}

export function registerPipelineManagementRoutes(router: Router, deps: PipelinesDeps | undefined): void {
  registerPublishedRoutes(router, deps);
  registerEndpointRoutes(router, deps);
  registerRunRoutes(router, deps);
  registerRoleRoutes(router, deps);
}

function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
