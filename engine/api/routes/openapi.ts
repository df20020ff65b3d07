/**
 * The API's own description: the OpenAPI file at `/api/openapi.json`, and beside it the workflow
 * definition schema it refers to by the relative name `workflow-definition.schema.json`, so the
 * reference resolves both on disk and over HTTP.
 */
import type { Router } from 'express';
import openapi from '../../../definitions/schema/management-api.openapi.json' with { type: 'json' };
import definitionSchema from '../../../definitions/schema/workflow-definition.schema.json' with { type: 'json' };

export function registerOpenApiRoutes(router: Router): void {
  const openapiText = JSON.stringify(openapi);
  const schemaText = JSON.stringify(definitionSchema);
  router.get('/api/openapi.json', (_req, res) => {
    res.status(200).type('application/json; charset=utf-8').send(openapiText);
  });
  router.get('/api/workflow-definition.schema.json', (_req, res) => {
    res.status(200).type('application/schema+json; charset=utf-8').send(schemaText);
  });
}
