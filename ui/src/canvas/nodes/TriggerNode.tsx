/** The trigger card: first on the canvas; its button replaces the trigger from the catalogue. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from '../canvas-context';
import type { DesignerFlowNode } from '../to-flow';
import { AddAfterButton, cardClass, Handles } from './CardParts';
import { RunBadge, runAttributes } from './RunBadge';

export const TriggerNode = memo(function TriggerNode({ data, selected }: NodeProps<DesignerFlowNode>) {
  const { node } = data;
  const actions = useCanvasActions();
  const run = actions.runStates?.get(node.id);
  const { className: runClass, ...runAttrs } = runAttributes(run, actions.runStates !== undefined);
  return (
    <div className={cardClass(node, selected, actions.issueIds) + runClass} {...runAttrs} data-testid={`node-${node.data.name}`} title={`Trigger ${node.label} (${node.type})`}>
      <Handles />
      <div className="card-kicker">Trigger</div>
      <div className="card-title">{node.label}</div>
      <div className="card-type">{node.type}</div>
      <RunBadge state={run} name={node.data.name} />
      {!actions.readOnly && <button
      tabIndex={-1}
        className="card-change nodrag"
        data-testid="change-trigger"
        title="Replace the trigger"
        onClick={(e) => {
          e.stopPropagation();
          actions.replaceTrigger(node.data.name);
        }}
      >
        ⇄
      </button>}
      <AddAfterButton node={node} />
    </div>
  );
});
