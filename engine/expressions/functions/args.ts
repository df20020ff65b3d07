/**
 * Argument checks shared by every function family, and the one place where evaluation error
 * messages are worded. Each failure names the function, the 1-based argument and what it got, in
 * Sluice's words, and carries the Logic Apps runtime's wording as `detail` (spec §11.1).
 */
import { ExpressionEvaluationError } from '../expression-errors.js';
import {
  Decimal,
  Float,
  isFloat,
  isInteger,
  isNumber,
  isObject,
  kindOf,
  type Value,
  type ValueObject,
} from '../value.js';
import type { CallContext } from './function-def.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const COUNT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

export function countWord(n: number): string {
  return COUNT_WORDS[n] ?? String(n);
}

/** Throws an evaluation error about the call as a whole. */
export function fail(ctx: CallContext, message: string, detail?: string): never {
  throw new ExpressionEvaluationError(`${ctx.fn}: ${message}`, {
    detail: detail ?? `The template language function '${ctx.fn}' failed: ${message}.`,
    where: { function: ctx.fn },
  });
}

/** Throws an evaluation error about argument `index` (0-based) breaking a rule other than its kind. */
export function failArg(ctx: CallContext, index: number, message: string, detail?: string): never {
  throw new ExpressionEvaluationError(`${ctx.fn}: argument ${index + 1} ${message}`, {
    detail:
      detail ??
      `The template language function '${ctx.fn}' was invoked with an invalid ${ordinal(index)} parameter: it ${message}.`,
    where: { function: ctx.fn, argument: index + 1 },
  });
}

/**
 * Throws the "wrong kind" error. `expected` is written as the accepted kinds in words, e.g.
 * `an array or a string`.
 */
export function typeError(ctx: CallContext, index: number, expected: string, got: Value): never {
  throw new ExpressionEvaluationError(`${ctx.fn}: argument ${index + 1} must be ${expected}, got ${kindOf(got).toLowerCase()}`, {
    detail: `The template language function '${ctx.fn}' expects its ${ordinal(index)} parameter to be ${expected}. The provided value is of type '${kindOf(got)}'.`,
    where: { function: ctx.fn, argument: index + 1 },
  });
}

export function argString(ctx: CallContext, args: Value[], index: number): string {
  const v = args[index]!;
  if (typeof v !== 'string') typeError(ctx, index, 'a string', v);
  return v;
}

export function argBoolean(ctx: CallContext, args: Value[], index: number): boolean {
  const v = args[index]!;
  if (typeof v !== 'boolean') typeError(ctx, index, 'a boolean', v);
  return v;
}

export function argArray(ctx: CallContext, args: Value[], index: number): Value[] {
  const v = args[index]!;
  if (!Array.isArray(v)) typeError(ctx, index, 'an array', v);
  return v;
}

export function argObject(ctx: CallContext, args: Value[], index: number): ValueObject {
  const v = args[index]!;
  if (!isObject(v)) typeError(ctx, index, 'an object', v);
  return v;
}

/** Any integer argument, as a bigint (64-bit range). */
export function argBigInt(ctx: CallContext, args: Value[], index: number): bigint {
  const v = args[index]!;
  if (!isInteger(v)) typeError(ctx, index, 'an integer', v);
  return typeof v === 'bigint' ? v : BigInt(v);
}

/**
 * An integer argument used as a count or an index: it must fit in a JavaScript safe integer
 * (larger values are outside every collection and are reported as such).
 */
export function argIndex(ctx: CallContext, args: Value[], index: number): number {
  const v = args[index]!;
  if (!isInteger(v)) typeError(ctx, index, 'an integer', v);
  if (typeof v === 'bigint') failArg(ctx, index, `is out of range: ${v}`);
  return v;
}

/** A numeric argument of any kind (integer, float, decimal). */
export function argNumber(ctx: CallContext, args: Value[], index: number): number | bigint | Float | Decimal {
  const v = args[index]!;
  if (!isNumber(v)) typeError(ctx, index, 'an integer or a decimal number', v);
  return v;
}

/** A numeric argument as a double. */
export function argDouble(ctx: CallContext, args: Value[], index: number): number {
  const v = argNumber(ctx, args, index);
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Float) return v.value;
  return v.toNumber();
}

export { isFloat };
