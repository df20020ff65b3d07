/**
 * One run: its status, start and duration, then each action execution with status, duration,
 * retries, inputs and outputs (as the server shows them: secure values already masked). Refreshes
 * every second while the run is in progress.
 */
import { useEffect, useState } from 'react';
import { getRun, listRunActions, type ActionResource, type RunResource } from '../api/runs-client';
import { formatDuration, formatJson, formatStart, isInProgress } from './run-format';

export interface RunDetailProps {
  workflowName: string;
  runId: string;
  onClose(): void;
  /** Called with each fresh copy of the run (the history list refreshes its row). */
  onRunChange?(run: RunResource): void;
}

function Payload({ label, value, testId }: { label: string; value: unknown; testId: string }) {
  if (value === undefined) return null;
  return (
    <details className="run-payload" data-testid={testId}>
      <summary>{label}</summary>
      <pre>{formatJson(value)}</pre>
    </details>
  );
}

function ActionRow({ action }: { action: ActionResource }) {
  const p = action.properties;
  return (
    <li className={`run-action status-${p.status.toLowerCase()}`} data-testid={`run-action-${action.name}`}>
      <div className="run-action-head">
        <strong>{action.name}</strong>
        <span className="run-status" data-testid={`run-action-status-${action.name}`}>{p.status}</span>
        <span className="run-duration">{formatDuration(p.startTime, p.endTime)}</span>
        {p.retryHistory !== undefined && p.retryHistory.length > 0 && <span className="run-retries">{p.retryHistory.length} retries</span>}
      </div>
      {p.error !== undefined && <div className="run-error">{p.error.code}: {p.error.message}</div>}
      <Payload label="Inputs" value={p.inputs} testId={`run-action-inputs-${action.name}`} />
      <Payload label="Outputs" value={p.outputs} testId={`run-action-outputs-${action.name}`} />
    </li>
  );
}

/** Executions in the order they started (the API lists them by name); not started ones last. */
function inRunOrder(executions: ActionResource[]): ActionResource[] {
  const start = (a: ActionResource): string => a.properties.startTime ?? '\uffff';
  return executions.slice().sort((a, b) => start(a).localeCompare(start(b)) || a.name.localeCompare(b.name));
}

export function RunDetail({ workflowName, runId, onClose, onRunChange }: RunDetailProps) {
  const [run, setRun] = useState<RunResource | undefined>(undefined);
  const [actions, setActions] = useState<ActionResource[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const [fresh, executions] = await Promise.all([getRun(workflowName, runId), listRunActions(workflowName, runId)]);
        if (stopped) return;
        setRun(fresh);
        setActions(inRunOrder(executions));
        setError(undefined);
        onRunChange?.(fresh);
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
    // onRunChange is a notification only; a new callback identity must not restart polling.
  }, [workflowName, runId]);

  const p = run?.properties;
  return (
    <section className="run-detail" data-testid="run-detail" aria-label={`Run ${runId}`}>
      <header className="run-detail-head">
        <h3>Run {runId}</h3>
        <button type="button" onClick={onClose} data-testid="run-detail-close">Close</button>
      </header>
      {error !== undefined && <div className="run-error" role="alert">{error}</div>}
      {p !== undefined && (
        <div className="run-summary">
          <span className={`run-status status-${p.status.toLowerCase()}`} data-testid="run-detail-status">{p.status}</span>
          <span>started {formatStart(p.startTime)}</span>
          <span>{formatDuration(p.startTime, p.endTime)}</span>
          {p.error !== undefined && <span className="run-error">{p.error.code}: {p.error.message}</span>}
        </div>
      )}
      {p?.trigger?.outputs !== undefined && <Payload label="Trigger outputs" value={p.trigger.outputs} testId="run-trigger-outputs" />}
      <ul className="run-actions">
        {actions.map((action) => (
          <ActionRow action={action} key={`${action.name}-${JSON.stringify(action.properties.repetitionIndexes ?? [])}`} />
        ))}
      </ul>
      {p?.outputs !== undefined && <Payload label="Run outputs" value={p.outputs} testId="run-outputs" />}
    </section>
  );
}
