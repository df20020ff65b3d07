/**
 * The API's own description: the OpenAPI file at `/api/openapi.json`, and beside it the workflow
 * definition schema it refers to by the relative name `workflow-definition.schema.json`, so the
 * reference resolves both on disk and over HTTP.
 *
 * The OpenAPI file (a quarter of a megabyte) is read at its first request and kept as text, not
 * imported: an imported JSON module stays parsed in the heap for the life of the process, and
 * most servers are never asked for their description.
 */
import { readFile } from 'node:fs/promises';
import type { Router } from 'express';
import definitionSchema from '../../../definitions/schema/workflow-definition.schema.json' with { type: 'json' };

/** definitions/schema of the checkout (dist/engine/api/routes → the repository root). */
const OPENAPI_FILE = new URL('../../../../definitions/schema/management-api.openapi.json', import.meta.url);

let openapiText: Promise<string> | undefined;
let schemaText: string | undefined;

/** The OpenAPI document as compact JSON; a failed read is retried at the next request. */
function openapi(): Promise<string> {
  openapiText ??= readFile(OPENAPI_FILE, 'utf8').then(
    (text) => JSON.stringify(JSON.parse(text)),
    (err: unknown) => {
      openapiText = undefined;
      throw err;
    },
  );
  return openapiText;
}

export function registerOpenApiRoutes(router: Router): void {
  router.get('/api/openapi.json', async (_req, res) => {
    res.status(200).type('application/json; charset=utf-8').send(await openapi());
  });
  router.get('/api/workflow-definition.schema.json', (_req, res) => {
    // The schema itself is in memory anyway (the definition loader imports it); only its text is made here.
    schemaText ??= JSON.stringify(definitionSchema);
    res.status(200).type('application/schema+json; charset=utf-8').send(schemaText);
  });
}
