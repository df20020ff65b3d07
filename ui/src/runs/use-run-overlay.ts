/**
 * The run shown over the canvas: the run and its action executions, reloaded every second while
 * the run is in progress, turned into card states by `runOverlay`.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getRun, listRunActions, type ActionResource, type RunResource } from '../api/runs-client';
import { isInProgress } from './run-format';
import { runOverlay, type RunOverlay } from './run-overlay';

export interface ShownRun {
  run: RunResource | undefined;
  executions: readonly ActionResource[];
  overlay: RunOverlay | undefined;
  error: string | undefined;
  /** Reload now (after cancel, for instance); polling resumes if the run is still moving. */
  reload(): void;
}

export function useRunOverlay(workflowName: string, runId: string | undefined): ShownRun {
  const [run, setRun] = useState<RunResource | undefined>();
  const [executions, setExecutions] = useState<ActionResource[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    setRun(undefined);
    setExecutions([]);
    setError(undefined);
  }, [runId]);

  useEffect(() => {
    if (runId === undefined) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const [fresh, list] = await Promise.all([getRun(workflowName, runId), listRunActions(workflowName, runId)]);
        if (stopped) return;
        setRun(fresh);
        setExecutions(list);
        setError(undefined);
        if (isInProgress(fresh.properties.status)) timer = setTimeout(() => void load(), 1000);
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void load();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [workflowName, runId, tick]);

  const overlay = useMemo(() => {
    if (runId === undefined || run === undefined) return undefined;
    const trigger = run.properties.trigger?.name;
    return runOverlay(executions, { ...(trigger === undefined ? {} : { trigger }), ...(run.properties.startTime === undefined ? {} : { triggerTime: run.properties.startTime }) });
  }, [runId, run, executions]);

  return { run, executions, overlay, error, reload };
}
