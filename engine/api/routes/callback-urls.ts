/**
 * `POST /api/workflows/{name}/triggers/{trigger}/listCallbackUrl` — a request trigger's signed URL,
 * in Logic Apps' shape `{ value, method, basePath, queries, relativePath?, relativePathParameters? }`
 * — and `POST /api/workflows/{name}/regenerateAccessKey`, which rotates the workflow's key so that
 * every URL given out before stops working.
 */
import type { Request, Router } from 'express';
import { isObject } from '../../expressions/value.js';
import { sendJson } from '../json-response.js';
import { jsonBody } from '../request-body.js';
import { listCallbackUrl, regenerateAccessKey } from '../services/request-trigger-service.js';
import type { ManagementDeps } from '../services/workflow-service.js';

/** Where callers reach this server: the configured base URL, else the request's own host. */
function publicBase(req: Request, baseUrl: string): string {
  return baseUrl !== '' ? baseUrl : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function registerCallbackUrlRoutes(router: Router, deps: ManagementDeps & { baseUrl: string }): void {
  router.post('/api/workflows/:name/triggers/:trigger/listCallbackUrl', async (req, res) => {
    const url = listCallbackUrl({ ...deps, workflowName: req.params.name, triggerName: req.params.trigger, base: publicBase(req, deps.baseUrl) });
    const body = { value: url.value, method: url.method, basePath: url.basePath, queries: { ...url.queries } };
    sendJson(res, 200, url.relativePath === undefined ? body : { ...body, relativePath: url.relativePath, relativePathParameters: url.relativePathParameters ?? [] });
  });

  router.post('/api/workflows/:name/regenerateAccessKey', async (req, res) => {
    const body = jsonBody(req);
    const keyType = isObject(body) ? body['keyType'] : undefined;
    regenerateAccessKey({ ...deps, workflowName: req.params.name, keyType });
    res.status(200).end();
  });
}
