/**
 * Mixed-kind arithmetic (spec §11.10, §11.21): integer < float < decimal. Integer arithmetic is
 * checked 64-bit, float arithmetic is IEEE 754 (no errors), decimal arithmetic is .NET's
 * System.Decimal (overflow and division by zero are errors). Floats become decimals through
 * `new decimal(double)`.
 */
import { Decimal, DecimalArithmeticError } from '../decimal.js';
import { Float, makeFloat, type Value } from '../value.js';
import { fail, failArg } from './args.js';
import type { CallContext } from './function-def.js';
import { int64Add, int64Div, int64Mod, int64Mul, int64Sub } from './int64-math.js';

export type Numeric = number | bigint | Float | Decimal;
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';

/** 0 integer, 1 float, 2 decimal. */
export function rankOf(v: Numeric): number {
  if (typeof v === 'number') return Number.isInteger(v) ? 0 : 1;
  if (typeof v === 'bigint') return 0;
  return v instanceof Float ? 1 : 2;
}

export function asDouble(v: Numeric): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return v instanceof Float ? v.value : v.toNumber();
}

/** Runs a Decimal operation, turning its failures into this call's evaluation error. */
export function decimalCall<T>(ctx: CallContext, op: () => T): T {
  try {
    return op();
  } catch (e) {
    if (!(e instanceof DecimalArithmeticError)) throw e;
    if (e.reason === 'divideByZero') failArg(ctx, 1, 'must not be zero', `The template language function '${ctx.fn}' cannot divide by zero.`);
    fail(ctx, 'the result is outside the range of a decimal number', `The template language function '${ctx.fn}' failed: ${e.message}`);
  }
}

export function asDecimal(ctx: CallContext, v: Numeric): Decimal {
  if (v instanceof Decimal) return v;
  if (typeof v === 'number' && Number.isInteger(v)) return new Decimal(BigInt(v), 0);
  if (typeof v === 'bigint') return new Decimal(v, 0);
  return decimalCall(ctx, () => Decimal.fromDouble(asDouble(v)));
}

function overflow(ctx: CallContext): never {
  fail(ctx, 'integer overflow: the result does not fit in a signed 64-bit integer', `The template language function '${ctx.fn}' failed: Arithmetic operation resulted in an overflow.`);
}

function zeroDivisor(ctx: CallContext): never {
  failArg(ctx, 1, 'must not be zero', `The template language function '${ctx.fn}' cannot divide by zero.`);
}

function integerOp(ctx: CallContext, op: ArithmeticOp, a: number | bigint, b: number | bigint): Value {
  let r: number | bigint | undefined;
  switch (op) {
    case 'add':
      r = int64Add(a, b);
      break;
    case 'sub':
      r = int64Sub(a, b);
      break;
    case 'mul':
      r = int64Mul(a, b);
      break;
    case 'div':
      if (b === 0 || b === 0n) zeroDivisor(ctx);
      r = int64Div(a, b);
      break;
    default:
      if (b === 0 || b === 0n) zeroDivisor(ctx);
      r = int64Mod(a, b);
  }
  return r === undefined ? overflow(ctx) : r;
}

function floatOp(op: ArithmeticOp, x: number, y: number): Value {
  switch (op) {
    case 'add':
      return makeFloat(x + y);
    case 'sub':
      return makeFloat(x - y);
    case 'mul':
      return makeFloat(x * y);
    case 'div':
      return makeFloat(x / y);
    default:
      return makeFloat(x % y);
  }
}

function decimalOp(ctx: CallContext, op: ArithmeticOp, a: Decimal, b: Decimal): Value {
  return decimalCall(ctx, () => {
    switch (op) {
      case 'add':
        return a.add(b);
      case 'sub':
        return a.sub(b);
      case 'mul':
        return a.mul(b);
      case 'div':
        return a.div(b);
      default:
        return a.mod(b);
    }
  });
}

/** `a op b` in the promoted kind of the two operands. */
export function arithmetic(ctx: CallContext, op: ArithmeticOp, a: Numeric, b: Numeric): Value {
  const rank = Math.max(rankOf(a), rankOf(b));
  if (rank === 0) return integerOp(ctx, op, a as number | bigint, b as number | bigint);
  if (rank === 1) return floatOp(op, asDouble(a), asDouble(b));
  return decimalOp(ctx, op, asDecimal(ctx, a), asDecimal(ctx, b));
}
