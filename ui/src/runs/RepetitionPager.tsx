/**
 * Iterations of a loop, one page each: for an action inside a Foreach/Until, its own executions;
 * for the loop's card, the executions of the actions directly inside it at that iteration.
 * Reads `GET .../runs/{id}/actions/{action}/repetitions` for each action named.
 */
import { useEffect, useMemo, useState } from 'react';
import { listRepetitions, type ActionResource } from '../api/runs-client';
import { RunPayload } from './RunPayload';
import { repetitionLabel, securedPayloads } from './run-overlay';

export interface RepetitionPagerProps {
  workflowName: string;
  runId: string;
  /** The actions whose repetitions are paged, with their JSON from the definition. */
  actions: readonly { name: string; action: unknown }[];
  /** Changes when the run changes (reload while it runs). */
  version: string;
}

export function RepetitionPager({ workflowName, runId, actions, version }: RepetitionPagerProps) {
  const [byAction, setByAction] = useState<Map<string, ActionResource[]>>(new Map());
  const [error, setError] = useState<string | undefined>();
  const [page, setPage] = useState(0);
  const names = actions.map((a) => a.name).join('\n');

  useEffect(() => {
    let stopped = false;
    Promise.all(actions.map(async (a) => [a.name, await listRepetitions(workflowName, runId, a.name).catch(() => [] as ActionResource[])] as const))
      .then((pairs) => {
        if (!stopped) setByAction(new Map(pairs));
      })
      .catch((e: unknown) => {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      stopped = true;
    };
    // `names` stands for `actions` (a new array each render).
  }, [workflowName, runId, names, version]);

  const iterations = useMemo(() => [...new Set([...byAction.values()].flatMap((list) => list.map((r) => r.name)))].sort(), [byAction]);
  if (error) return <div className="run-error">{error}</div>;
  if (iterations.length === 0) return <p className="run-pager-empty">No iterations recorded.</p>;
  const at = Math.min(page, iterations.length - 1);
  const iteration = iterations[at]!;

  return (
    <section className="run-pager" data-testid="run-pager" aria-label="Iterations">
      <div className="run-pager-nav">
        <button type="button" disabled={at === 0} onClick={() => setPage(at - 1)} data-testid="run-pager-prev" aria-label="Previous iteration">‹</button>
        <span data-testid="run-pager-position">
          Iteration {repetitionLabel(iteration)} ({at + 1} of {iterations.length})
        </span>
        <button type="button" disabled={at === iterations.length - 1} onClick={() => setPage(at + 1)} data-testid="run-pager-next" aria-label="Next iteration">›</button>
      </div>
      {actions.map(({ name, action }) => {
        const execution = byAction.get(name)?.find((r) => r.name === iteration);
        if (!execution) return null;
        const p = execution.properties;
        const secured = securedPayloads(execution, action);
        return (
          <div key={name} className={`run-action status-${p.status.toLowerCase()}`}>
            <div className="run-action-head">
              {actions.length > 1 && <strong>{name}</strong>}
              <span className="run-status">{p.status}</span>
              {(p.retryHistory?.length ?? 0) > 0 && <span className="run-retries">{p.retryHistory!.length} retries</span>}
            </div>
            {p.error && <div className="run-error">{p.error.code}: {p.error.message}</div>}
            <RunPayload label="Inputs" value={p.inputs} secured={secured.inputs} testId={`run-iteration-inputs-${name}`} />
            <RunPayload label="Outputs" value={p.outputs} secured={secured.outputs} testId={`run-iteration-outputs-${name}`} />
          </div>
        );
      })}
    </section>
  );
}
