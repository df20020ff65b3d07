/**
 * Undo and redo as an immutable value: each step is one user gesture (a change list) with the
 * definition it started from. Keeping snapshots rather than inverse changes makes undo exact even
 * for lossy edits (a delete that healed runAfter), and the snapshots share nothing mutable because
 * `applyDesignerChanges` never edits its input.
 */
import { applyDesignerChanges, type DesignerChange } from './changes.js';
import type { WorkflowDefinition } from './json.js';

export interface HistoryStep {
  readonly changes: readonly DesignerChange[];
  /** In `past`: the definition before the step. In `future`: the definition after it. */
  readonly definition: WorkflowDefinition;
}

export interface History {
  readonly past: readonly HistoryStep[];
  readonly present: WorkflowDefinition;
  readonly future: readonly HistoryStep[];
  /** Most steps kept in `past`; the oldest go first. */
  readonly cap: number;
}

export function createHistory(definition: WorkflowDefinition, cap = 100): History {
  return { past: [], present: definition, future: [], cap: Math.max(1, cap) };
}

/** Applies one gesture. Throws `DesignerError` (history unchanged) if it cannot apply. */
export function commit(history: History, changes: readonly DesignerChange[]): History {
  if (changes.length === 0) return history;
  const next = applyDesignerChanges(history.present, changes);
  const past = [...history.past, { changes, definition: history.present }];
  return { ...history, past: past.slice(Math.max(0, past.length - history.cap)), present: next, future: [] };
}

export function undo(history: History): History {
  const step = history.past[history.past.length - 1];
  if (!step) return history;
  return {
    ...history,
    past: history.past.slice(0, -1),
    present: step.definition,
    future: [{ changes: step.changes, definition: history.present }, ...history.future],
  };
}

export function redo(history: History): History {
  const step = history.future[0];
  if (!step) return history;
  return {
    ...history,
    past: [...history.past, { changes: step.changes, definition: history.present }].slice(-history.cap),
    present: step.definition,
    future: history.future.slice(1),
  };
}

export const canUndo = (history: History): boolean => history.past.length > 0;
export const canRedo = (history: History): boolean => history.future.length > 0;
