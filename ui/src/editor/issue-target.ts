/**
 * Which card a validation issue points at. Pointers are relative to the definition
 * (`/actions/A/inputs`, `/actions/Scope/actions/B/runAfter`, `/actions/If/else/actions/C`,
 * `/actions/Sw/cases/x/actions/D`, `/triggers/manual/inputs`); the deepest action named wins.
 */
import { indexActions, type WorkflowDefinition } from '../graph/index.js';
import { isObject } from '../graph/json.js';

const unescape = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

export function issueNodeId(definition: WorkflowDefinition, pointer: string | undefined): string | undefined {
  if (pointer === undefined || pointer === '') return undefined;
  const segments = pointer.replace(/^\/(properties\/)?definition(?=\/|$)/, '').split('/').slice(1).map(unescape);
  if (segments[0] === 'triggers' && segments[1] !== undefined) {
    const triggers = definition['triggers'];
    return isObject(triggers) && segments[1] in triggers ? `trigger:${segments[1]}` : undefined;
  }
  const actions = indexActions(definition);
  let found: string | undefined;
  for (let i = 0; i + 1 < segments.length; i++) {
    if (segments[i] === 'actions' && actions.has(segments[i + 1]!)) found = segments[i + 1];
  }
  return found === undefined ? undefined : `action:${found}`;
}
