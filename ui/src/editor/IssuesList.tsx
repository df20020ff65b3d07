/** Every validation issue of the last save, with its pointer; clicking one selects its card. */
import type { ValidationIssue } from '../api/http';

interface Props {
  issues: readonly ValidationIssue[];
  onPick: (issue: ValidationIssue) => void;
  onClose: () => void;
}

export function IssuesList({ issues, onPick, onClose }: Props) {
  if (issues.length === 0) return null;
  return (
    <section className="issues" data-testid="issues" aria-label="Validation issues">
      <div className="issues-head">
        <strong>{issues.length} validation issue{issues.length === 1 ? '' : 's'} — not saved</strong>
        <button onClick={onClose} aria-label="Hide issues">×</button>
      </div>
      <ol>
        {issues.map((issue, n) => (
          <li key={n}>
            <button className="issue" data-testid={`issue-${n}`} onClick={() => onPick(issue)}>
              <code>{issue.pointer || '/'}</code> {issue.message}
              {issue.code ? <span className="muted"> ({issue.code})</span> : null}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
