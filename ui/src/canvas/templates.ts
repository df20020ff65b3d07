/**
 * The JSON a new action or trigger starts with: enough for control actions to have their bodies
 * and lanes, and a name not yet used in the definition (names are unique across all containers).
 */
import { indexActions, type JsonObject, type WorkflowDefinition } from '../graph/index.js';
import { isObject as isObjectJson } from '../graph/json.js';

const ACTIONS: Record<string, () => JsonObject> = {
  compose: () => ({ inputs: '' }),
  http: () => ({ inputs: { method: 'GET', uri: 'https://example.com' } }),
  if: () => ({ expression: { and: [{ equals: [true, true] }] }, actions: {}, else: { actions: {} } }),
  switch: () => ({ expression: "@triggerBody()?['kind']", cases: { Case: { case: 'a', actions: {} } }, default: { actions: {} } }),
  foreach: () => ({ foreach: '@triggerBody()', actions: {} }),
  until: () => ({ expression: '@equals(1, 1)', limit: { count: 60, timeout: 'PT1H' }, actions: {} }),
  scope: () => ({ actions: {} }),
  initializevariable: () => ({ inputs: { variables: [{ name: 'value', type: 'string', value: '' }] } }),
  setvariable: () => ({ inputs: { name: 'value', value: '' } }),
  response: () => ({ kind: 'Http', inputs: { statusCode: 200, body: '' } }),
  parsejson: () => ({ inputs: { content: '@triggerBody()', schema: {} } }),
  wait: () => ({ inputs: { interval: { count: 1, unit: 'Second' } } }),
  terminate: () => ({ inputs: { runStatus: 'Succeeded' } }),
};

const EVERY_MINUTE = (): JsonObject => ({ frequency: 'Minute', interval: 1 });

const TRIGGERS: Record<string, () => JsonObject> = {
  request: () => ({ kind: 'Http', inputs: { schema: {} } }),
  recurrence: () => ({ recurrence: EVERY_MINUTE() }),
  sluiceblobaddedormodified: () => ({
    inputs: { connection: 'azureblob', container: 'workspace', maxFileCount: 10 },
    recurrence: EVERY_MINUTE(),
    splitOn: '@triggerBody()',
  }),
};

/** Managed-connector triggers (`ApiConnection`), by their connector name. */
const API_CONNECTION_TRIGGERS: Record<string, () => JsonObject> = {
  azureblob: () => ({
    inputs: {
      host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } },
      method: 'get',
      path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/triggers/batch/onupdatedfile",
      queries: { folderId: '/workspace', maxFileCount: 10 },
    },
    recurrence: EVERY_MINUTE(),
    splitOn: '@triggerBody()',
  }),
};

export function newAction(type: string): JsonObject {
  const extra = ACTIONS[type.toLowerCase()]?.() ?? { inputs: {} };
  return { type, ...extra, runAfter: {} };
}

/** `connector` names the managed connector of an `ApiConnection` trigger (e.g. `azureblob`). */
export function newTrigger(type: string, connector?: string): JsonObject {
  const managed = type.toLowerCase() === 'apiconnection' && connector !== undefined ? API_CONNECTION_TRIGGERS[connector.toLowerCase()] : undefined;
  const extra = managed?.() ?? TRIGGERS[type.toLowerCase()]?.() ?? { inputs: {} };
  return { type, ...extra };
}

/** Whether a new node names `$connections` (a managed connector), so the definition must declare it. */
export function needsConnectionsParameter(node: JsonObject): boolean {
  return JSON.stringify(node).includes("parameters('$connections')");
}

/** The definition with a `$connections` parameter declared (itself when it already has one). */
export function withConnectionsParameter(definition: WorkflowDefinition): WorkflowDefinition {
  const parameters = isObjectJson(definition['parameters']) ? definition['parameters'] : {};
  if (Object.prototype.hasOwnProperty.call(parameters, '$connections')) return definition;
  return { ...definition, parameters: { ...parameters, $connections: { type: 'Object', defaultValue: {} } } };
}

/** `Compose`, then `Compose_2`, `Compose_3`… whichever is free in the whole definition. */
export function freshName(definition: WorkflowDefinition, base: string): string {
  const taken = new Set(indexActions(definition).keys());
  const triggers = definition['triggers'];
  if (isObjectJson(triggers)) for (const name of Object.keys(triggers)) taken.add(name);
  const stem = base.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'Action';
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}
