/**
 * The Runs view of a workflow: run a trigger by hand (with a JSON body for request triggers), the
 * run history (status, start, duration; filter by status), and the detail of the run picked.
 * The list refreshes every second while any run shown is in progress.
 */
import { useCallback, useEffect, useState } from 'react';
import { listRuns, runTrigger, RUN_STATUSES, type RunResource, type RunStatus } from '../api/runs-client';
import { RunDetail } from './RunDetail';
import { formatDuration, formatStart, isInProgress } from './run-format';
import './runs.css';

export interface RunsPanelProps {
  workflowName: string;
  /** The workflow's trigger names (the first is preselected). */
  triggerNames: readonly string[];
  /** Called when a run is opened or closed (e.g. to colour the canvas); undefined when closed. */
  onOpenRun?(runId: string | undefined): void;
}

/** The body text parsed as JSON; empty means no body. */
function parseBody(text: string): { ok: true; body: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `The body is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function RunsPanel({ workflowName, triggerNames, onOpenRun }: RunsPanelProps) {
  const [trigger, setTrigger] = useState(triggerNames[0] ?? '');
  const [bodyText, setBodyText] = useState('');
  const [filter, setFilter] = useState<RunStatus | ''>('');
  const [runs, setRuns] = useState<RunResource[]>([]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!triggerNames.includes(trigger)) setTrigger(triggerNames[0] ?? '');
  }, [triggerNames, trigger]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    listRuns(workflowName, filter === '' ? undefined : filter)
      .then((value) => {
        if (stopped) return;
        setRuns(value);
        // Every second while a run is in progress; otherwise every few seconds, so runs that a
        // trigger starts (a blob landing, a schedule) appear without a click.
        timer = setTimeout(refresh, value.some((r) => isInProgress(r.properties.status)) ? 1000 : 3000);
      })
      .catch((e: unknown) => {
        if (!stopped) setMessage(e instanceof Error ? e.message : String(e));
      });
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [workflowName, filter, tick, refresh]);

  const open = (runId: string | undefined): void => {
    setSelected(runId);
    onOpenRun?.(runId);
  };

  const run = async (): Promise<void> => {
    const parsed = parseBody(bodyText);
    if (!parsed.ok) return setMessage(parsed.message);
    setBusy(true);
    setMessage(undefined);
    try {
      const runId = await runTrigger(workflowName, trigger, parsed.body);
      open(runId);
      refresh();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const onRunChange = useCallback(
    (fresh: RunResource) => {
      setRuns((list) => {
        const at = list.findIndex((r) => r.name === fresh.name);
        if (at < 0) return list;
        const old = list[at]!;
        if (old.properties.status === fresh.properties.status && old.properties.endTime === fresh.properties.endTime) return list;
        const copy = list.slice();
        copy[at] = fresh;
        return copy;
      });
    },
    [],
  );

  return (
    <section className="runs-panel" data-testid="runs-panel" aria-label="Runs">
      <form
        className="runs-trigger"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          Trigger{' '}
          <select value={trigger} onChange={(e) => setTrigger(e.target.value)} data-testid="run-trigger-name">
            {triggerNames.map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </label>
        <label className="runs-body">
          Body (JSON, optional)
          <textarea value={bodyText} onChange={(e) => setBodyText(e.target.value)} rows={3} spellCheck={false} data-testid="run-trigger-body" />
        </label>
        <button type="submit" disabled={busy || trigger === ''} data-testid="run-trigger">Run trigger</button>
      </form>
      {message !== undefined && <div className="run-error" role="alert" data-testid="runs-message">{message}</div>}
      <div className="runs-toolbar">
        <label>
          Status{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as RunStatus | '')} data-testid="runs-status-filter">
            <option value="">All</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={refresh} data-testid="runs-refresh">Refresh</button>
      </div>
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr><th>Status</th><th>Start</th><th>Duration</th><th>Run</th></tr>
        </thead>
        <tbody>
          {runs.length === 0 && (
            <tr><td colSpan={4} className="runs-empty">No runs{filter === '' ? '' : ` with status ${filter}`}.</td></tr>
          )}
          {runs.map((r) => (
            <tr
              key={r.name}
              className={`run-row status-${r.properties.status.toLowerCase()}${r.name === selected ? ' selected' : ''}`}
              data-testid={`run-row-${r.name}`}
              tabIndex={0}
              onClick={() => open(r.name)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') open(r.name);
              }}
            >
              <td data-testid={`run-status-${r.name}`}>{r.properties.status}</td>
              <td>{formatStart(r.properties.startTime)}</td>
              <td>{formatDuration(r.properties.startTime, r.properties.endTime)}</td>
              <td className="run-id">{r.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected !== undefined && (
        <RunDetail workflowName={workflowName} runId={selected} onClose={() => open(undefined)} onRunChange={onRunChange} />
      )}
    </section>
  );
}
