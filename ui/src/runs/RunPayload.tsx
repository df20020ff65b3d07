/** An execution's inputs or outputs as the server sent them, or `(secured)` when they are hidden. */
import { formatJson } from './run-format';

export function RunPayload({ label, value, secured, testId, open = false }: { label: string; value: unknown; secured: boolean; testId: string; open?: boolean }) {
  if (secured) {
    return (
      <div className="run-payload secured" data-testid={testId}>
        <strong>{label}</strong> <span className="secured-note">(secured)</span>
      </div>
    );
  }
  if (value === undefined) return null;
  return (
    <details className="run-payload" data-testid={testId} open={open}>
      <summary>{label}</summary>
      <pre>{formatJson(value)}</pre>
    </details>
  );
}
