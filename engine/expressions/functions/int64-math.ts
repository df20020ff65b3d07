/**
 * Checked signed 64-bit integer arithmetic over the value model's integers (safe-range numbers or
 * bigints). Two small numbers take a plain-number path; bigints are used only when a result leaves
 * the safe range. Every operation returns `undefined` on overflow so the caller can word the error.
 */
import { makeInt } from '../value.js';

type Int = number | bigint;

function big(v: Int): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

export function int64Add(a: Int, b: Int): Int | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return makeInt(big(a) + big(b));
}

export function int64Sub(a: Int, b: Int): Int | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return makeInt(big(a) - big(b));
}

export function int64Mul(a: Int, b: Int): Int | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    // `+ 0` turns a -0 product (e.g. -3 * 0) into the integer 0.
    if (Number.isSafeInteger(r)) return r + 0;
  }
  return makeInt(big(a) * big(b));
}

/** Truncating division; the caller has rejected a zero divisor. `MIN / -1` overflows. */
export function int64Div(a: Int, b: Int): Int | undefined {
  // (a - a % b) is an exact multiple of b, so the division is exact; a / b alone could round up.
  if (typeof a === 'number' && typeof b === 'number') return (a - (a % b)) / b + 0;
  return makeInt(big(a) / big(b));
}

/** Remainder with the dividend's sign; the caller has rejected a zero divisor. */
export function int64Mod(a: Int, b: Int): Int | undefined {
  if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
  return makeInt(big(a) % big(b));
}
