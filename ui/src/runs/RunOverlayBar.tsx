/** The bar over the canvas while a run is shown: its status and duration, resubmit, cancel, close. */
import { useState } from 'react';
import { cancelRun, resubmitRun } from '../api/runs-client';
import { formatDuration, isInProgress } from './run-format';
import type { ShownRun } from './use-run-overlay';
import './run-overlay.css';

export interface RunOverlayBarProps {
  workflowName: string;
  runId: string;
  shown: ShownRun;
  /** A resubmitted run replaces the one shown. */
  onOpenRun(runId: string): void;
  onClose(): void;
}

export function RunOverlayBar({ workflowName, runId, shown, onOpenRun, onClose }: RunOverlayBarProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const p = shown.run?.properties;

  const act = async (what: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setMessage(undefined);
    try {
      await what();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="run-overlay-bar" data-testid="run-overlay-bar" role="status">
      <strong>Run</strong>
      <span className="run-id">{runId}</span>
      {p && <span className={`run-status status-${p.status.toLowerCase()}`} data-testid="run-overlay-status">{p.status}</span>}
      {p && <span>{formatDuration(p.startTime, p.endTime)}</span>}
      {p?.error && <span className="run-error">{p.error.code}: {p.error.message}</span>}
      {shown.error && <span className="run-error" role="alert">{shown.error}</span>}
      {message && <span className="run-error" role="alert" data-testid="run-overlay-message">{message}</span>}
      <span className="spacer" />
      <button type="button" disabled={busy} data-testid="run-resubmit" onClick={() => void act(async () => onOpenRun(await resubmitRun(workflowName, runId)))}>
        Resubmit
      </button>
      {p && isInProgress(p.status) && (
        <button type="button" disabled={busy} data-testid="run-cancel" onClick={() => void act(async () => { await cancelRun(workflowName, runId); shown.reload(); })}>
          Cancel run
        </button>
      )}
      <button type="button" data-testid="run-overlay-close" onClick={onClose}>Back to editing</button>
    </div>
  );
}
