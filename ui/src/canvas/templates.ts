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

const TRIGGERS: Record<string, () => JsonObject> = {
  request: () => ({ kind: 'Http', inputs: { schema: {} } }),
  recurrence: () => ({ recurrence: { frequency: 'Minute', interval: 1 } }),
};

export function newAction(type: string): JsonObject {
  const extra = ACTIONS[type.toLowerCase()]?.() ?? { inputs: {} };
  return { type, ...extra, runAfter: {} };
}

export function newTrigger(type: string): JsonObject {
  const extra = TRIGGERS[type.toLowerCase()]?.() ?? { inputs: {} };
  return { type, ...extra };
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
