/**
 * `GET /api/connectors`: every trigger and action type Sluice runs, with the JSON Schema of its
 * definition (what the validator checks) — what the designer's catalogue and forms read.
 */
import type { Router } from 'express';
import type { TypeDeclaration } from '../../../connectors/type-declaration.js';
import type { Value } from '../../expressions/value.js';
import { sendJson } from '../json-response.js';

export interface ConnectorTypes {
  actions: readonly TypeDeclaration[];
  triggers: readonly TypeDeclaration[];
}

function resource(declaration: TypeDeclaration): Record<string, unknown> {
  const { matches: _matches, ...plain } = declaration;
  return plain;
}

export function registerConnectorRoutes(router: Router, types: ConnectorTypes | undefined): void {
  router.get('/api/connectors', (_req, res) => {
    const value = types === undefined ? [] : [...types.triggers, ...types.actions].map(resource);
    sendJson(res, 200, { value } as unknown as Value);
  });
}
