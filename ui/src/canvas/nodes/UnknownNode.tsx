/** A type the canvas has no card for: drawn visibly as "unknown", its JSON kept untouched. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from '../canvas-context';
import type { DesignerFlowNode } from '../to-flow';
import { AddAfterButton, cardClass, DeleteButton, Handles } from './CardParts';

export const UnknownNode = memo(function UnknownNode({ data, selected }: NodeProps<DesignerFlowNode>) {
  const { node } = data;
  const { issueIds } = useCanvasActions();
  return (
    <div className={cardClass(node, selected, issueIds)} data-testid={`node-${node.data.name}`} title={`Unknown type '${node.type || '(none)'}'`}>
      <Handles />
      <div className="card-title">{node.label}</div>
      <div className="card-type">unknown: {node.type || '(no type)'}</div>
      <DeleteButton node={node} />
      <AddAfterButton node={node} />
    </div>
  );
});
