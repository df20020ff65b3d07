/**
 * InitializeVariable: `{"variables": [{"name", "type", "value"?}]}` declares run variables. The
 * designer writes one per action; definitions with several are accepted, and either all are
 * declared or, when one is wrong, none is. Logic Apps records the inputs and no outputs.
 */
import { getMember, isObject, type Value } from '../expressions/value.js';
import { badRequest, inputMember, succeeded, typeName } from './action-support.js';
import type { ActionResult, PureActionContext, PureActionDescriptor, VariableLimits } from './descriptor.js';
import { canonicalType, defaultValue, fitsType, overLimit, typeMismatch, type VariableType } from './variable-support.js';

interface Declaration {
  name: string;
  type: VariableType;
  value: Value;
}

function declaration(entry: Value, index: number, limits?: VariableLimits): Declaration | ActionResult {
  if (!isObject(entry)) return badRequest(`The variable at index ${index} of the 'variables' input must be an object with 'name', 'type' and 'value'.`);
  const name = getMember(entry, 'name');
  if (typeof name !== 'string' || name === '') {
    return badRequest(`The variable at index ${index} of the 'variables' input must have a non-empty string 'name'; got a value of type '${typeName(name)}'.`);
  }
  const written = getMember(entry, 'type');
  const type = canonicalType(written);
  if (type === undefined) {
    return badRequest(`The variable '${name}' has type ${typeof written === 'string' ? `'${written}'` : 'missing'}; the type must be one of Boolean, Integer, Float, String, Object, Array.`);
  }
  const given = getMember(entry, 'value');
  const value = given === undefined ? defaultValue(type) : given;
  if (!fitsType(type, value)) return typeMismatch(name, type, value);
  return overLimit(name, value, limits) ?? { name, type, value };
}

function run(ctx: PureActionContext): ActionResult {
  const list = inputMember(ctx.inputs(), 'variables');
  if (!Array.isArray(list) || list.length === 0) {
    return badRequest(`The 'variables' property of action '${ctx.name}' must be a non-empty array of {name, type, value} objects.`);
  }
  const declarations: Declaration[] = [];
  for (let i = 0; i < list.length; i++) {
    const d = declaration(list[i]!, i, ctx.variables.limits);
    if ('status' in d) return d;
    const lower = d.name.toLowerCase();
    if (ctx.variables.has(d.name) || declarations.some((x) => x.name.toLowerCase() === lower)) {
      return badRequest(`The variable '${d.name}' has already been initialized; a variable is declared only once per run.`);
    }
    declarations.push(d);
  }
  for (const d of declarations) ctx.variables.declare(d.name, d.type, d.value);
  return succeeded();
}

export const initializeVariableAction: PureActionDescriptor = {
  type: 'InitializeVariable',
  kind: 'pure',
  run,
};
