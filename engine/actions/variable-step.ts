/**
 * IncrementVariable and DecrementVariable: `{"name", "value"?}` adds or subtracts `value`
 * (default 1) to an Integer or Float variable. An Integer stays a checked 64-bit integer (the
 * step must be integral); a Float becomes a float. Outputs `{"body": {"name", "value"}}`.
 */
import { int64Add, int64Sub } from '../expressions/functions/int64-math.js';
import { isInteger, isNumber, makeFloat, toDouble, type Value } from '../expressions/value.js';
import { badRequest, inputMember, succeeded, typeName } from './action-support.js';
import type { ActionResult, PureActionContext } from './descriptor.js';
import { canonicalType, nameInput, typeMismatch, unknownVariable, variableOutputs } from './variable-support.js';

export function stepVariable(ctx: PureActionContext, sign: 1 | -1): ActionResult {
  const actionType = sign > 0 ? 'IncrementVariable' : 'DecrementVariable';
  const inputs = ctx.inputs();
  const name = nameInput(inputs, actionType);
  if (typeof name !== 'string') return name;
  if (!ctx.variables.has(name)) return unknownVariable(name);
  const type = canonicalType(ctx.variables.typeOf(name));
  if (type !== 'Integer' && type !== 'Float') {
    return badRequest(`The variable '${name}' is of type '${type ?? 'unknown'}'; the action type '${actionType}' only supports variables of types 'Integer, Float'.`);
  }
  const given = inputMember(inputs, 'value');
  const step: Value = given === undefined ? 1 : given;
  if (!isNumber(step) || (type === 'Integer' && !isInteger(step))) return typeMismatch(name, type, step);
  const current = ctx.variables.get(name) ?? null;
  if (!isNumber(current)) {
    return badRequest(`The variable '${name}' holds a value of type '${typeName(current)}'; the action type '${actionType}' needs a number to change.`);
  }
  let next: Value | undefined;
  if (type === 'Integer' && isInteger(current) && isInteger(step)) {
    next = sign > 0 ? int64Add(current, step) : int64Sub(current, step);
    if (next === undefined) {
      return badRequest(`The variable '${name}' cannot be ${sign > 0 ? 'incremented' : 'decremented'}: the result does not fit in a signed 64-bit integer.`);
    }
  } else {
    next = makeFloat(toDouble(current) + sign * toDouble(step));
  }
  ctx.variables.set(name, next);
  return succeeded(variableOutputs(name, next));
}

