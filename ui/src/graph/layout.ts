/**
 * A deterministic layered layout, top to bottom like the Logic Apps designer. Each container lays
 * out its own children (longest-path layers over runAfter among siblings), so a container's size is
 * known from its content before its parent places it: one bottom-up pass, linear in the graph plus
 * a sort per layer. Lanes of an If or Switch stand side by side. Written here rather than taken from
 * elkjs or dagre because neither knows about lanes, and both are heavy for the browser bundle.
 */
import type { Graph, GraphEdge, GraphNode } from './definition-to-graph.js';

export interface Box {
  /** Relative to the parent node's top-left corner (the root for top-level nodes), as xyflow wants. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Inside a collapsed container: not drawn. */
  readonly hidden: boolean;
}

export interface Layout {
  readonly boxes: ReadonlyMap<string, Box>;
  readonly width: number;
  readonly height: number;
}

export interface LayoutOptions {
  readonly card: { readonly width: number; readonly height: number };
  readonly collapsed: { readonly width: number; readonly height: number };
  readonly gapX: number;
  readonly gapY: number;
  readonly padding: number;
  /** Room for a container's title bar. */
  readonly header: number;
  readonly laneHeader: number;
  readonly laneMinWidth: number;
  /** Height of an empty body or lane, so there is somewhere to drop a card. */
  readonly emptyHeight: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  card: { width: 240, height: 64 },
  collapsed: { width: 240, height: 72 },
  gapX: 40,
  gapY: 48,
  padding: 24,
  header: 48,
  laneHeader: 32,
  laneMinWidth: 280,
  emptyHeight: 48,
};

interface Size {
  width: number;
  height: number;
}

export function layoutGraph(graph: Graph, options: Partial<LayoutOptions> = {}): Layout {
  const engine = new LayoutEngine(graph, { ...DEFAULT_LAYOUT, ...options });
  const root = engine.placeGroup(engine.childrenOf(undefined), 0, 0);
  return { boxes: engine.boxes, width: root.width, height: root.height };
}

class LayoutEngine {
  readonly boxes = new Map<string, Box>();
  private readonly children = new Map<string | undefined, GraphNode[]>();
  private readonly preds = new Map<string, string[]>();
  private readonly parentOf = new Map<string, string | undefined>();

  constructor(graph: Graph, private readonly o: LayoutOptions) {
    for (const node of graph.nodes) {
      this.parentOf.set(node.id, node.parentId);
      const list = this.children.get(node.parentId) ?? [];
      list.push(node);
      this.children.set(node.parentId, list);
    }
    for (const edge of graph.edges) this.addPred(edge);
  }

  /** Only edges between siblings shape the layers; others are drawn but do not move anything. */
  private addPred(edge: GraphEdge): void {
    if (!this.parentOf.has(edge.source) || !this.parentOf.has(edge.target)) return;
    if (this.parentOf.get(edge.source) !== this.parentOf.get(edge.target) || edge.source === edge.target) return;
    const list = this.preds.get(edge.target) ?? [];
    list.push(edge.source);
    this.preds.set(edge.target, list);
  }

  childrenOf(id: string | undefined): GraphNode[] {
    return this.children.get(id) ?? [];
  }

  /** Places `members` as layers at (x0, y0) in their parent's frame; returns the space used. */
  placeGroup(members: readonly GraphNode[], x0: number, y0: number): Size {
    if (members.length === 0) return { width: 0, height: 0 };
    const sizes = new Map(members.map((m) => [m.id, this.measure(m)] as const));
    const layers = this.orderedLayers(members);
    const widths = layers.map((layer) => layer.reduce((w, m) => w + sizes.get(m.id)!.width, 0) + this.o.gapX * (layer.length - 1));
    const width = Math.max(...widths);
    let y = y0;
    layers.forEach((layer, i) => {
      let x = x0 + (width - widths[i]!) / 2;
      let rowHeight = 0;
      for (const m of layer) {
        const size = sizes.get(m.id)!;
        this.boxes.set(m.id, { x, y, width: size.width, height: size.height, hidden: false });
        x += size.width + this.o.gapX;
        rowHeight = Math.max(rowHeight, size.height);
      }
      y += rowHeight + this.o.gapY;
    });
    return { width, height: y - this.o.gapY - y0 };
  }

  /** A node's size; containers lay out their content on the way (children before parents). */
  private measure(node: GraphNode): Size {
    const kids = this.childrenOf(node.id);
    if (node.collapsed) {
      this.hideDescendants(node.id);
      return { ...this.o.collapsed };
    }
    if (kids.length === 0 && node.kind !== 'lane' && node.kind !== 'container') return { ...this.o.card };
    if (kids.length > 0 && kids.every((k) => k.kind === 'lane')) return this.measureLanes(kids);
    const { padding, header, emptyHeight } = this.o;
    const top = node.kind === 'lane' ? this.o.laneHeader : header;
    const content = this.placeGroup(kids, 0, 0);
    const minWidth = node.kind === 'lane' ? this.o.laneMinWidth : this.o.card.width;
    const width = Math.max(minWidth, content.width + 2 * padding);
    const dx = (width - content.width) / 2;
    for (const kid of kids) this.shift(kid.id, dx, top);
    return { width, height: top + Math.max(content.height, emptyHeight) + padding };
  }

  private measureLanes(lanes: readonly GraphNode[]): Size {
    const sizes = lanes.map((lane) => this.measure(lane));
    const laneHeight = Math.max(...sizes.map((s) => s.height));
    let x = this.o.padding;
    lanes.forEach((lane, i) => {
      this.boxes.set(lane.id, { x, y: this.o.header, width: sizes[i]!.width, height: laneHeight, hidden: false });
      x += sizes[i]!.width + this.o.gapX;
    });
    return { width: x - this.o.gapX + this.o.padding, height: this.o.header + laneHeight + this.o.padding };
  }

  private shift(id: string, dx: number, dy: number): void {
    const box = this.boxes.get(id);
    if (box) this.boxes.set(id, { ...box, x: box.x + dx, y: box.y + dy });
  }

  private hideDescendants(id: string): void {
    for (const kid of this.childrenOf(id)) {
      this.boxes.set(kid.id, { x: 0, y: 0, width: this.o.card.width, height: this.o.card.height, hidden: true });
      this.hideDescendants(kid.id);
    }
  }

  /** Longest-path layers (Kahn's order; nodes left on a cycle go last), then barycentre order. */
  private orderedLayers(members: readonly GraphNode[]): GraphNode[][] {
    const ids = new Set(members.map((m) => m.id));
    const indegree = new Map<string, number>();
    const succs = new Map<string, string[]>();
    for (const m of members) {
      const preds = (this.preds.get(m.id) ?? []).filter((p) => ids.has(p));
      indegree.set(m.id, preds.length);
      for (const p of preds) succs.set(p, [...(succs.get(p) ?? []), m.id]);
    }
    const layer = new Map<string, number>();
    const queue = members.filter((m) => indegree.get(m.id) === 0).map((m) => m.id);
    for (const id of queue) layer.set(id, 0);
    for (let head = 0; head < queue.length; head++) {
      const id = queue[head]!;
      for (const next of succs.get(id) ?? []) {
        layer.set(next, Math.max(layer.get(next) ?? 0, layer.get(id)! + 1));
        const left = indegree.get(next)! - 1;
        indegree.set(next, left);
        if (left === 0) queue.push(next);
      }
    }
    const deepest = Math.max(0, ...layer.values());
    const rows: GraphNode[][] = [];
    for (const m of members) {
      const at = queue.length === members.length || indegree.get(m.id) === 0 ? layer.get(m.id)! : deepest + 1;
      (rows[at] ??= []).push(m);
    }
    return this.byBarycentre(rows.filter((row) => row !== undefined));
  }

  /** Orders each layer by the mean position of its predecessors above, to cut edge crossings. */
  private byBarycentre(rows: GraphNode[][]): GraphNode[][] {
    const position = new Map<string, number>();
    return rows.map((row) => {
      const keyed = row.map((m, i) => {
        const known = (this.preds.get(m.id) ?? []).map((p) => position.get(p)).filter((p): p is number => p !== undefined);
        const key = known.length === 0 ? i : known.reduce((a, b) => a + b, 0) / known.length;
        return { m, key, i };
      });
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      keyed.forEach(({ m }, i) => position.set(m.id, i));
      return keyed.map(({ m }) => m);
    });
  }
}
