/**
 * Flattens the nested actions of a definition into a list of sites, each knowing its container.
 * Logic Apps keeps action names global across scopes but resolves `runAfter` only among siblings
 * of one container (a Scope body, an If branch, a Switch case, a loop body, the top level), so
 * the checks need both views.
 */
import { childPointer } from './json-pointer.js';
import { isPlainObject } from './unwrap.js';

export interface Container {
  /** Pointer of the `actions` object (relative to the definition). */
  readonly pointer: string;
  /** The control action owning it; undefined at the top level. */
  readonly owner?: string;
  /** Human label: `the top level`, `the else branch of 'Check'`, `case 'A' of 'Route'`. */
  readonly label: string;
  readonly names: readonly string[];
}

export interface ActionSite {
  readonly name: string;
  readonly node: Record<string, unknown>;
  readonly type: string;
  /** Pointer of the action object (relative to the definition). */
  readonly pointer: string;
  readonly container: Container;
  /** Enclosing control actions, outermost first. */
  readonly ancestors: readonly ActionSite[];
}

export function collectActions(definition: Record<string, unknown>): ActionSite[] {
  const sites: ActionSite[] = [];
  const top = definition['actions'];
  if (isPlainObject(top)) visitContainer(top, { pointer: '/actions', label: 'the top level', names: Object.keys(top) }, [], sites);
  return sites;
}

function visitContainer(actions: Record<string, unknown>, container: Container, ancestors: ActionSite[], out: ActionSite[]): void {
  for (const [name, node] of Object.entries(actions)) {
    if (!isPlainObject(node)) continue;
    const site: ActionSite = {
      name,
      node,
      type: typeof node['type'] === 'string' ? node['type'] : '',
      pointer: childPointer(container.pointer, name),
      container,
      ancestors,
    };
    out.push(site);
    for (const [body, child] of bodiesOf(site)) visitContainer(body, child, [...ancestors, site], out);
  }
}

/** The nested containers of one action, whatever its type (unknown types may still nest). */
function bodiesOf(site: ActionSite): [Record<string, unknown>, Container][] {
  const found: [Record<string, unknown>, Container][] = [];
  const add = (value: unknown, pointer: string, label: string): void => {
    if (isPlainObject(value)) found.push([value, { pointer, owner: site.name, label, names: Object.keys(value) }]);
  };
  const { node, pointer, name } = site;
  add(node['actions'], childPointer(pointer, 'actions'), `the body of '${name}'`);
  if (isPlainObject(node['else'])) add(node['else']['actions'], childPointer(pointer, 'else', 'actions'), `the else branch of '${name}'`);
  if (isPlainObject(node['default'])) add(node['default']['actions'], childPointer(pointer, 'default', 'actions'), `the default case of '${name}'`);
  for (const key of ['cases', 'tools'] as const) {
    const group = node[key];
    if (!isPlainObject(group)) continue;
    for (const [caseName, branch] of Object.entries(group)) {
      if (!isPlainObject(branch)) continue;
      const what = key === 'cases' ? 'case' : 'tool';
      add(branch['actions'], childPointer(pointer, key, caseName, 'actions'), `${what} '${caseName}' of '${name}'`);
    }
  }
  return found;
}

/** Trigger entries as [name, node, pointer]. */
export function collectTriggers(definition: Record<string, unknown>): [string, Record<string, unknown>, string][] {
  const triggers = definition['triggers'];
  if (!isPlainObject(triggers)) return [];
  return Object.entries(triggers)
    .filter((e): e is [string, Record<string, unknown>] => isPlainObject(e[1]))
    .map(([name, node]) => [name, node, childPointer('/triggers', name)]);
}
