/**
 * Equality and ordering used by the collection functions.
 *
 * Membership (`contains` on arrays, `union`, `intersection`) is deep and type-strict (spec §11.15):
 * the integer 1, the float 1.0 and the decimal 1 are three different items, as Newtonsoft's
 * `JToken.DeepEquals` treats them. Objects compare ignoring member order. The strict key below
 * turns a value into a string that is equal exactly when the values are, so sets can be used.
 *
 * `sort` orders numbers of every kind numerically, strings ordinally (UTF-16 code units, as .NET
 * `string.CompareOrdinal`) and booleans false before true; anything else, or a mix of those
 * classes, cannot be ordered.
 */
import { compareNumbers, Decimal, Float, isNumber, type Value, type ValueObject } from '../value.js';

function decimalKey(d: Decimal): string {
  // 1.0 and 1.00 are the same decimal value: drop trailing zeros of the scale.
  let mantissa = d.mantissa;
  let scale = d.scale;
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale--;
  }
  return `${mantissa}e-${scale}`;
}

function floatKey(n: number): string {
  return n === 0 ? '0' : String(n);
}

/** A string equal for two values exactly when they are deep, type-strict equal. */
export function strictKey(v: Value): string {
  switch (typeof v) {
    case 'string':
      return `s${JSON.stringify(v)}`;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'bigint':
      return `i${v}`;
    case 'number':
      return Number.isInteger(v) ? `i${v}` : `f${floatKey(v)}`;
    default:
      if (v === null) return 'N';
      if (v instanceof Float) return `f${floatKey(v.value)}`;
      if (v instanceof Decimal) return `d${decimalKey(v)}`;
      if (Array.isArray(v)) return `[${v.map(strictKey).join(',')}]`;
      return objectKey(v);
  }
}

function objectKey(obj: ValueObject): string {
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${strictKey(obj[k]!)}`).join(',')}}`;
}

export function strictEqual(a: Value, b: Value): boolean {
  return a === b || strictKey(a) === strictKey(b);
}

/** The class a value sorts in, or `undefined` when it cannot be sorted. */
export type OrderClass = 'number' | 'string' | 'boolean';

export function orderClass(v: Value): OrderClass | undefined {
  if (isNumber(v)) return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  return undefined;
}

/** .NET `string.CompareOrdinal` sign. */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders two values of the same order class. NaN sorts before every other number, as .NET's
 * `double.CompareTo` does. Callers check the classes first.
 */
export function compareSameClass(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return compareOrdinal(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const c = compareNumbers(a, b);
  if (c === undefined) return 0;
  if (!Number.isNaN(c)) return c;
  const aNaN = isNaNValue(a);
  const bNaN = isNaNValue(b);
  return aNaN === bNaN ? 0 : aNaN ? -1 : 1;
}

function isNaNValue(v: Value): boolean {
  if (typeof v === 'number') return Number.isNaN(v);
  return v instanceof Float && Number.isNaN(v.value);
}
