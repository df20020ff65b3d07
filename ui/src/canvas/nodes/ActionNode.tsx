/** A plain action card: name, type, add-after and delete. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from '../canvas-context';
import type { DesignerFlowNode } from '../to-flow';
import { AddAfterButton, cardClass, DeleteButton, Handles } from './CardParts';

export const ActionNode = memo(function ActionNode({ data, selected }: NodeProps<DesignerFlowNode>) {
  const { node } = data;
  const { issueIds } = useCanvasActions();
  return (
    <div className={cardClass(node, selected, issueIds)} data-testid={`node-${node.data.name}`} title={`${node.label} (${node.type})`}>
      <Handles />
      <div className="card-title">{node.label}</div>
      <div className="card-type">{node.type}</div>
      <DeleteButton node={node} />
      <AddAfterButton node={node} />
    </div>
  );
});
