/** A plain action card: name, type, add-after and delete. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from '../canvas-context';
import type { DesignerFlowNode } from '../to-flow';
import { AddAfterButton, cardClass, DeleteButton, Handles, MoveButton } from './CardParts';
import { RunBadge, runAttributes } from './RunBadge';

export const ActionNode = memo(function ActionNode({ data, selected }: NodeProps<DesignerFlowNode>) {
  const { node } = data;
  const { issueIds, runStates } = useCanvasActions();
  const run = runStates?.get(node.id);
  const { className: runClass, ...runAttrs } = runAttributes(run, runStates !== undefined);
  return (
    <div className={cardClass(node, selected, issueIds) + runClass} {...runAttrs} data-testid={`node-${node.data.name}`} title={`${node.label} (${node.type})`}>
      <Handles />
      <div className="card-title">{node.label}</div>
      <div className="card-type">{node.type}</div>
      <RunBadge state={run} name={node.data.name} />
      <MoveButton node={node} />
      <DeleteButton node={node} />
      <AddAfterButton node={node} />
    </div>
  );
});
