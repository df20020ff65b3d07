/**
 * A card's run state while a run is shown over the canvas: a status badge with the duration and
 * the retry count. `runAttributes` gives the card its `data-status` and `status-*` class.
 */
import { statusClass, type CardRunState } from '../../runs/run-overlay';

/** Extra class and attributes of a card drawn over a run (none without a run). */
export function runAttributes(state: CardRunState | undefined, running: boolean): { className: string; 'data-status'?: string } {
  if (state) return { className: ` run-card ${statusClass(state.status)}`, 'data-status': state.status };
  // A run is shown but this card did not execute (yet).
  return running ? { className: ' run-card status-notrun', 'data-status': 'NotRun' } : { className: '' };
}

export function RunBadge({ state, name }: { state: CardRunState | undefined; name: string }) {
  if (!state) return null;
  return (
    <div className={`run-badge ${statusClass(state.status)}`} data-testid={`run-badge-${name}`}>
      <span className="run-badge-status">{state.status}</span>
      {state.duration !== '' && <span className="run-badge-duration">{state.duration}</span>}
      {state.retries > 0 && <span className="run-badge-retries" title={`${state.retries} earlier attempt${state.retries === 1 ? '' : 's'}`}>↻{state.retries}</span>}
    </div>
  );
}
