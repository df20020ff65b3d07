/**
 * Property names offered inside `?['…` after trigger and action outputs: a Request trigger's body
 * schema, a connector's `outputSchema`, a ParseJson action's schema. Pure.
 */
import { indexActions, type WorkflowDefinition } from '../graph/index.js';
import { isObject, type Json, type JsonObject } from '../graph/json.js';

export interface OutputSchemas {
  /** `outputSchema` of each trigger type (from `GET /api/connectors`). */
  readonly triggers: Readonly<Record<string, JsonObject | undefined>>;
}

const BLOB_TRIGGER = 'SluiceBlobAddedOrModified';

function propertiesOf(schema: Json | undefined, unwrapArray: boolean): string[] {
  if (!isObject(schema)) return [];
  if (unwrapArray && schema['type'] === 'array') return propertiesOf(schema['items'], false);
  return isObject(schema['properties']) ? Object.keys(schema['properties']) : [];
}

function firstTrigger(definition: WorkflowDefinition): JsonObject | undefined {
  const triggers = definition['triggers'];
  if (!isObject(triggers)) return undefined;
  const first = Object.values(triggers)[0];
  return isObject(first) ? first : undefined;
}

/** The keys of the trigger's body (of one item when the body is an array, as with splitOn). */
export function triggerBodyKeys(definition: WorkflowDefinition, schemas: OutputSchemas): string[] {
  const trigger = firstTrigger(definition);
  if (!trigger) return [];
  const type = typeof trigger['type'] === 'string' ? trigger['type'] : '';
  const inputs = isObject(trigger['inputs']) ? trigger['inputs'] : {};
  if (type === 'Request') return propertiesOf(inputs['schema'], false);
  let output = schemas.triggers[type];
  // The Logic Apps blob connector's trigger returns the same blob properties as Sluice's own.
  if (!output && type === 'ApiConnection' && typeof inputs['path'] === 'string' && /\/triggers\/batch\/on(updated|new)file/i.test(inputs['path'])) output = schemas.triggers[BLOB_TRIGGER];
  return output && isObject(output['properties']) ? propertiesOf(output['properties']['body'], true) : [];
}

/** Keys offered after `base` (the call and any `['…']` steps before the open bracket). */
export function propertyKeysFor(base: string, definition: WorkflowDefinition, schemas: OutputSchemas): string[] {
  const b = base.replace(/\?/g, '');
  if (b === 'triggerBody()' || b === "triggerOutputs()['body']") return triggerBodyKeys(definition, schemas);
  if (b === 'triggerOutputs()' || b === 'trigger()[\'outputs\']') return ['headers', 'body'];
  if (b === 'trigger()') return ['outputs', 'inputs', 'name', 'startTime', 'endTime', 'status'];
  const call = /^(body|outputs|actions)\('((?:[^']|'')*)'\)$/.exec(b);
  if (!call) return [];
  if (call[1] === 'outputs') return ['statusCode', 'headers', 'body'];
  if (call[1] === 'actions') return ['inputs', 'outputs', 'status', 'code', 'error', 'startTime', 'endTime'];
  const action = indexActions(definition).get(call[2]!.replace(/''/g, "'"))?.action;
  if (action && action['type'] === 'ParseJson' && isObject(action['inputs'])) return propertiesOf(action['inputs']['schema'], true);
  return [];
}
