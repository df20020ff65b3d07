/**
 * A definition with one action's or trigger's `inputs` replaced in place: the key keeps its position
 * (a merge patch would merge objects, and remove-then-add would move the key to the end), so an edit
 * in the panel changes nothing but the inputs.
 */
import { indexActions, type Json, type JsonObject, type WorkflowDefinition } from '../graph/index.js';
import { isObject } from '../graph/json.js';

export function withInputs(node: JsonObject, inputs: Json | undefined): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(node)) {
    if (key !== 'inputs') out[key] = node[key]!;
    else if (inputs !== undefined) out[key] = inputs;
  }
  if (inputs !== undefined && !('inputs' in node)) out['inputs'] = inputs;
  return out;
}

export function setInputs(definition: WorkflowDefinition, nodeId: string, inputs: Json | undefined): WorkflowDefinition {
  const copy = JSON.parse(JSON.stringify(definition)) as WorkflowDefinition;
  const name = nodeId.slice(nodeId.indexOf(':') + 1);
  if (nodeId.startsWith('trigger:')) {
    const triggers = copy['triggers'];
    if (isObject(triggers) && isObject(triggers[name])) replaceEntry(triggers, name, withInputs(triggers[name], inputs));
    return copy;
  }
  const site = indexActions(copy).get(name);
  if (site) replaceEntry(site.siblings, name, withInputs(site.action, inputs));
  return copy;
}

function replaceEntry(target: JsonObject, key: string, value: JsonObject): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
