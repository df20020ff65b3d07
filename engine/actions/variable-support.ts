/**
 * What the variable actions share: the declared types, whether a value fits one, the size limits,
 * and the wording of their failures. The runtime reports these as `BadRequest`, e.g. "The value
 * cannot be null. The action type 'AppendToArrayVariable' only supports values of types 'Float,
 * Integer, String, Boolean, Object'."
 */
import { isInteger, isNumber, isObject, makeFloat, type Value } from '../expressions/value.js';
import { badRequest, inputMember, MAX_TEXT_LENGTH, typeName } from './action-support.js';
import type { ActionResult, VariableLimits } from './descriptor.js';

export type VariableType = 'Boolean' | 'Integer' | 'Float' | 'String' | 'Object' | 'Array';

const TYPES: readonly VariableType[] = ['Boolean', 'Integer', 'Float', 'String', 'Object', 'Array'];

/** Logic Apps limits (spec §9): items of an array variable, characters of a string variable. */
export const MAX_ARRAY_VARIABLE_ITEMS = 100_000;
export const MAX_STRING_VARIABLE_LENGTH = MAX_TEXT_LENGTH;
export const DEFAULT_VARIABLE_LIMITS: VariableLimits = Object.freeze({ arrayItems: MAX_ARRAY_VARIABLE_ITEMS, stringChars: MAX_STRING_VARIABLE_LENGTH });

/** The canonical spelling of a declared type (definitions write `integer`, `Integer`, `INTEGER`...). */
export function canonicalType(type: Value | undefined): VariableType | undefined {
  if (typeof type !== 'string') return undefined;
  const lower = type.toLowerCase();
  return TYPES.find((t) => t.toLowerCase() === lower);
}

/**
 * The value a variable declared without one starts with. Designers omit an empty value, and
 * workflows then append to or increment such variables, so each type starts from its empty value.
 */
export function defaultValue(type: VariableType): Value {
  switch (type) {
    case 'Boolean':
      return false;
    case 'Integer':
      return 0;
    case 'Float':
      return makeFloat(0);
    case 'String':
      return '';
    case 'Object':
      return {};
    case 'Array':
      return [];
  }
}

/** The kinds of value a variable of the type takes (null is accepted for every type). */
function supportedKinds(type: VariableType): string {
  return type === 'Float' ? 'Float, Integer' : type;
}

export function fitsType(type: VariableType, value: Value): boolean {
  if (value === null) return true;
  switch (type) {
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Integer':
      return isInteger(value);
    case 'Float':
      return isNumber(value);
    case 'String':
      return typeof value === 'string';
    case 'Object':
      return isObject(value);
    case 'Array':
      return Array.isArray(value);
  }
}

export function typeMismatch(name: string, type: string, value: Value): ActionResult {
  const kinds = canonicalType(type);
  return badRequest(
    `The variable '${name}' of type '${type}' cannot be initialized or updated with value of type '${typeName(value)}'. ` +
      `The variable '${name}' only supports values of types '${kinds === undefined ? type : supportedKinds(kinds)}'.`,
  );
}

export function unknownVariable(name: string): ActionResult {
  return badRequest(`The variable '${name}' does not exist: it must be declared by an InitializeVariable action that has run before this action.`);
}

/** A value over the size limits of a variable, or undefined when it is within them. */
export function overLimit(name: string, value: Value, limits: VariableLimits = DEFAULT_VARIABLE_LIMITS): ActionResult | undefined {
  if (Array.isArray(value) && value.length > limits.arrayItems) {
    return badRequest(`The variable '${name}' would hold ${value.length} items; an array variable holds at most ${limits.arrayItems} items.`);
  }
  if (typeof value === 'string' && value.length > limits.stringChars) {
    return badRequest(`The variable '${name}' would hold ${value.length} characters; a string variable holds at most ${limits.stringChars} characters.`);
  }
  return undefined;
}

/** The `name` input of Set/Increment/Decrement/Append: a non-empty string. */
export function nameInput(inputs: Value, actionType: string): string | ActionResult {
  const name = inputMember(inputs, 'name');
  if (typeof name === 'string' && name !== '') return name;
  return badRequest(`The 'name' property of a '${actionType}' action must be a non-empty string; got a value of type '${typeName(name)}'.`);
}

/** Outputs of the actions that change a variable: `{"body": {"name", "value"}}`. */
export function variableOutputs(name: string, value: Value): Value {
  return { body: { name, value } };
}

