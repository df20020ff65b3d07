/** The canvas's node components by graph node kind (CONVENTIONS §14: unknown types get a card too). */
import type { NodeTypes } from '@xyflow/react';
import { ActionNode } from './ActionNode';
import { ContainerNode } from './ContainerNode';
import { LaneNode } from './LaneNode';
import { TriggerNode } from './TriggerNode';
import { UnknownNode } from './UnknownNode';

export const nodeTypes: NodeTypes = {
  trigger: TriggerNode,
  action: ActionNode,
  container: ContainerNode,
  lane: LaneNode,
  unknown: UnknownNode,
};
