/** IncrementVariable: adds `value` (default 1) to an Integer or Float variable (see variable-step.ts). */
import type { PureActionDescriptor } from './descriptor.js';
import { stepVariable } from './variable-step.js';

export const incrementVariableAction: PureActionDescriptor = {
  type: 'IncrementVariable',
  kind: 'pure',
  run: (ctx) => stepVariable(ctx, 1),
};
