/**
 * Finds the workflow definition inside the documents people actually have on disk: a bare
 * definition, a Standard `workflow.json` (`{ "definition", "kind" }`, also Sluice's own PUT body),
 * an ARM `Microsoft.Logic/workflows` resource or REST body (`{ "properties": { "definition" } }`),
 * or a whole ARM template holding one such resource. Pointers of issues are relative to the
 * document, so `basePointer` says where the definition sits in it.
 */
import { issue, type Issue } from './issue.js';
import { pointerOf } from './json-pointer.js';

export interface Unwrapped {
  readonly definition: Record<string, unknown>;
  readonly basePointer: string;
  /** `Stateful` / `Stateless` of a Standard workflow.json, when given. */
  readonly kind?: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const WORKFLOW_RESOURCE = 'microsoft.logic/workflows';

export function unwrapDefinition(doc: unknown): Unwrapped | Issue {
  if (!isPlainObject(doc)) {
    return issue('NotADefinition', '', `expected a workflow definition (a JSON object), got ${describe(doc)}`);
  }
  if (isPlainObject(doc['definition'])) {
    const kind = typeof doc['kind'] === 'string' ? doc['kind'] : undefined;
    return { definition: doc['definition'], basePointer: '/definition', ...(kind ? { kind } : {}) };
  }
  const properties = doc['properties'];
  if (isPlainObject(properties) && isPlainObject(properties['definition'])) {
    return { definition: properties['definition'], basePointer: '/properties/definition' };
  }
  if (Array.isArray(doc['resources'])) return fromArmTemplate(doc['resources']);
  return { definition: doc, basePointer: '' };
}

function fromArmTemplate(resources: unknown[]): Unwrapped | Issue {
  const found: number[] = [];
  resources.forEach((r, i) => {
    if (isPlainObject(r) && typeof r['type'] === 'string' && r['type'].toLowerCase() === WORKFLOW_RESOURCE) {
      const props = r['properties'];
      if (isPlainObject(props) && isPlainObject(props['definition'])) found.push(i);
    }
  });
  if (found.length === 1) {
    const i = found[0]!;
    const props = (resources[i] as Record<string, unknown>)['properties'] as Record<string, unknown>;
    return { definition: props['definition'] as Record<string, unknown>, basePointer: pointerOf('resources', i, 'properties', 'definition') };
  }
  const what = found.length === 0 ? 'no Microsoft.Logic/workflows resource with a definition' : `${found.length} Microsoft.Logic/workflows resources`;
  return issue('NotADefinition', '/resources', `this ARM template holds ${what}; pass one workflow definition (properties.definition of one resource)`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}
