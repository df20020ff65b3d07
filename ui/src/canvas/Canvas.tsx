/**
 * The canvas: `definitionToGraph` + `layoutGraph` drawn with @xyflow/react. Nothing on it is
 * dragged or connected by hand; every edit goes back to the editor as a `DesignerChange`, and the
 * canvas redraws from the new definition. Keyboard: Tab walks the cards (trigger first), Enter opens
 * the properties panel, Delete removes the focused or selected action, `+` or `a` adds after it,
 * `m` opens its "Move to…" menu.
 */
import {
  applyNodeChanges,
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type EdgeTypes,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { absoluteBoxes, boundsOf, definitionToGraph, fitView, layoutGraph, type WorkflowDefinition } from '../graph/index';
import { CanvasContext, type CanvasActions } from './canvas-context';
import { DesignerEdge } from './DesignerEdge';
import { nodeTypes } from './nodes/index';
import { toFlow, type DesignerFlowNode } from './to-flow';
import type { RunOverlay } from '../runs/run-overlay';

const edgeTypes: EdgeTypes = { designer: DesignerEdge };
const MIN_READABLE_ZOOM = 0.6;

export interface CanvasProps {
  definition: WorkflowDefinition;
  selected: string | undefined;
  collapsed: ReadonlySet<string>;
  /** Types with a card; others draw as unknown. Undefined until the connectors are loaded. */
  knownTypes: readonly string[] | undefined;
  actions: Omit<CanvasActions, 'issueIds' | 'runStates' | 'readOnly'>;
  issueIds: ReadonlySet<string>;
  /** A run shown over the canvas: each card coloured by its action's status. */
  runStates?: RunOverlay;
  /** Editing is off (a run is shown): cards open and select, nothing is added, deleted or moved. */
  readOnly?: boolean;
}

export function Canvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}

const nameOf = (id: string): string | undefined => (id.startsWith('action:') ? id.slice('action:'.length) : undefined);

function CanvasInner({ definition, selected, collapsed, knownTypes, actions, issueIds, runStates, readOnly = false }: CanvasProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const flow = useReactFlow();
  const graph = useMemo(() => definitionToGraph(definition, { ...(knownTypes ? { knownTypes } : {}), collapsed }), [definition, knownTypes, collapsed]);
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const computed = useMemo(() => toFlow(graph, layout, selected), [graph, layout, selected]);
  const [nodes, setNodes] = useState<DesignerFlowNode[]>(computed.nodes);
  useEffect(() => setNodes(computed.nodes), [computed.nodes]);
  const onNodesChange = useCallback((changes: NodeChange<DesignerFlowNode>[]) => {
    // Only measurements are kept: positions and selection come from the layout and the editor.
    const kept = changes.filter((c) => c.type === 'dimensions');
    if (kept.length > 0) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

  /**
   * Zoom to fit. `readable` (on open): a workflow too large to fit legibly opens at a readable zoom
   * with its top (the trigger) in view instead of as a tiny centred picture.
   */
  const zoomToFit = useCallback(
    (readable = false) => {
      const box = wrapper.current?.getBoundingClientRect();
      if (!box || box.width === 0) return;
      const bounds = boundsOf(absoluteBoxes(graph, layout).values());
      const screen = { width: box.width, height: box.height };
      let viewport = fitView(bounds, screen, { padding: 0.06, minZoom: 0.1, maxZoom: 1 });
      if (readable && viewport.zoom < MIN_READABLE_ZOOM) {
        const zoom = MIN_READABLE_ZOOM;
        viewport = { zoom, x: screen.width / 2 - (bounds.x + bounds.width / 2) * zoom, y: 24 - bounds.y * zoom };
      }
      void flow.setViewport(viewport);
    },
    [flow, graph, layout],
  );

  // Fit once when the canvas first has content.
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || graph.nodes.length === 0) return;
    fitted.current = true;
    zoomToFit(true);
  }, [graph, zoomToFit]);

  const context = useMemo<CanvasActions>(() => ({ ...actions, issueIds, readOnly, ...(runStates ? { runStates } : {}) }), [actions, issueIds, runStates, readOnly]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, .cm-editor, button')) return;
    const focusedId = target.closest<HTMLElement>('.react-flow__node')?.dataset['id'];
    const id = focusedId ?? selected;
    if (id === undefined) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      actions.open(id);
    } else if (readOnly) {
      return;
    } else if (e.key === '+' || e.key === 'a') {
      const node = graph.nodes.find((n) => n.id === id);
      if (!node || (node.kind !== 'action' && node.kind !== 'container' && node.kind !== 'unknown' && node.kind !== 'trigger')) return;
      e.preventDefault();
      actions.addAction(node.kind === 'trigger' ? { container: { kind: 'root' } } : { container: node.data.container ?? { kind: 'root' }, after: node.data.name });
    } else if (e.key === 'm' || e.key === 'M') {
      const name = nameOf(id);
      if (name === undefined) return;
      e.preventDefault();
      actions.move(name);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      const name = nameOf(id);
      if (name === undefined) return;
      e.preventDefault();
      actions.remove(name);
    }
  };

  return (
    <CanvasContext.Provider value={context}>
      <div className="canvas" ref={wrapper} onKeyDown={onKeyDown} data-testid="canvas">
        <ReactFlow<DesignerFlowNode>
          nodes={nodes}
          edges={computed.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={(_e, node) => actions.select(node.id)}
          onNodeDoubleClick={(_e, node) => actions.open(node.id)}
          onPaneClick={() => actions.select('')}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable
          edgesFocusable={false}
          elementsSelectable
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          minZoom={0.1}
          maxZoom={2}
          onlyRenderVisibleElements={graph.nodes.length > 150}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} />
          <Controls showInteractive={false} showFitView={false} />
        </ReactFlow>
        <button className="fit-button" onClick={() => zoomToFit()} data-testid="zoom-to-fit" title="Zoom to fit">
          Fit
        </button>
      </div>
    </CanvasContext.Provider>
  );
}
