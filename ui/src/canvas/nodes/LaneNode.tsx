/** One branch of an If (True/False) or Switch (a case, Default): a labelled column. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from '../canvas-context';
import type { DesignerFlowNode } from '../to-flow';

export const LaneNode = memo(function LaneNode({ data }: NodeProps<DesignerFlowNode>) {
  const { node, empty } = data;
  const actions = useCanvasActions();
  const container = node.data.container;
  return (
    <div className="lane" data-testid={`lane-${node.data.name}-${node.label}`}>
      <div className="lane-label">{node.label}</div>
      {empty && container && !actions.readOnly && (
        <button
      tabIndex={-1}
          className="add-inside nodrag"
          data-testid={`add-inside-${node.data.name}-${node.label}`}
          onClick={(e) => {
            e.stopPropagation();
            actions.addAction({ container });
          }}
        >
          + Add an action
        </button>
      )}
    </div>
  );
});
