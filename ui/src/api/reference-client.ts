/**
 * Reference data the properties panel reads once per page: the connector types with their schemas
 * (`GET /api/connectors`) and the expression functions with their arities (`GET /api/functions`).
 * A failed load is forgotten so the next use asks again.
 */
import type { FunctionInfo } from '../expressions/autocomplete';
import { requestJson } from './http';
import { listConnectors, type ConnectorType } from './workflows-client';

let connectors: Promise<ConnectorType[]> | undefined;
let functions: Promise<FunctionInfo[]> | undefined;

export function cachedConnectors(): Promise<ConnectorType[]> {
  connectors ??= listConnectors().catch((e: unknown) => {
    connectors = undefined;
    throw e;
  });
  return connectors;
}

export function cachedFunctions(): Promise<FunctionInfo[]> {
  functions ??= requestJson<FunctionInfo[] | { value: FunctionInfo[] }>('GET', '/api/functions')
    .then((body) => (Array.isArray(body) ? body : body.value))
    .catch((e: unknown) => {
      functions = undefined;
      throw e;
    });
  return functions;
}
