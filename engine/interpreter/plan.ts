/**
 * The execution plan of a compiled workflow: for every container of actions, its actions and who
 * runs after whom; for every action, its place (container, enclosing loops) and compiled inputs.
 * Derived once per workflow version and shared by all its runs.
 */
import type { CompiledWorkflow } from '../../definitions/compiled.js';
import { compileJson, type JsonEvaluator } from './json-evaluator.js';

export interface ContainerPlan {
  pointer: string;
  /** The control action owning it; undefined for the top level. */
  owner?: string;
  names: string[];
  /** Actions with no runAfter entries: they start when the container starts. */
  roots: string[];
  /** Action → the siblings that run after it. */
  successors: Map<string, string[]>;
}

export interface ActionPlan {
  name: string;
  type: string;
  node: Readonly<Record<string, unknown>>;
  pointer: string;
  container: string;
  parent?: string;
  /** Names of the enclosing Foreach/Until loops, outermost first. */
  loops: string[];
  /** Predecessor → accepted statuses (canonical spelling). */
  runAfter: ReadonlyMap<string, ReadonlySet<string>>;
  inputs: JsonEvaluator;
  trackedProperties?: JsonEvaluator;
}

export interface WorkflowPlan {
  compiled: CompiledWorkflow;
  definition: Readonly<Record<string, unknown>>;
  containers: Map<string, ContainerPlan>;
  actions: Map<string, ActionPlan>;
  /** Action names by lower-cased name, since expressions refer to actions ignoring case. */
  byLowerName: Map<string, string>;
}

const LOOP_TYPES = new Set(['Foreach', 'Until']);
const plans = new WeakMap<CompiledWorkflow, WorkflowPlan>();

export function planWorkflow(compiled: CompiledWorkflow): WorkflowPlan {
  const cached = plans.get(compiled);
  if (cached !== undefined) return cached;
  const containers = new Map<string, ContainerPlan>();
  const actions = new Map<string, ActionPlan>();
  const byLowerName = new Map<string, string>();
  const container = (pointer: string, owner?: string): ContainerPlan => {
    let plan = containers.get(pointer);
    if (plan === undefined) {
      plan = { pointer, owner, names: [], roots: [], successors: new Map() };
      containers.set(pointer, plan);
    }
    return plan;
  };
  container('/actions');
  for (const action of compiled.actions.values()) {
    const node = nodeAt(compiled.definition, action.pointer);
    const c = container(action.container, action.parent);
    c.names.push(action.name);
    const runAfter = new Map(Object.entries(action.runAfter).map(([name, statuses]) => [name, new Set(statuses)] as const));
    if (runAfter.size === 0) c.roots.push(action.name);
    for (const predecessor of runAfter.keys()) {
      const list = c.successors.get(predecessor) ?? [];
      list.push(action.name);
      c.successors.set(predecessor, list);
    }
    actions.set(action.name, {
      name: action.name,
      type: action.type,
      node,
      pointer: action.pointer,
      container: action.container,
      parent: action.parent,
      loops: [],
      runAfter,
      inputs: compileJson(node['inputs']),
      trackedProperties: node['trackedProperties'] === undefined ? undefined : compileJson(node['trackedProperties']),
    });
    byLowerName.set(action.name.toLowerCase(), action.name);
  }
  for (const action of actions.values()) action.loops = enclosingLoops(action, actions);
  const plan = { compiled, definition: compiled.definition, containers, actions, byLowerName };
  plans.set(compiled, plan);
  return plan;
}

function enclosingLoops(action: ActionPlan, actions: Map<string, ActionPlan>): string[] {
  const loops: string[] = [];
  for (let parent = action.parent; parent !== undefined; parent = actions.get(parent)?.parent) {
    const owner = actions.get(parent);
    if (owner !== undefined && LOOP_TYPES.has(owner.type)) loops.unshift(owner.name);
  }
  return loops;
}

function nodeAt(definition: Readonly<Record<string, unknown>>, pointer: string): Readonly<Record<string, unknown>> {
  let node: unknown = definition;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
  }
  return node as Readonly<Record<string, unknown>>;
}

/** The containers an action owns, by role. */
export function bodyPointer(action: ActionPlan, part: 'actions' | 'else' | 'default' | { case: string }): string {
  const esc = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
  if (part === 'actions') return `${action.pointer}/actions`;
  if (part === 'else') return `${action.pointer}/else/actions`;
  if (part === 'default') return `${action.pointer}/default/actions`;
  return `${action.pointer}/cases/${esc(part.case)}/actions`;
}
