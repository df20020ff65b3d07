/**
 * Compose: the evaluated inputs are the outputs, kind preserved and without a `body` wrapper, so
 * `outputs('Compose')` is the value itself.
 */
import { succeeded } from './action-support.js';
import type { PureActionDescriptor } from './descriptor.js';

export const composeAction: PureActionDescriptor = {
  type: 'Compose',
  kind: 'pure',
  run: (ctx) => succeeded(ctx.inputs()),
};
