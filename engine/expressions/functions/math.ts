/**
 * Math functions: add, sub, mul, div, mod, max, min, rand, range. Kinds promote integer < float <
 * decimal (numeric-promotion.ts); integer arithmetic is checked 64-bit.
 */
import { isNumber, makeFloat, type Value } from '../value.js';
import { argBigInt, argNumber, fail, failArg, typeError } from './args.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';
import { arithmetic, asDecimal, asDouble, rankOf, type ArithmeticOp, type Numeric } from './numeric-promotion.js';

function binary(op: ArithmeticOp) {
  return (args: Value[], ctx: CallContext): Value => {
    const a = args[0]!;
    const b = args[1]!;
    // Hot path: two small integers.
    if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b)) {
      if (op === 'add') {
        const r = a + b;
        if (Number.isSafeInteger(r)) return r;
      } else if (op === 'sub') {
        const r = a - b;
        if (Number.isSafeInteger(r)) return r;
      }
    }
    return arithmetic(ctx, op, argNumber(ctx, args, 0), argNumber(ctx, args, 1));
  };
}

/** The numbers max/min work on: a single array argument, or the arguments themselves. */
function operands(args: Value[], ctx: CallContext): Numeric[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  if (list.length === 0) failArg(ctx, 0, 'must not be an empty array', `The template language function '${ctx.fn}' expects a non-empty array of numbers.`);
  const fromArray = list !== args;
  return list.map((v, i) => {
    if (isNumber(v)) return v;
    if (fromArray) failArg(ctx, 0, `must contain only numbers, got ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v} at index ${i}`);
    return typeError(ctx, i, 'an integer or a decimal number', v);
  });
}

function extreme(sign: 1 | -1) {
  return (args: Value[], ctx: CallContext): Value => {
    const nums = operands(args, ctx);
    const rank = Math.max(...nums.map(rankOf));
    if (rank === 2) {
      let best = asDecimal(ctx, nums[0]!);
      for (const v of nums) {
        const d = asDecimal(ctx, v);
        if (d.compare(best) * sign > 0) best = d;
      }
      return best;
    }
    if (rank === 1) {
      let best = asDouble(nums[0]!);
      for (const v of nums) {
        const x = asDouble(v);
        // NaN wins, as with .NET Math.Max/Math.Min.
        if (Number.isNaN(x) || (sign > 0 ? x > best : x < best)) best = x;
        if (Number.isNaN(best)) break;
      }
      return makeFloat(best);
    }
    let best = nums[0] as number | bigint;
    for (const v of nums) if (((v as number | bigint) > best ? 1 : (v as number | bigint) < best ? -1 : 0) * sign > 0) best = v as number | bigint;
    return best;
  };
}

function rand(args: Value[], ctx: CallContext): Value {
  const min = argBigInt(ctx, args, 0);
  const max = argBigInt(ctx, args, 1);
  if (min > max) failArg(ctx, 0, `must not be greater than the maximum value (${min} > ${max})`, `The template language function 'rand' expects its minimum value to be less than or equal to its maximum value.`);
  const span = Number(max - min);
  const offset = Math.min(Math.floor(ctx.view.random() * span), Math.max(span - 1, 0));
  const r = min + BigInt(offset);
  return r >= -9007199254740991n && r <= 9007199254740991n ? Number(r) : r;
}

const RANGE_MAX_COUNT = 100_000n;
const INT32_MAX = 2_147_483_647n;

function range(args: Value[], ctx: CallContext): Value {
  const start = argBigInt(ctx, args, 0);
  const count = argBigInt(ctx, args, 1);
  if (start < -INT32_MAX - 1n || start > INT32_MAX) failArg(ctx, 0, `must be a 32-bit integer, got ${start}`);
  if (count < 0n || count > RANGE_MAX_COUNT) {
    failArg(ctx, 1, `must be between 0 and 100000, got ${count}`, `The template language function 'range' expects its second parameter 'count' to be a non-negative integer not greater than 100000.`);
  }
  if (start + count > INT32_MAX) fail(ctx, `the sum of start index and count must not exceed 2147483647, got ${start + count}`);
  const first = Number(start);
  const out: Value[] = new Array<Value>(Number(count));
  for (let i = 0; i < out.length; i++) out[i] = first + i;
  return out;
}

export const mathFunctions: FunctionDef[] = [
  fn('add', 2, 2, binary('add')),
  fn('sub', 2, 2, binary('sub')),
  fn('mul', 2, 2, binary('mul')),
  fn('div', 2, 2, binary('div')),
  fn('mod', 2, 2, binary('mod')),
  fn('max', 1, Infinity, extreme(1)),
  fn('min', 1, Infinity, extreme(-1)),
  fn('rand', 2, 2, rand),
  fn('range', 2, 2, range),
];
