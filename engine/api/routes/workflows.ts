/**
 * `/api/workflows[/{name}[/enable|/disable|/versions]]`: parse, call the workflow service,
 * serialise as Logic Apps resources.
 */
import type { Router } from 'express';
import { badRequest } from '../api-error.js';
import { sendJson } from '../json-response.js';
import { parseWorkflowName, parseWorkflowPut } from '../parse-request.js';
import { jsonBody } from '../request-body.js';
import { workflowResource, workflowVersionResource } from '../resources/workflow-resource.js';
import * as workflows from '../services/workflow-service.js';
import type { ManagementDeps } from '../services/workflow-service.js';

/** A workflow's entity tag is its version, quoted: `"3"`. */
const etag = (version: number): string => `"${version}"`;

/** `If-Match: "3"` (or `W/"3"`, or a bare `3`) → 3; absent or `*` → unconditional. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) throw badRequest('InvalidArgument', `If-Match: expected a workflow version such as "3", got '${header}'`);
  return Number(match[1]);
}

export function registerWorkflowRoutes(router: Router, deps: ManagementDeps): void {
  router.get('/api/workflows', async (_req, res) => {
    const list = await workflows.listWorkflows(deps);
    sendJson(res, 200, { value: list.map(workflowResource) });
  });

  router.put('/api/workflows/:name', async (req, res) => {
    const name = parseWorkflowName(req.params.name);
    const put = parseWorkflowPut(jsonBody(req));
    const ifMatch = parseIfMatch(req.get('if-match'));
    const { created, workflow } = await workflows.putWorkflow({ ...deps, name, put, ...(ifMatch === undefined ? {} : { ifMatch }) });
    res.set('ETag', etag(workflow.version));
    sendJson(res, created ? 201 : 200, workflowResource(workflow));
  });

  router.get('/api/workflows/:name', async (req, res) => {
    const workflow = await workflows.getWorkflow({ ...deps, name: req.params.name });
    res.set('ETag', etag(workflow.version));
    sendJson(res, 200, workflowResource(workflow));
  });

  router.delete('/api/workflows/:name', async (req, res) => {
    await workflows.deleteWorkflow({ ...deps, name: req.params.name });
    res.status(204).end();
  });

  router.post('/api/workflows/:name/enable', async (req, res) => {
    sendJson(res, 200, workflowResource(await workflows.setWorkflowState({ ...deps, name: req.params.name, state: 'Enabled' })));
  });

  router.post('/api/workflows/:name/disable', async (req, res) => {
    sendJson(res, 200, workflowResource(await workflows.setWorkflowState({ ...deps, name: req.params.name, state: 'Disabled' })));
  });

  router.get('/api/workflows/:name/versions', async (req, res) => {
    const versions = await workflows.listWorkflowVersions({ ...deps, name: req.params.name });
    sendJson(res, 200, { value: versions.map(workflowVersionResource) });
  });
}
