/** The pure built-in actions, by canonical type name. An explicit list: no directory scans. */
import { appendToArrayVariableAction } from './append-to-array-variable.js';
import { appendToStringVariableAction } from './append-to-string-variable.js';
import { composeAction } from './compose.js';
import { decrementVariableAction } from './decrement-variable.js';
import type { PureActionDescriptor } from './descriptor.js';
import { incrementVariableAction } from './increment-variable.js';
import { initializeVariableAction } from './initialize-variable.js';
import { joinAction } from './join.js';
import { parseJsonAction } from './parse-json.js';
import { queryAction } from './query.js';
import { selectAction } from './select.js';
import { setVariableAction } from './set-variable.js';
import { tableAction } from './table.js';

export const pureActions: PureActionDescriptor[] = [
  composeAction,
  parseJsonAction,
  queryAction,
  selectAction,
  joinAction,
  tableAction,
  initializeVariableAction,
  setVariableAction,
  incrementVariableAction,
  decrementVariableAction,
  appendToArrayVariableAction,
  appendToStringVariableAction,
];
