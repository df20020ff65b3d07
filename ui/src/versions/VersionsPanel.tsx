/**
 * The saved versions of a workflow (`GET /api/workflows/{name}/versions`): version and time, and a
 * line diff of the pretty-printed JSON of two chosen versions (additions green, removals red).
 */
import { useEffect, useMemo, useState } from 'react';
import { listWorkflowVersions, type WorkflowResource } from '../api/workflows-client';
import { diffStats, lineDiff, withContext } from './line-diff';
import './versions.css';

/** What a version's diff compares: its definition and parameters, as the API shows them. */
const versionText = (v: WorkflowResource): string =>
  JSON.stringify(v.properties.parameters === undefined ? { definition: v.properties.definition } : { definition: v.properties.definition, parameters: v.properties.parameters }, null, 2);

const when = (v: WorkflowResource): string => {
  const time = v.properties.changedTime ?? v.properties.createdTime;
  if (time === undefined) return '—';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? time : date.toLocaleString();
};

export function VersionsPanel({ workflowName, refreshKey }: { workflowName: string; refreshKey?: unknown }) {
  const [versions, setVersions] = useState<WorkflowResource[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [from, setFrom] = useState<string | undefined>();
  const [to, setTo] = useState<string | undefined>();
  const [allLines, setAllLines] = useState(false);

  useEffect(() => {
    let stopped = false;
    listWorkflowVersions(workflowName).then(
      (list) => {
        if (stopped) return;
        setVersions(list);
        // Default: the newest against the one before it.
        const last = list[list.length - 1];
        const before = list[list.length - 2];
        setTo((t) => t ?? last?.name);
        setFrom((f) => f ?? (before ?? last)?.name);
      },
      (e: unknown) => {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      stopped = true;
    };
  }, [workflowName, refreshKey]);

  const byName = useMemo(() => new Map((versions ?? []).map((v) => [v.name, v])), [versions]);
  const older = from === undefined ? undefined : byName.get(from);
  const newer = to === undefined ? undefined : byName.get(to);
  const diff = useMemo(() => (older && newer ? lineDiff(versionText(older), versionText(newer)) : []), [older, newer]);
  const stats = diffStats(diff);
  const shown = useMemo(() => (allLines ? diff : withContext(diff, 3)), [diff, allLines]);

  if (error) return <section className="versions-panel"><p className="error" role="alert">{error}</p></section>;
  if (!versions) return <section className="versions-panel"><p>Loading versions…</p></section>;

  const choose = (label: string, value: string | undefined, set: (v: string) => void, testId: string) => (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => set(e.target.value)} data-testid={testId}>
        {versions.map((v) => (
          <option key={v.name} value={v.name}>Version {v.properties.version}</option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="versions-panel" data-testid="versions-panel" aria-label="Versions">
      <div className="versions-list-wrap">
        <table className="versions-table" data-testid="versions-table">
          <thead>
            <tr><th>Version</th><th>Saved</th><th>Compare</th></tr>
          </thead>
          <tbody>
            {versions.slice().reverse().map((v) => (
              <tr key={v.name} data-testid={`version-row-${v.name}`} className={v.name === from || v.name === to ? 'chosen' : ''}>
                <td>{v.properties.version}</td>
                <td>{when(v)}</td>
                <td>
                  <button type="button" onClick={() => setFrom(v.name)} aria-pressed={v.name === from} title="Compare from this version">from</button>{' '}
                  <button type="button" onClick={() => setTo(v.name)} aria-pressed={v.name === to} title="Compare to this version">to</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="versions-diff-wrap">
        <div className="versions-toolbar">
          {choose('From', from, setFrom, 'versions-from')}
          {choose('To', to, setTo, 'versions-to')}
          <label>
            <input type="checkbox" checked={allLines} onChange={(e) => setAllLines(e.target.checked)} data-testid="versions-all-lines" /> All lines
          </label>
          <span className="versions-stats" data-testid="versions-stats">
            <span className="diff-added-count">+{stats.added}</span> <span className="diff-removed-count">−{stats.removed}</span>
          </span>
        </div>
        {stats.added === 0 && stats.removed === 0 && older && newer && <p className="versions-same">No differences.</p>}
        <pre className="versions-diff" data-testid="versions-diff">
          {shown.map((line, i) =>
            line.kind === 'skip' ? (
              <div key={i} className="diff-line diff-skip">
                <span className="diff-num" />
                <span className="diff-num" />
                <span className="diff-sign" />
                <span className="diff-text">⋯ {line.count} unchanged line{line.count === 1 ? '' : 's'}</span>
              </div>
            ) : (
            <div key={i} className={`diff-line diff-${line.kind}`}>
              <span className="diff-num">{line.kind === 'added' ? '' : line.oldLine}</span>
              <span className="diff-num">{line.kind === 'removed' ? '' : line.newLine}</span>
              <span className="diff-sign">{line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}</span>
              <span className="diff-text">{line.text}</span>
            </div>
            ),
          )}
        </pre>
      </div>
    </section>
  );
}
