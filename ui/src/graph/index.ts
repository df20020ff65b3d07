/** The designer's graph logic: pure TypeScript, no DOM, no React (CONVENTIONS §14). */
export type { Json, JsonObject, WorkflowDefinition } from './json.js';
export { DesignerError, type DesignerErrorCode } from './errors.js';
export { collectActions, indexActions, containerKey, type ActionSite, type ActionShape, type ContainerRef } from './action-tree.js';
export {
  definitionToGraph,
  actionId,
  triggerId,
  laneId,
  edgeLabel,
  type Graph,
  type GraphEdge,
  type GraphNode,
  type GraphOptions,
  type NodeData,
  type NodeKind,
} from './definition-to-graph.js';
export { layoutGraph, DEFAULT_LAYOUT, type Box, type Layout, type LayoutOptions } from './layout.js';
export { absoluteBoxes, boundsOf, fitView, type Rect, type Viewport, type FitOptions } from './viewport.js';
export { applyDesignerChanges, type DesignerChange } from './changes.js';
export { applyMergePatch } from './merge-patch.js';
export { renameInString, ACTION_NAME_FUNCTIONS } from './rename-references.js';
export { RUN_STATUSES } from './run-after.js';
export { createHistory, commit, undo, redo, canUndo, canRedo, type History, type HistoryStep } from './history.js';
export { searchCatalogue, type CatalogueEntry } from './catalogue.js';
