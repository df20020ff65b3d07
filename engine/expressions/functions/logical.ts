/**
 * Logical comparison functions (spec §7.3, sharpened by §11.11 and §11.23).
 *
 * - `and`, `or` and `if` are lazy: arguments are evaluated left to right only until the result is
 *   decided, so an error (or an unknown function) in an untaken argument never surfaces.
 * - Their arguments must be booleans; nothing is truthy (`if('true', ...)` is an error).
 * - Comparisons treat null as the empty string, as the functions reference says
 *   ("null values are converted to empty string values"), so `equals(null, '')` is true.
 * - `equals` is deep: numbers compare by value across integer, float and decimal; strings
 *   ordinally and case-sensitively; a boolean never equals a number or a string
 *   (`equals(true, 1)` is false, whatever the reference page claims; see the notes file).
 * - `greater`/`less`/... order two numbers (any kinds) or two strings (ordinal, case-sensitive,
 *   as .NET `string.CompareOrdinal`); any other pairing is an error, and NaN compares false.
 */
import { compareNumbers, deepEqual, isNumber, kindOf, type Value } from '../value.js';
import { fail, typeError } from './args.js';
import { fn, lazyFn, type CallContext, type FunctionDef, type Thunk } from './function-def.js';
import { compareOrdinal } from './value-order.js';

const ORDERABLE = 'an integer, a float or a string';

function orderable(v: Value): boolean {
  return isNumber(v) || typeof v === 'string';
}

function asComparable(v: Value): Value {
  return v === null ? '' : v;
}

function booleanResult(ctx: CallContext, thunk: Thunk, index: number): boolean {
  const v = thunk();
  if (typeof v !== 'boolean') typeError(ctx, index, 'of type boolean', v);
  return v;
}

function and(args: readonly Thunk[], ctx: CallContext): Value {
  for (let i = 0; i < args.length; i++) if (!booleanResult(ctx, args[i]!, i)) return false;
  return true;
}

function or(args: readonly Thunk[], ctx: CallContext): Value {
  for (let i = 0; i < args.length; i++) if (booleanResult(ctx, args[i]!, i)) return true;
  return false;
}

function ifFn(args: readonly Thunk[], ctx: CallContext): Value {
  return booleanResult(ctx, args[0]!, 0) ? args[1]!() : args[2]!();
}

function equals(args: Value[]): Value {
  return deepEqual(asComparable(args[0]!), asComparable(args[1]!));
}

/**
 * The sign of `a` compared with `b`: NaN when a float NaN is involved (every comparison is then
 * false); an error when the two cannot be ordered.
 */
function order(ctx: CallContext, args: Value[]): number {
  const a = asComparable(args[0]!);
  const b = asComparable(args[1]!);
  if (isNumber(a) && isNumber(b)) return compareNumbers(a, b)!;
  if (typeof a === 'string' && typeof b === 'string') return compareOrdinal(a, b);
  if (!orderable(a)) typeError(ctx, 0, ORDERABLE, args[0]!);
  if (!orderable(b)) typeError(ctx, 1, ORDERABLE, args[1]!);
  return fail(
    ctx,
    `cannot compare ${kindOf(a).toLowerCase()} with ${kindOf(b).toLowerCase()}`,
    `The template language function '${ctx.fn}' expects two parameters of matching types: both numbers or both strings. The provided values are of type '${kindOf(a)}' and '${kindOf(b)}'.`,
  );
}

function comparison(name: string, test: (sign: number) => boolean): FunctionDef {
  return fn(name, 2, 2, (args, ctx) => {
    const sign = order(ctx, args);
    return !Number.isNaN(sign) && test(sign);
  });
}

export const logicalFunctions: FunctionDef[] = [
  lazyFn('and', 1, Infinity, and),
  lazyFn('or', 1, Infinity, or),
  lazyFn('if', 3, 3, ifFn),
  fn('not', 1, 1, (args, ctx) => {
    const v = args[0]!;
    if (typeof v !== 'boolean') typeError(ctx, 0, 'of type boolean', v);
    return !v;
  }),
  fn('equals', 2, 2, equals),
  comparison('greater', (s) => s > 0),
  comparison('greaterOrEquals', (s) => s >= 0),
  comparison('less', (s) => s < 0),
  comparison('lessOrEquals', (s) => s <= 0),
];
