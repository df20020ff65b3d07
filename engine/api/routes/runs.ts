/**
 * `/api/workflows/{name}/runs...`: run history, one run, its actions and repetitions, cancel and
 * resubmit. Lists page Logic Apps style: `{ value, nextLink? }`, the link relative and carrying
 * the skip token with the filters of the request.
 */
import type { Response, Router } from 'express';
import type { RunQuery } from '../../store/store.js';
import { sendJson } from '../json-response.js';
import { parseRunQuery } from '../parse-request.js';
import { actionResource, repetitionResource } from '../resources/action-resource.js';
import { runPath, workflowPath } from '../resources/paths.js';
import { runResource } from '../resources/run-resource.js';
import * as runs from '../services/run-service.js';
import type { ManagementDeps } from '../services/workflow-service.js';

function runsNextLink(workflowName: string, query: RunQuery, skipToken: string): string {
  const params = new URLSearchParams();
  if (query.status !== undefined) params.set('status', query.status);
  if (query.top !== undefined) params.set('top', String(query.top));
  if (query.from !== undefined) params.set('startTimeFrom', query.from);
  if (query.to !== undefined) params.set('startTimeTo', query.to);
  params.set('skipToken', skipToken);
  return `${workflowPath(workflowName)}/runs?${params.toString()}`;
}

/** 202 with the new run's id and where to read it. */
export function sendAccepted(res: Response, baseUrl: string, workflowName: string, runId: string): void {
  res.location(`${baseUrl}${runPath(workflowName, runId)}`);
  sendJson(res, 202, { runId });
}

export function registerRunRoutes(router: Router, deps: ManagementDeps & { baseUrl: string }): void {
  router.get('/api/workflows/:name/runs', async (req, res) => {
    const query = parseRunQuery(req);
    const { page, definitions } = await runs.listRuns({ ...deps, workflowName: req.params.name, query });
    const value = page.value.map((run) => runResource(req.params.name, run, { definition: definitions.get(run.workflowVersion) }));
    const nextLink = page.nextSkipToken === undefined ? undefined : runsNextLink(req.params.name, query, page.nextSkipToken);
    sendJson(res, 200, nextLink === undefined ? { value } : { value, nextLink });
  });

  router.get('/api/workflows/:name/runs/:runId', async (req, res) => {
    const detail = await runs.getRun({ ...deps, workflowName: req.params.name, runId: req.params.runId });
    sendJson(res, 200, runResource(req.params.name, detail.run, { definition: detail.definition, triggerOutputs: detail.triggerOutputs }));
  });

  router.get('/api/workflows/:name/runs/:runId/actions', async (req, res) => {
    const { rows, loops } = await runs.listRunActions({ ...deps, workflowName: req.params.name, runId: req.params.runId });
    const place = (name: string) => ({ workflowName: req.params.name, runId: req.params.runId, loops: loops.get(name) ?? [] });
    sendJson(res, 200, { value: rows.map((row) => actionResource(row, place(row.name))) });
  });

  router.get('/api/workflows/:name/runs/:runId/actions/:action', async (req, res) => {
    const { attempts, loops } = await runs.getRunAction({ ...deps, workflowName: req.params.name, runId: req.params.runId, action: req.params.action });
    const place = { workflowName: req.params.name, runId: req.params.runId, loops };
    sendJson(res, 200, actionResource(attempts[attempts.length - 1]!, place, attempts.slice(0, -1)));
  });

  router.get('/api/workflows/:name/runs/:runId/actions/:action/repetitions', async (req, res) => {
    const history = await runs.listActionRepetitions({ ...deps, workflowName: req.params.name, runId: req.params.runId, action: req.params.action });
    const place = { workflowName: req.params.name, runId: req.params.runId, loops: history.loops };
    sendJson(res, 200, { value: history.executions.map((attempts) => repetitionResource(attempts, place)) });
  });

  router.post('/api/workflows/:name/runs/:runId/cancel', async (req, res) => {
    const run = await runs.cancelRun({ ...deps, workflowName: req.params.name, runId: req.params.runId });
    sendJson(res, 200, runResource(req.params.name, run));
  });

  router.post('/api/workflows/:name/runs/:runId/resubmit', async (req, res) => {
    const { runId } = await runs.resubmitRun({ ...deps, workflowName: req.params.name, runId: req.params.runId });
    sendAccepted(res, deps.baseUrl, req.params.name, runId);
  });
}
