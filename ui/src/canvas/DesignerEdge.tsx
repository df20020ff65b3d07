/**
 * A runAfter edge: a path, its label when it runs on anything but plain success (Failed, Skipped,
 * TimedOut), and a "+" in the middle that inserts an action on the edge.
 */
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from './canvas-context';
import type { DesignerFlowEdge } from './to-flow';

export const DesignerEdge = memo(function DesignerEdge(props: EdgeProps<DesignerFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const actions = useCanvasActions();
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 8 });
  const label = data?.label;
  const conditional = label !== undefined;
  const canInsert = !actions.readOnly && data !== undefined && data.targetName !== undefined && data.container !== undefined;
  const insert = (): void => {
    if (!data || data.targetName === undefined || data.container === undefined) return;
    actions.addAction(data.fromTrigger || data.sourceName === undefined ? { container: data.container, before: data.targetName } : { container: data.container, after: data.sourceName, before: data.targetName });
  };
  return (
    <>
      <BaseEdge id={id} path={path} className={conditional ? 'edge-conditional' : 'edge-plain'} />
      <EdgeLabelRenderer>
        <div className="edge-tools nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
          {conditional && (
            <span className="edge-label" data-testid={`edge-label-${data?.sourceName ?? ''}-${data?.targetName ?? ''}`}>
              {label}
            </span>
          )}
          {canInsert && (
            <button tabIndex={-1} className="edge-add" title="Insert an action here" aria-label={`Insert an action between ${data?.sourceName ?? 'the trigger'} and ${data?.targetName}`} data-testid={`add-on-edge-${data?.sourceName ?? ''}-${data?.targetName ?? ''}`} onClick={insert}>
              +
            </button>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
