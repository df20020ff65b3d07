/**
 * The graph logic's nodes, edges and layout as xyflow nodes and edges. Positions come from
 * `layoutGraph` (relative to the parent, as xyflow wants); nothing is draggable, so the layout
 * stays the one source of positions.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Graph, GraphNode, Layout } from '../graph/index';

/** `empty`: a container or lane with no actions inside, which shows its own add button. */
export type DesignerNodeData = { node: GraphNode; empty: boolean } & Record<string, unknown>;
export type DesignerEdgeData = { label?: string; sourceName?: string; targetName?: string; fromTrigger: boolean; container?: GraphNode['data']['container'] } & Record<string, unknown>;

export type DesignerFlowNode = Node<DesignerNodeData>;
export type DesignerFlowEdge = Edge<DesignerEdgeData>;

export function toFlow(graph: Graph, layout: Layout, selected: string | undefined): { nodes: DesignerFlowNode[]; edges: DesignerFlowEdge[] } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const children = new Map<string, number>();
  for (const node of graph.nodes) if (node.parentId !== undefined) children.set(node.parentId, (children.get(node.parentId) ?? 0) + 1);
  const nodes: DesignerFlowNode[] = [];
  for (const node of graph.nodes) {
    const box = layout.boxes.get(node.id);
    if (!box) continue;
    nodes.push({
      id: node.id,
      type: node.kind,
      position: { x: box.x, y: box.y },
      data: { node, empty: !children.has(node.id) },
      ...(node.parentId === undefined ? {} : { parentId: node.parentId }),
      width: box.width,
      height: box.height,
      style: { width: box.width, height: box.height },
      hidden: box.hidden,
      draggable: false,
      connectable: false,
      selectable: node.kind !== 'lane',
      selected: node.id === selected,
      focusable: node.kind !== 'lane',
      ariaLabel: `${node.kind} ${node.label}`,
      zIndex: node.kind === 'lane' || node.kind === 'container' ? 0 : 1,
    });
  }
  const edges: DesignerFlowEdge[] = graph.edges.map((edge) => {
    const target = byId.get(edge.target);
    const source = byId.get(edge.source);
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: 'designer',
      focusable: false,
      selectable: false,
      zIndex: 2,
      data: {
        fromTrigger: edge.kind === 'trigger',
        ...(edge.label === undefined ? {} : { label: edge.label }),
        ...(source ? { sourceName: source.data.name } : {}),
        ...(target ? { targetName: target.data.name, container: target.data.container } : {}),
      },
    };
  });
  return { nodes, edges };
}
