/**
 * Where actions live in a definition. Logic Apps keeps action names unique across the whole
 * definition but resolves `runAfter` only among the siblings of one container: the top level, a
 * Scope/Foreach/Until body, an If branch, a Switch case or default, an Agent tool. Nesting is found
 * from the JSON's shape, not from the type, so an unknown type that nests actions still shows them.
 */
import { isObject, setOwn, type JsonObject, type WorkflowDefinition } from './json.js';

/** One container of actions, named the way an edit addresses it. */
export type ContainerRef =
  | { readonly kind: 'root' }
  /** A Scope/Foreach/Until body, or the true branch of an If. */
  | { readonly kind: 'actions'; readonly owner: string }
  | { readonly kind: 'else'; readonly owner: string }
  | { readonly kind: 'case'; readonly owner: string; readonly case: string }
  | { readonly kind: 'default'; readonly owner: string }
  | { readonly kind: 'tool'; readonly owner: string; readonly tool: string };

/** How an action draws: a card, a box around its body, or a box of side-by-side lanes. */
export type ActionShape = 'card' | 'body' | 'if' | 'switch' | 'tools';

export interface ActionSite {
  readonly name: string;
  readonly action: JsonObject;
  /** The `actions` object holding it (mutable only on a draft). */
  readonly siblings: JsonObject;
  readonly container: ContainerRef;
  /** Enclosing actions, outermost first. */
  readonly ancestors: readonly string[];
}

export function typeOf(action: JsonObject): string {
  return typeof action['type'] === 'string' ? action['type'] : '';
}

export function shapeOf(action: JsonObject): ActionShape {
  const type = typeOf(action).toLowerCase();
  if (type === 'if' || isObject(action['else'])) return 'if';
  if (type === 'switch' || isObject(action['cases'])) return 'switch';
  if (isObject(action['tools'])) return 'tools';
  if (type === 'scope' || type === 'foreach' || type === 'until' || isObject(action['actions'])) return 'body';
  return 'card';
}

/** The containers an action shows, in reading order; If and Switch show empty lanes too. */
export function containersOf(name: string, action: JsonObject): ContainerRef[] {
  switch (shapeOf(action)) {
    case 'card':
      return [];
    case 'body':
      return [{ kind: 'actions', owner: name }];
    case 'if':
      return [{ kind: 'actions', owner: name }, { kind: 'else', owner: name }];
    case 'switch': {
      const cases = isObject(action['cases']) ? Object.keys(action['cases']) : [];
      return [...cases.map((c): ContainerRef => ({ kind: 'case', owner: name, case: c })), { kind: 'default', owner: name }];
    }
    case 'tools': {
      const tools = isObject(action['tools']) ? Object.keys(action['tools']) : [];
      const own: ContainerRef[] = isObject(action['actions']) ? [{ kind: 'actions', owner: name }] : [];
      return [...own, ...tools.map((t): ContainerRef => ({ kind: 'tool', owner: name, tool: t }))];
    }
  }
}

/**
 * The `actions` object of one container of `action`. With `create`, a missing else branch, default
 * case or body is added (an edit that drops a card into an empty lane); a missing case is not.
 */
export function bodyOf(action: JsonObject, ref: ContainerRef, create = false): JsonObject | undefined {
  const holder = holderOf(action, ref, create);
  if (!holder) return undefined;
  if (isObject(holder['actions'])) return holder['actions'];
  if (!create) return undefined;
  const fresh: JsonObject = {};
  setOwn(holder, 'actions', fresh);
  return fresh;
}

function holderOf(action: JsonObject, ref: ContainerRef, create: boolean): JsonObject | undefined {
  switch (ref.kind) {
    case 'root':
      return undefined;
    case 'actions':
      return action;
    case 'case':
      return pick(action['cases'], ref.case);
    case 'tool':
      return pick(action['tools'], ref.tool);
    case 'else':
    case 'default': {
      const existing = action[ref.kind];
      if (isObject(existing)) return existing;
      if (!create) return undefined;
      const fresh: JsonObject = {};
      setOwn(action, ref.kind, fresh);
      return fresh;
    }
  }
}

function pick(group: unknown, key: string): JsonObject | undefined {
  if (!isObject(group) || !Object.prototype.hasOwnProperty.call(group, key)) return undefined;
  const value = group[key];
  return isObject(value) ? value : undefined;
}

/** Every action of the definition, parents before children, in key order. */
export function collectActions(definition: WorkflowDefinition): ActionSite[] {
  const out: ActionSite[] = [];
  const top = definition['actions'];
  if (isObject(top)) visit(top, { kind: 'root' }, [], out);
  return out;
}

function visit(siblings: JsonObject, container: ContainerRef, ancestors: readonly string[], out: ActionSite[]): void {
  for (const name of Object.keys(siblings)) {
    const action = siblings[name];
    if (!isObject(action)) continue;
    out.push({ name, action, siblings, container, ancestors });
    const inner = [...ancestors, name];
    for (const ref of containersOf(name, action)) {
      const body = bodyOf(action, ref);
      if (body) visit(body, ref, inner, out);
    }
  }
}

/** Name → site; the first site wins when an (invalid) definition repeats a name. */
export function indexActions(definition: WorkflowDefinition): Map<string, ActionSite> {
  const index = new Map<string, ActionSite>();
  for (const site of collectActions(definition)) if (!index.has(site.name)) index.set(site.name, site);
  return index;
}

export function sameContainer(a: ContainerRef, b: ContainerRef): boolean {
  return containerKey(a) === containerKey(b);
}

/** A stable string for a container, used in node ids and comparisons. */
export function containerKey(ref: ContainerRef): string {
  switch (ref.kind) {
    case 'root':
      return 'root';
    case 'actions':
    case 'else':
    case 'default':
      return `${ref.kind}:${encodeURIComponent(ref.owner)}`;
    case 'case':
      return `case:${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.case)}`;
    case 'tool':
      return `tool:${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.tool)}`;
  }
}
