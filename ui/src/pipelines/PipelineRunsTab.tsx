/** Pipeline runs, newest first, filtered by published pipeline; refreshes while any run is in progress. */
import { listPipelineRuns, listPublishedPipelines } from '../api/pipelines-client';
import { formatDuration, formatStart } from '../runs/run-format';
import { navigate } from '../router';
import { useLoad } from './use-load';

export function PipelineRunsTab({ pipelineId }: { pipelineId: string | undefined }) {
  const pipelines = useLoad(listPublishedPipelines, []);
  const runs = useLoad(() => listPipelineRuns(pipelineId), [pipelineId], (list) => list.some((r) => r.status === 'Running' || r.status === 'NotStarted'));
  const names = new Map((pipelines.value ?? []).map((p) => [p.id, p.name]));
  const open = (id: string): void => navigate(`/pipelines/runs/${encodeURIComponent(id)}`);
  return (
    <div data-testid="pipeline-runs-tab">
      <div className="toolbar">
        <label>
          Pipeline{' '}
          <select
            value={pipelineId ?? ''}
            data-testid="pipeline-runs-filter"
            onChange={(e) => navigate(e.target.value === '' ? '/pipelines/runs' : `/pipelines/runs?pipeline=${encodeURIComponent(e.target.value)}`)}
          >
            <option value="">All</option>
            {(pipelines.value ?? []).map((p) => (
              <option key={p.id} value={p.id}>{p.name}{p.version === undefined ? '' : ` (${p.version})`}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={runs.reload}>Refresh</button>
      </div>
      {runs.error !== undefined && <div className="error">{runs.error}</div>}
      <table className="pl-table">
        <thead>
          <tr><th>Status</th><th>Pipeline</th><th>Experiment</th><th>Created</th><th>Duration</th><th>Run</th></tr>
        </thead>
        <tbody>
          {(runs.value ?? []).length === 0 && <tr><td colSpan={6} className="muted">No pipeline runs.</td></tr>}
          {(runs.value ?? []).map((r) => (
            <tr
              key={r.id}
              className="pl-row"
              tabIndex={0}
              data-testid={`pipeline-run-row-${r.id}`}
              onClick={() => open(r.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') open(r.id);
              }}
            >
              <td className={`pl-${r.status.toLowerCase()}`}>{r.status}</td>
              <td>{r.publishedPipelineId === undefined ? '—' : names.get(r.publishedPipelineId) ?? r.publishedPipelineId}</td>
              <td>{r.experimentName}</td>
              <td>{formatStart(r.createdTime)}</td>
              <td>{formatDuration(r.createdTime, r.endTime)}</td>
              <td><a href={`#/pipelines/runs/${encodeURIComponent(r.id)}`}><code>{r.id.slice(0, 8)}</code></a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
