/**
 * `/api/workflows/{name}/triggers/{trigger}/run|histories`: fire a trigger by hand (202 with the
 * run id and a Location to poll) and page through its history.
 */
import type { Router } from 'express';
import { sendJson } from '../json-response.js';
import { parsePageQuery, requestHeaders, requestQueries } from '../parse-request.js';
import { triggerBody } from '../request-body.js';
import { triggerPath } from '../resources/paths.js';
import { triggerHistoryResource } from '../resources/trigger-history-resource.js';
import * as triggers from '../services/trigger-service.js';
import type { ManagementDeps } from '../services/workflow-service.js';
import type { TriggerOutputs } from '../../runtime/engine-types.js';
import { sendAccepted } from './runs.js';

export function registerTriggerRoutes(router: Router, deps: ManagementDeps & { baseUrl: string }): void {
  router.post('/api/workflows/:name/triggers/:trigger/run', async (req, res) => {
    const outputs: TriggerOutputs = { headers: requestHeaders(req), queries: requestQueries(req) };
    const body = triggerBody(req);
    if (body !== undefined) outputs.body = body;
    const { runId } = await triggers.fireTrigger({ ...deps, workflowName: req.params.name, triggerName: req.params.trigger, outputs });
    sendAccepted(res, deps.baseUrl, req.params.name, runId);
  });

  router.get('/api/workflows/:name/triggers/:trigger/histories', async (req, res) => {
    const page = parsePageQuery(req);
    const found = await triggers.listTriggerHistories({ ...deps, workflowName: req.params.name, triggerName: req.params.trigger, page });
    const value = found.page.value.map(triggerHistoryResource);
    if (found.page.nextSkipToken === undefined) return sendJson(res, 200, { value });
    const params = new URLSearchParams();
    if (page.top !== undefined) params.set('top', String(page.top));
    params.set('skipToken', found.page.nextSkipToken);
    sendJson(res, 200, { value, nextLink: `${triggerPath(req.params.name, found.triggerName)}/histories?${params.toString()}` });
  });
}
