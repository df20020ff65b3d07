/** Published pipelines (status, version, endpoint URL with a copy button, disable/enable) and pipeline endpoints. */
import { useState } from 'react';
import { listPipelineEndpoints, listPublishedPipelines, setPublishedPipelineEnabled, type PublishedPipeline } from '../api/pipelines-client';
import { formatStart } from '../runs/run-format';
import { errorText, useLoad } from './use-load';

function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard refused (insecure origin): select nothing, the URL is shown next to the button anyway.
      return;
    }
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  };
  return (
    <button type="button" onClick={() => void copy()} aria-label={label} title={label}>
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

export function PublishedTab() {
  const pipelines = useLoad(listPublishedPipelines, []);
  const endpoints = useLoad(listPipelineEndpoints, []);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const names = new Map((pipelines.value ?? []).map((p) => [p.id, p]));

  const toggle = async (p: PublishedPipeline): Promise<void> => {
    try {
      await setPublishedPipelineEnabled(p.id, p.status !== 'Active');
      pipelines.reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  return (
    <div data-testid="published-tab">
      {message !== undefined && <div className="error" role="alert">{message}</div>}
      {pipelines.error !== undefined && <div className="error">{pipelines.error}</div>}
      <h2>Published pipelines</h2>
      <table className="pl-table">
        <thead>
          <tr><th>Name</th><th>Status</th><th>Version</th><th>Steps</th><th>Published</th><th>Endpoint URL</th><th /></tr>
        </thead>
        <tbody>
          {(pipelines.value ?? []).length === 0 && <tr><td colSpan={7} className="muted">No published pipelines.</td></tr>}
          {(pipelines.value ?? []).map((p) => (
            <tr key={p.id} data-testid={`published-row-${p.name}`}>
              <td>
                <a href={`#/pipelines/runs?pipeline=${encodeURIComponent(p.id)}`} title="Runs of this pipeline">{p.name}</a>
                {p.description !== undefined && <div className="muted">{p.description}</div>}
              </td>
              <td className={`pl-${p.status.toLowerCase()}`}>{p.status}</td>
              <td>{p.version ?? '—'}</td>
              <td>{p.totalRunSteps}</td>
              <td>{formatStart(p.publishedTime)}</td>
              <td className="pl-url">
                <code>{p.endpoint}</code> <CopyButton text={p.endpoint} label={`Copy the endpoint URL of ${p.name}`} />
              </td>
              <td>
                <button type="button" onClick={() => void toggle(p)}>{p.status === 'Active' ? 'Disable' : 'Enable'}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Pipeline endpoints</h2>
      <table className="pl-table">
        <thead>
          <tr><th>Name</th><th>Status</th><th>Default version</th><th>Versions</th></tr>
        </thead>
        <tbody>
          {(endpoints.value ?? []).length === 0 && <tr><td colSpan={4} className="muted">No pipeline endpoints.</td></tr>}
          {(endpoints.value ?? []).map((e) => (
            <tr key={e.id}>
              <td>{e.name}</td>
              <td className={`pl-${e.status.toLowerCase()}`}>{e.status}</td>
              <td>{e.defaultVersion}</td>
              <td>{e.versions.map((v) => `${v.version}: ${names.get(v.pipelineId)?.name ?? v.pipelineId}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
