/**
 * Definition → nodes and edges for the canvas. The definition stays the source of truth: nodes
 * carry the JSON they came from and edits go through `applyDesignerChanges`, so nothing here has to
 * be turned back into a definition.
 */
import { bodyOf, containerKey, containersOf, shapeOf, typeOf, type ContainerRef } from './action-tree.js';
import { isObject, type Json, type JsonObject, type WorkflowDefinition } from './json.js';

export type NodeKind = 'trigger' | 'action' | 'container' | 'lane' | 'unknown';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** The action or trigger type as written; `lane` for lanes. */
  readonly type: string;
  readonly label: string;
  /** The container or lane node this one is drawn inside. */
  readonly parentId?: string;
  readonly collapsed?: boolean;
  readonly data: NodeData;
}

export interface NodeData {
  /** Action or trigger name (the key in the definition); for a lane, the owning action. */
  readonly name: string;
  /** The action's or trigger's JSON, untouched (unknown types keep everything). */
  readonly json?: Json;
  /** Where an action sits; for a lane or a body container, the container it stands for. */
  readonly container?: ContainerRef;
  /** For a Scope/Foreach/Until node: its body, the drop target for "move into". */
  readonly body?: ContainerRef;
  /** For a Switch case lane: the `case` value. */
  readonly caseValue?: Json;
  readonly shape?: ReturnType<typeof shapeOf>;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: 'runAfter' | 'trigger';
  /** The runAfter statuses as written; empty for trigger edges. */
  readonly statuses: readonly string[];
  /** Present when the edge runs on anything but plain success, e.g. `Failed, TimedOut`. */
  readonly label?: string;
}

export interface Graph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

export interface GraphOptions {
  /** Action types the canvas has cards for (case-insensitive); others draw as `unknown`. */
  readonly knownTypes?: Iterable<string>;
  /** Names of container actions drawn collapsed. */
  readonly collapsed?: Iterable<string>;
}

export const triggerId = (name: string): string => `trigger:${name}`;
export const actionId = (name: string): string => `action:${name}`;
export const laneId = (ref: ContainerRef): string => `lane:${containerKey(ref)}`;

export function definitionToGraph(definition: WorkflowDefinition, options: GraphOptions = {}): Graph {
  const builder = new GraphBuilder(options);
  const triggers = isObject(definition['triggers']) ? definition['triggers'] : {};
  for (const name of Object.keys(triggers)) builder.addTrigger(name, triggers[name]!);
  const actions = isObject(definition['actions']) ? definition['actions'] : {};
  builder.addContainer(actions, { kind: 'root' }, undefined);
  builder.addTriggerEdges(Object.keys(triggers), actions);
  return { nodes: builder.nodes, edges: builder.edges };
}

class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly known: Set<string> | undefined;
  private readonly collapsed: Set<string>;
  private readonly ids = new Set<string>();

  constructor(options: GraphOptions) {
    this.known = options.knownTypes ? new Set([...options.knownTypes].map((t) => t.toLowerCase())) : undefined;
    this.collapsed = new Set(options.collapsed ?? []);
  }

  addTrigger(name: string, json: Json): void {
    const type = isObject(json) ? typeOf(json) : '';
    this.push({ id: triggerId(name), kind: 'trigger', type, label: name, data: { name, json } });
  }

  addContainer(siblings: JsonObject, container: ContainerRef, parentId: string | undefined): void {
    for (const name of Object.keys(siblings)) this.addAction(name, siblings[name]!, container, parentId);
  }

  private addAction(name: string, json: Json, container: ContainerRef, parentId: string | undefined): void {
    const action = isObject(json) ? json : undefined;
    const type = action ? typeOf(action) : '';
    const shape = action ? shapeOf(action) : 'card';
    const id = this.push({
      id: actionId(name),
      kind: this.kindOf(type, shape, action !== undefined),
      type,
      label: name,
      ...(parentId === undefined ? {} : { parentId }),
      ...(shape !== 'card' && this.collapsed.has(name) ? { collapsed: true } : {}),
      data: { name, json, container, shape, ...(shape === 'body' ? { body: { kind: 'actions', owner: name } as const } : {}) },
    });
    if (!action) return;
    if (shape === 'body') {
      this.addContainer(bodyOf(action, { kind: 'actions', owner: name }) ?? {}, { kind: 'actions', owner: name }, id);
    } else {
      for (const ref of containersOf(name, action)) this.addLane(ref, action, id);
    }
    this.addRunAfterEdges(name, id, action);
  }

  private addLane(ref: ContainerRef, action: JsonObject, ownerId: string): void {
    const caseBranch = ref.kind === 'case' && isObject(action['cases']) ? action['cases'][ref.case] : undefined;
    const lane = this.push({
      id: laneId(ref),
      kind: 'lane',
      type: 'lane',
      label: laneLabel(ref, shapeOf(action)),
      parentId: ownerId,
      data: {
        name: ref.kind === 'root' ? '' : ref.owner,
        container: ref,
        ...(isObject(caseBranch) && caseBranch['case'] !== undefined ? { caseValue: caseBranch['case'] } : {}),
      },
    });
    this.addContainer(bodyOf(action, ref) ?? {}, ref, lane);
  }

  private kindOf(type: string, shape: string, isAction: boolean): NodeKind {
    if (!isAction || type === '') return 'unknown';
    if (this.known && !this.known.has(type.toLowerCase())) return 'unknown';
    return shape === 'card' ? 'action' : 'container';
  }

  /** Edges point at actions that may come later in key order, so they are resolved at the end. */
  private addRunAfterEdges(name: string, id: string, action: JsonObject): void {
    const runAfter = action['runAfter'];
    if (!isObject(runAfter)) return;
    for (const source of Object.keys(runAfter)) {
      const raw = runAfter[source];
      const statuses = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
      const label = edgeLabel(statuses);
      this.edges.push({
        id: `edge:${encodeURIComponent(source)}->${encodeURIComponent(name)}`,
        source: actionId(source),
        target: id,
        kind: 'runAfter',
        statuses,
        ...(label === undefined ? {} : { label }),
      });
    }
  }

  addTriggerEdges(triggers: readonly string[], actions: JsonObject): void {
    // Drop edges whose source is not an action of this definition (an invalid runAfter).
    const present = this.ids;
    for (let i = this.edges.length - 1; i >= 0; i--) if (!present.has(this.edges[i]!.source)) this.edges.splice(i, 1);
    for (const name of Object.keys(actions)) {
      const action = actions[name];
      const runAfter = isObject(action) ? action['runAfter'] : undefined;
      if (isObject(runAfter) && Object.keys(runAfter).length > 0) continue;
      for (const trigger of triggers) {
        this.edges.push({
          id: `edge:trigger:${encodeURIComponent(trigger)}->${encodeURIComponent(name)}`,
          source: triggerId(trigger),
          target: actionId(name),
          kind: 'trigger',
          statuses: [],
        });
      }
    }
  }

  /** Invalid definitions can repeat a name; the later node gets a suffix so ids stay unique. */
  private push(node: GraphNode): string {
    let id = node.id;
    for (let n = 2; this.ids.has(id); n++) id = `${node.id}#${n}`;
    this.ids.add(id);
    this.nodes.push(id === node.id ? node : { ...node, id });
    return id;
  }
}

function laneLabel(ref: ContainerRef, shape: string): string {
  switch (ref.kind) {
    case 'actions':
      return shape === 'if' ? 'True' : 'Actions';
    case 'else':
      return 'False';
    case 'case':
      return ref.case;
    case 'default':
      return 'Default';
    case 'tool':
      return ref.tool;
    case 'root':
      return '';
  }
}

/** No label for plain success (how most edges run); otherwise the statuses, as written. */
export function edgeLabel(statuses: readonly string[]): string | undefined {
  if (statuses.length === 0) return undefined;
  if (statuses.length === 1 && statuses[0]!.toLowerCase() === 'succeeded') return undefined;
  return statuses.join(', ');
}
