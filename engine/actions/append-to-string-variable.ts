/**
 * AppendToStringVariable: `{"name", "value"}` adds text to the end of a String variable. A value
 * that is not a string is added as interpolation renders it (`True`, `12`, compact JSON); null is
 * refused, as for arrays. It records the inputs and no outputs.
 */
import { badRequest, inputMember, succeeded, textOf } from './action-support.js';
import type { ActionResult, PureActionContext, PureActionDescriptor } from './descriptor.js';
import { canonicalType, nameInput, overLimit, unknownVariable } from './variable-support.js';

function run(ctx: PureActionContext): ActionResult {
  const inputs = ctx.inputs();
  const name = nameInput(inputs, 'AppendToStringVariable');
  if (typeof name !== 'string') return name;
  if (!ctx.variables.has(name)) return unknownVariable(name);
  const type = canonicalType(ctx.variables.typeOf(name));
  if (type !== 'String') {
    return badRequest(`The variable '${name}' is of type '${type ?? 'unknown'}'; the action type 'AppendToStringVariable' only supports variables of type 'String'.`);
  }
  const value = inputMember(inputs, 'value');
  if (value === undefined || value === null) return badRequest("The value cannot be null. The action type 'AppendToStringVariable' needs a value to append.");
  const read = textOf(value);
  if ('error' in read) return badRequest(`The value appended to variable '${name}' cannot be read as text: ${read.error}.`);
  const current = ctx.variables.get(name) ?? null;
  if (current !== null && typeof current !== 'string') {
    return badRequest(`The variable '${name}' holds a value that is not a string; only a string can be appended to.`);
  }
  const base = current ?? '';
  const limit = overLimit(name, base + read.text, ctx.variables.limits);
  if (limit !== undefined) return limit;
  ctx.variables.set(name, base + read.text);
  return succeeded();
}

export const appendToStringVariableAction: PureActionDescriptor = {
  type: 'AppendToStringVariable',
  kind: 'pure',
  run,
};
