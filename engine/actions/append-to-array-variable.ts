/**
 * AppendToArrayVariable: `{"name", "value"}` adds one item to the end of an Array variable.
 * Logic Apps refuses null and arrays as the item ("The value cannot be null. The action type
 * 'AppendToArrayVariable' only supports values of types 'Float, Integer, String, Boolean,
 * Object'."). It records the inputs and no outputs.
 */
import type { Value } from '../expressions/value.js';
import { badRequest, inputMember, succeeded, typeName } from './action-support.js';
import type { ActionResult, PureActionContext, PureActionDescriptor } from './descriptor.js';
import { canonicalType, nameInput, overLimit, unknownVariable } from './variable-support.js';

const SUPPORTED = "The action type 'AppendToArrayVariable' only supports values of types 'Float, Integer, String, Boolean, Object'.";

function run(ctx: PureActionContext): ActionResult {
  const inputs = ctx.inputs();
  const name = nameInput(inputs, 'AppendToArrayVariable');
  if (typeof name !== 'string') return name;
  if (!ctx.variables.has(name)) return unknownVariable(name);
  const type = canonicalType(ctx.variables.typeOf(name));
  if (type !== 'Array') {
    return badRequest(`The variable '${name}' is of type '${type ?? 'unknown'}'; the action type 'AppendToArrayVariable' only supports variables of type 'Array'.`);
  }
  const item = inputMember(inputs, 'value');
  if (item === undefined || item === null) return badRequest(`The value cannot be null. ${SUPPORTED}`);
  if (Array.isArray(item)) return badRequest(`${SUPPORTED} The provided value is of type '${typeName(item)}'.`);
  const current = ctx.variables.get(name) ?? null;
  if (current !== null && !Array.isArray(current)) {
    return badRequest(`The variable '${name}' holds a value of type '${typeName(current)}'; only an array can be appended to.`);
  }
  // A new array rather than a push: run state is a value, and earlier snapshots must not change.
  const next: Value[] = current === null ? [item] : [...current, item];
  const limit = overLimit(name, next, ctx.variables.limits);
  if (limit !== undefined) return limit;
  ctx.variables.set(name, next);
  return succeeded();
}

export const appendToArrayVariableAction: PureActionDescriptor = {
  type: 'AppendToArrayVariable',
  kind: 'pure',
  run,
};
