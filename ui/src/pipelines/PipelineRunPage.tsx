/**
 * One pipeline run: its status, the step graph (steps as cards in dependency order, a column per
 * depth, coloured by status, reused steps naming the run they reused), and the selected step's live
 * log, outputs and metrics. Refreshes every second while the run is in progress.
 */
import { useState } from 'react';
import { cancelPipelineRun, getPipelineRun, getPublishedPipeline, listStepRuns, type PipelineRun, type StepRun } from '../api/pipelines-client';
import { formatDuration, formatStart } from '../runs/run-format';
import { stepColumns } from './step-layout';
import { StepLog } from './StepLog';
import { errorText, useLoad } from './use-load';

const inProgress = (status: string): boolean => status === 'Running' || status === 'NotStarted' || status === 'Queued';

interface RunView {
  run: PipelineRun;
  steps: StepRun[];
}

async function loadRun(runId: string): Promise<RunView> {
  const [run, steps] = await Promise.all([getPipelineRun(runId), listStepRuns(runId)]);
  return { run, steps };
}

export function PipelineRunPage({ runId }: { runId: string }) {
  const view = useLoad(() => loadRun(runId), [runId], (v) => inProgress(v.run.status));
  const pipelineId = view.value?.run.publishedPipelineId;
  const pipeline = useLoad(() => (pipelineId === undefined ? Promise.resolve(undefined) : getPublishedPipeline(pipelineId)), [pipelineId]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | undefined>(undefined);

  if (view.value === undefined) {
    return <div className="page">{view.error !== undefined ? <div className="error">{view.error}</div> : <p className="muted">Loading…</p>}</div>;
  }
  const { run, steps } = view.value;
  const graph = pipeline.value?.steps ?? steps.map((s) => ({ name: s.stepName, dependsOn: [] }));
  const byName = new Map(steps.map((s) => [s.stepName, s]));
  const columns = stepColumns(graph.length > 0 ? graph : steps.map((s) => ({ name: s.stepName, dependsOn: [] })));
  const current = selected ?? steps.find((s) => s.status === 'Running')?.stepName ?? steps[0]?.stepName;
  const step = current === undefined ? undefined : byName.get(current);

  const cancel = async (): Promise<void> => {
    try {
      await cancelPipelineRun(run.id);
      view.reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  return (
    <div className="page pipeline-run" data-testid="pipeline-run">
      <div className="toolbar">
        <a href="#/pipelines/runs">← Runs</a>
        <span className="spacer" />
        {inProgress(run.status) && <button type="button" className="danger" onClick={() => void cancel()}>Cancel run</button>}
      </div>
      <h1>
        {pipeline.value?.name ?? run.displayName ?? 'Pipeline run'}{' '}
        <span className={`pl-status pl-${run.status.toLowerCase()}`} data-testid="pipeline-run-status">{run.status}</span>
      </h1>
      <p className="muted">
        Run <code>{run.id}</code> · experiment {run.experimentName} · created {formatStart(run.createdTime)} · {formatDuration(run.createdTime, run.endTime)}
      </p>
      {run.error !== undefined && <div className="error">{run.error.code}: {run.error.message}</div>}
      {message !== undefined && <div className="error" role="alert">{message}</div>}
      <div className="step-graph" data-testid="step-graph">
        {columns.map((column, i) => [
          i > 0 && <span className="step-arrow" key={`arrow-${i}`} aria-hidden="true">→</span>,
          <div className="step-column" key={i}>
            {column.map((name) => {
              const s = byName.get(name);
              const status = s?.status ?? 'NotStarted';
              const deps = graph.find((g) => g.name === name)?.dependsOn ?? [];
              return (
                <button
                  type="button"
                  key={name}
                  className={`step-card pl-${status.toLowerCase()}${name === current ? ' selected' : ''}`}
                  data-testid={`step-card-${name}`}
                  onClick={() => setSelected(name)}
                >
                  <strong>{name}</strong>
                  <span className="step-status">{status}</span>
                  <span className="muted">{formatDuration(s?.startTime, s?.endTime)}</span>
                  {deps.length > 0 && <span className="muted">after {deps.join(', ')}</span>}
                  {s?.reusedFromRunId !== undefined && <span className="step-reused" title={s.reusedFromRunId}>reused from {s.reusedFromRunId.slice(0, 8)}</span>}
                </button>
              );
            })}
          </div>,
        ])}
      </div>
      {step !== undefined && (
        <section className="step-detail" data-testid="step-detail">
          <h2>{step.stepName}</h2>
          {step.error !== undefined && <div className="error">{step.error.code}: {step.error.message}</div>}
          {step.exitCode !== undefined && <p className="muted">Exit code {step.exitCode}</p>}
          <div className="step-facts">
            <div>
              <h3>Outputs</h3>
              {Object.keys(step.outputs).length === 0 ? <p className="muted">None.</p> : (
                <ul>
                  {Object.entries(step.outputs).map(([k, o]) => (
                    <li key={k}><strong>{k}</strong>: {o.datastore}/{o.path}</li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3>Metrics</h3>
              {Object.keys(step.metrics).length === 0 ? <p className="muted">None.</p> : (
                <table className="pl-table" data-testid="step-metrics">
                  <tbody>
                    {Object.entries(step.metrics).map(([k, v]) => (
                      <tr key={k}><td>{k}</td><td>{String(v)}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
          {step.startTime === undefined ? (
            <p className="muted" data-testid={`step-log-${step.stepName}`}>Not started: no log yet.</p>
          ) : (
            <StepLog runId={run.id} step={step.stepName} live={inProgress(step.status) || inProgress(run.status)} />
          )}
        </section>
      )}
    </div>
  );
}
