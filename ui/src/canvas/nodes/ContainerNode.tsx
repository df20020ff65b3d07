/** Scope/Foreach/Until (a body) and If/Switch (lanes side by side): a titled box, collapsible. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useCanvasActions } from '../canvas-context';
import type { DesignerFlowNode } from '../to-flow';
import { AddAfterButton, cardClass, DeleteButton, Handles, MoveButton } from './CardParts';
import { RunBadge, runAttributes } from './RunBadge';

export const ContainerNode = memo(function ContainerNode({ data, selected }: NodeProps<DesignerFlowNode>) {
  const { node, empty } = data;
  const actions = useCanvasActions();
  const collapsed = node.collapsed === true;
  const run = actions.runStates?.get(node.id);
  const { className: runClass, ...runAttrs } = runAttributes(run, actions.runStates !== undefined);
  return (
    <div className={`${cardClass(node, selected, actions.issueIds)}${collapsed ? ' collapsed' : ''}${runClass}`} {...runAttrs} data-testid={`node-${node.data.name}`}>
      <Handles />
      <div className="container-header">
        <button
      tabIndex={-1}
          className="collapse-toggle nodrag"
          aria-expanded={!collapsed}
          aria-label={collapsed ? `Expand ${node.label}` : `Collapse ${node.label}`}
          data-testid={`toggle-${node.data.name}`}
          onClick={(e) => {
            e.stopPropagation();
            actions.toggleCollapsed(node.data.name);
          }}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        <span className="card-title">{node.label}</span>
        <span className="card-type">{node.type}</span>
        <RunBadge state={run} name={node.data.name} />
      </div>
      {!collapsed && empty && node.data.body && !actions.readOnly && (
        <button
      tabIndex={-1}
          className="add-inside nodrag"
          data-testid={`add-inside-${node.data.name}`}
          onClick={(e) => {
            e.stopPropagation();
            actions.addAction({ container: node.data.body! });
          }}
        >
          + Add an action
        </button>
      )}
      <MoveButton node={node} />
      <DeleteButton node={node} />
      <AddAfterButton node={node} />
    </div>
  );
});
