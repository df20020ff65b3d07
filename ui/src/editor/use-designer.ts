/**
 * The editor's state: the definition's undo history, the selected node, collapsed containers and
 * the last edit error. Every edit is a `DesignerChange` list committed onto the history, so the
 * canvas, the properties panel and the code view all read one definition.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  canRedo,
  canUndo,
  commit,
  createHistory,
  DesignerError,
  redo as redoHistory,
  undo as undoHistory,
  type DesignerChange,
  type History,
  type WorkflowDefinition,
} from '../graph/index';

export interface Designer {
  definition: WorkflowDefinition;
  /** Node id (`action:<name>`, `trigger:<name>`) or undefined. */
  selected: string | undefined;
  select: (id: string | undefined) => void;
  collapsed: ReadonlySet<string>;
  toggleCollapsed: (name: string) => void;
  /** Applies one gesture; returns the new definition, or undefined (and sets `error`) if it cannot apply. */
  dispatch: (changes: readonly DesignerChange[]) => WorkflowDefinition | undefined;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  error: string | undefined;
  clearError: () => void;
  /** Starts over from a saved definition (after load). */
  reset: (definition: WorkflowDefinition) => void;
}

export function useDesigner(initial: WorkflowDefinition): Designer {
  const [history, setHistory] = useState<History>(() => createHistory(initial));
  const [selected, setSelected] = useState<string | undefined>();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [error, setError] = useState<string | undefined>();

  // The latest history, read synchronously so a refused change can report at once.
  const current = useRef(history);
  current.current = history;
  const apply = useCallback((next: History) => {
    current.current = next;
    setHistory(next);
  }, []);

  const dispatch = useCallback(
    (changes: readonly DesignerChange[]): WorkflowDefinition | undefined => {
      try {
        const next = commit(current.current, changes);
        apply(next);
        setError(undefined);
        return next.present;
      } catch (e) {
        setError(e instanceof DesignerError ? e.message : e instanceof Error ? e.message : String(e));
        return undefined;
      }
    },
    [apply],
  );

  const toggleCollapsed = useCallback((name: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  }, []);

  return useMemo(
    () => ({
      definition: history.present,
      selected,
      select: setSelected,
      collapsed,
      toggleCollapsed,
      dispatch,
      undo: () => apply(undoHistory(current.current)),
      redo: () => apply(redoHistory(current.current)),
      canUndo: canUndo(history),
      canRedo: canRedo(history),
      error,
      clearError: () => setError(undefined),
      reset: (definition: WorkflowDefinition) => apply(createHistory(definition)),
    }),
    [history, selected, collapsed, toggleCollapsed, dispatch, apply, error],
  );
}
