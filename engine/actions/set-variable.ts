/**
 * SetVariable: `{"name", "value"}` replaces the value of a declared variable; the value must fit
 * the declared type. Outputs `{"body": {"name", "value"}}`.
 */
import { badRequest, inputMember, succeeded } from './action-support.js';
import type { ActionResult, PureActionContext, PureActionDescriptor } from './descriptor.js';
import { canonicalType, fitsType, nameInput, overLimit, typeMismatch, unknownVariable, variableOutputs } from './variable-support.js';

function run(ctx: PureActionContext): ActionResult {
  const inputs = ctx.inputs();
  const name = nameInput(inputs, 'SetVariable');
  if (typeof name !== 'string') return name;
  if (!ctx.variables.has(name)) return unknownVariable(name);
  const value = inputMember(inputs, 'value');
  if (value === undefined) return badRequest(`The 'value' property of action '${ctx.name}' is required: SetVariable needs the new value.`);
  const declared = ctx.variables.typeOf(name) ?? '';
  const type = canonicalType(declared);
  if (type !== undefined && !fitsType(type, value)) return typeMismatch(name, type, value);
  const limit = overLimit(name, value, ctx.variables.limits);
  if (limit !== undefined) return limit;
  ctx.variables.set(name, value);
  return succeeded(variableOutputs(name, value));
}

export const setVariableAction: PureActionDescriptor = {
  type: 'SetVariable',
  kind: 'pure',
  run,
};
