/**
 * Small shared pieces of the pure built-in actions: failure results in Logic Apps' shape, reading
 * input properties the way the runtime does (names match ignoring case), and type names as the
 * runtime words them in its messages.
 */
import { getMember, isObject, kindOf, toText, type Value } from '../expressions/value.js';
import type { ActionResult, PureActionContext } from './descriptor.js';

/** Logic Apps caps a built string (join, append to a string variable) at this many characters. */
export const MAX_TEXT_LENGTH = 104_857_600;

export function failed(code: string, message: string, outputs?: Value): ActionResult {
  const result: ActionResult = { status: 'Failed', code, error: { code, message } };
  if (outputs !== undefined) result.outputs = outputs;
  return result;
}

/** The runtime reports bad action inputs (wrong kinds, unknown variables) as `BadRequest`. */
export function badRequest(message: string): ActionResult {
  return failed('BadRequest', message);
}

export function succeeded(outputs?: Value): ActionResult {
  return outputs === undefined ? { status: 'Succeeded' } : { status: 'Succeeded', outputs };
}

/** A member of the evaluated inputs; `undefined` when the inputs are not an object or lack it. */
export function inputMember(inputs: Value, name: string): Value | undefined {
  return isObject(inputs) ? getMember(inputs, name) : undefined;
}

/** A member of the action's `inputs` as written in the definition (for per-item evaluation). */
export function rawInput(ctx: PureActionContext, name: string): unknown {
  const inputs = ctx.node['inputs'];
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) return undefined;
  const record = inputs as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(record, name)) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** The runtime's name for a value's type: `Null`, `Boolean`, `Integer`, `Float`, `String`, `Array`, `Object`. */
export function typeName(v: Value | undefined): string {
  if (v === undefined) return 'Null';
  const kind = kindOf(v);
  return kind === 'Decimal' ? 'Float' : kind;
}

/** The text of a value as interpolation renders it, or the reason it cannot be read as text. */
export function textOf(v: Value): { text: string } | { error: string } {
  try {
    return { text: toText(v) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** The `from` input that Query, Select, Join and Table require to be an array. */
export function requireFromArray(inputs: Value, actionKind: string): Value[] | ActionResult {
  const from = inputMember(inputs, 'from');
  if (Array.isArray(from)) return from;
  return badRequest(`The 'from' property value in the '${actionKind}' action inputs is of type '${typeName(from)}'. The value must be an array.`);
}
