/** Pieces every card shares: the hidden connection handles and the "add after" button. */
import { Handle, Position } from '@xyflow/react';
import type { MouseEvent } from 'react';
import type { GraphNode } from '../../graph/index';
import { useCanvasActions } from '../canvas-context';

export function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Top} isConnectable={false} className="handle" />
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="handle" />
    </>
  );
}

const stop = (e: MouseEvent): void => e.stopPropagation();

export function AddAfterButton({ node }: { node: GraphNode }) {
  const actions = useCanvasActions();
  const container = node.data.container ?? { kind: 'root' as const };
  const isTrigger = node.kind === 'trigger';
  if (actions.readOnly) return null;
  return (
    <button
      tabIndex={-1}
      className="add-after nodrag"
      title={`Add an action after ${node.label}`}
      aria-label={`Add an action after ${node.label}`}
      data-testid={`add-after-${node.data.name}`}
      onMouseDown={stop}
      onClick={(e) => {
        e.stopPropagation();
        actions.addAction(isTrigger ? { container: { kind: 'root' } } : { container, after: node.data.name });
      }}
    >
      +
    </button>
  );
}

export function DeleteButton({ node }: { node: GraphNode }) {
  const actions = useCanvasActions();
  if (actions.readOnly) return null;
  return (
    <button
      tabIndex={-1}
      className="card-delete nodrag"
      title={`Delete ${node.label}`}
      aria-label={`Delete ${node.label}`}
      data-testid={`delete-${node.data.name}`}
      onMouseDown={stop}
      onClick={(e) => {
        e.stopPropagation();
        actions.remove(node.data.name);
      }}
    >
      ×
    </button>
  );
}

export function MoveButton({ node }: { node: GraphNode }) {
  const actions = useCanvasActions();
  if (actions.readOnly) return null;
  return (
    <button
      tabIndex={-1}
      className="card-delete card-move nodrag"
      title={`Move ${node.label} to… (M)`}
      aria-label={`Move ${node.label} to…`}
      aria-haspopup="menu"
      data-testid={`move-${node.data.name}`}
      onMouseDown={stop}
      onClick={(e) => {
        e.stopPropagation();
        actions.move(node.data.name);
      }}
    >
      ⇄
    </button>
  );
}

export function cardClass(node: GraphNode, selected: boolean, issueIds: ReadonlySet<string>): string {
  return ['card', `card-${node.kind}`, selected ? 'selected' : '', issueIds.has(node.id) ? 'has-issue' : ''].filter(Boolean).join(' ');
}
