/**
 * A stale save: someone else saved the workflow after the version this editor loaded. The user
 * chooses; nothing typed is lost unless they pick "Reload theirs (discard mine)".
 */
import { useEffect, useRef } from 'react';
import '../versions/versions.css';

/** The server's 409 message, for a conflict the editor finds before sending its save. */
export const conflictMessage = (name: string, current: number, edited: number): string =>
  `workflow ${name} was saved by someone else: version ${current} is current, you edited version ${edited}`;

export interface ConflictDialogProps {
  /** The server's message: `workflow X was saved by someone else: version N is current, you edited version M`. */
  message: string;
  busy: boolean;
  onReloadTheirs(): void;
  onOverwrite(): void;
  onCancel(): void;
}

export function ConflictDialog({ message, busy, onReloadTheirs, onOverwrite, onCancel }: ConflictDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="modal-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <div className="conflict-dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-message" data-testid="conflict-dialog">
        <h2 id="conflict-title">Someone else saved this workflow</h2>
        <p id="conflict-message" data-testid="conflict-message">{message}.</p>
        <p>Your changes are still here. Choose what to keep:</p>
        <div className="conflict-choices">
          <button type="button" className="danger" disabled={busy} onClick={onReloadTheirs} data-testid="conflict-reload">
            Reload theirs (discard mine)
          </button>
          <button type="button" className="primary" disabled={busy} onClick={onOverwrite} data-testid="conflict-overwrite">
            Overwrite with mine
          </button>
          <button type="button" ref={cancel} disabled={busy} onClick={onCancel} data-testid="conflict-cancel">
            Cancel (keep editing)
          </button>
        </div>
      </div>
    </div>
  );
}
