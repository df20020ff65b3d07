/**
 * What the node and edge components may ask of the editor, given through context so xyflow's node
 * data stays plain (and memoised nodes do not re-render when a callback identity changes).
 */
import { createContext, useContext } from 'react';
import type { ContainerRef } from '../graph/index';
import type { RunOverlay } from '../runs/run-overlay';

/** Where a new action goes: after a card, on an edge (after → before), or into an empty container. */
export interface Placement {
  readonly container: ContainerRef;
  readonly after?: string;
  readonly before?: string;
}

export interface CanvasActions {
  select(id: string): void;
  open(id: string): void;
  addAction(placement: Placement): void;
  replaceTrigger(name: string): void;
  toggleCollapsed(name: string): void;
  remove(name: string): void;
  /** Opens the "Move to…" menu for an action. */
  move(name: string): void;
  /** Node ids whose card shows a validation issue. */
  issueIds: ReadonlySet<string>;
  /** While a run is shown over the canvas editing is off: no add, delete, move or replace. */
  readOnly?: boolean;
  /** While a run is shown over the canvas: each card's status by node id. */
  runStates?: RunOverlay;
}

const noop = (): void => undefined;

export const CanvasContext = createContext<CanvasActions>({
  select: noop,
  open: noop,
  addAction: noop,
  replaceTrigger: noop,
  toggleCollapsed: noop,
  remove: noop,
  move: noop,
  issueIds: new Set(),
});

export const useCanvasActions = (): CanvasActions => useContext(CanvasContext);
