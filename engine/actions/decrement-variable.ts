/** DecrementVariable: subtracts `value` (default 1) from an Integer or Float variable (see variable-step.ts). */
import type { PureActionDescriptor } from './descriptor.js';
import { stepVariable } from './variable-step.js';

export const decrementVariableAction: PureActionDescriptor = {
  type: 'DecrementVariable',
  kind: 'pure',
  run: (ctx) => stepVariable(ctx, -1),
};
