/**
 * The value model of the expression language.
 *
 * Logic Apps distinguishes integers (64-bit), floats (double) and decimals, and the distinction is
 * observable (`div(3, 2)` is 1, `div(3.0, 2)` is 1.5; JSON text writes a float 3 as `3.0`). JSON data
 * arriving from outside stays plain JavaScript, so the common case costs nothing:
 * - an integer is a JS number holding an integer in the safe range, or a `bigint` outside it
 *   (always within signed 64 bits);
 * - a float is a JS number that is not an integer (fractions, NaN, ±Infinity) or, when its value
 *   happens to be integral, a `Float` box;
 * - a decimal is a `Decimal`;
 * - binary content and XML are ordinary objects of the envelope shape `{"$content-type", "$content"}`.
 */
import { envelopeTextStrict } from './content.js';
import { Decimal } from './decimal.js';

export { Decimal };

export type Value = null | boolean | string | number | bigint | Float | Decimal | Value[] | ValueObject;
export interface ValueObject {
  [key: string]: Value;
}

/** A float whose value is integral (or negative zero): the box keeps it from reading as an integer. */
export class Float {
  constructor(readonly value: number) {}
}

export type Kind = 'Null' | 'Boolean' | 'Integer' | 'Float' | 'Decimal' | 'String' | 'Array' | 'Object';

export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;

export function kindOf(v: Value): Kind {
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'number':
      return Number.isInteger(v) ? 'Integer' : 'Float';
    case 'boolean':
      return 'Boolean';
    case 'bigint':
      return 'Integer';
    default:
      if (v === null) return 'Null';
      if (Array.isArray(v)) return 'Array';
      if (v instanceof Float) return 'Float';
      if (v instanceof Decimal) return 'Decimal';
      return 'Object';
  }
}

export function isObject(v: Value | undefined): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Float) && !(v instanceof Decimal);
}

export function isInteger(v: Value): v is number | bigint {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

export function isFloat(v: Value): v is number | Float {
  return v instanceof Float || (typeof v === 'number' && !Number.isInteger(v));
}

export function isNumber(v: Value): v is number | bigint | Float | Decimal {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof Float || v instanceof Decimal;
}

/** A float value from a double: boxed only when it would otherwise read as an integer. */
export function makeFloat(n: number): number | Float {
  return Number.isInteger(n) || Object.is(n, -0) ? new Float(n) : n;
}

/** An integer value from a bigint; `undefined` when it overflows signed 64 bits. */
export function makeInt(b: bigint): number | bigint | undefined {
  if (b < INT64_MIN || b > INT64_MAX) return undefined;
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

export function intToBigInt(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** The double a numeric value stands for (decimals and big integers lose precision). */
export function toDouble(v: number | bigint | Float | Decimal): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Float) return v.value;
  return v.toNumber();
}

// ---- content envelopes -------------------------------------------------------------------------

export interface ContentEnvelope {
  '$content-type': string;
  '$content': string;
  [key: string]: Value;
}

export function isEnvelope(v: Value | undefined): v is ContentEnvelope {
  return isObject(v) && typeof v['$content-type'] === 'string' && typeof v['$content'] === 'string';
}

export function isXmlEnvelope(v: Value | undefined): v is ContentEnvelope {
  return isEnvelope(v) && /^(application|text)\/([\w.+-]+\+)?xml\b/i.test(v['$content-type']);
}

// ---- text forms --------------------------------------------------------------------------------

/**
 * A double as .NET (Core 3.0+) `double.ToString()` prints it in the invariant culture: shortest
 * round-trip digits, in exponent form when the exponent is 17 or more (its FormatDouble uses
 * max(digit count, DoublePrecision = 17)) or -5 or less (`1E-05`, but `0.0001`).
 */
export function floatToText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mant, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp >= 17 || exp < -4) {
    return `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const negative = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let text: string;
  if (exp >= 0) {
    text = digits.length > exp + 1 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : digits.padEnd(exp + 1, '0');
  } else {
    text = `0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  return negative ? `-${text}` : text;
}

/**
 * The text a value becomes where it is placed into text: `@{...}` interpolation, `string()`,
 * `join()` elements, `concat()`. Booleans print as .NET does (`True`), null as nothing, binary
 * content as its decoded text, arrays and objects as compact JSON.
 */
export function toText(v: Value): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isInteger(v) ? String(v) : floatToText(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'bigint':
      return v.toString();
    default:
      if (v === null) return '';
      if (v instanceof Float) return floatToText(v.value);
      if (v instanceof Decimal) return v.toString();
      // Binary content reads as its bytes in its charset; bad base64 or a bad charset fails here
      // (a ContentError, which the caller rewords), as it does in Logic Apps.
      if (isEnvelope(v)) return envelopeTextStrict(v);
      return toJsonText(v);
  }
}

/** Compact JSON text as Newtonsoft writes it: integral floats keep `.0`, member order is kept. */
export function toJsonText(v: Value): string {
  // Most values (request bodies, strings, whole numbers) print the same through V8's native
  // JSON.stringify, which is several times faster; only floats, decimals and 64-bit integers need
  // the writer below. The check walks the value without building text.
  return isNativeJson(v) ? JSON.stringify(v) : writeJsonText(v);
}

/** Whether JSON.stringify writes exactly what `writeJsonText` would: no floats, decimals or bigints. */
function isNativeJson(v: Value): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isInteger(v);
    case 'object': {
      if (v === null) return true;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!isNativeJson(v[i]!)) return false;
        return true;
      }
      if (v instanceof Float || v instanceof Decimal) return false;
      for (const key in v) {
        const member = v[key];
        if (member !== undefined && !isNativeJson(member)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The writer for every value; exported so that a test can hold the native shortcut to it. */
export function writeJsonText(v: Value): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isInteger(v) ? String(v) : floatJson(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    default: {
      if (v === null) return 'null';
      if (v instanceof Float) return floatJson(v.value);
      if (v instanceof Decimal) return v.scale === 0 ? `${v.toString()}.0` : v.toString();
      if (Array.isArray(v)) return `[${v.map(writeJsonText).join(',')}]`;
      const parts: string[] = [];
      for (const key of Object.keys(v)) {
        const member = v[key];
        if (member !== undefined) parts.push(`${JSON.stringify(key)}:${writeJsonText(member)}`);
      }
      return `{${parts.join(',')}}`;
    }
  }
}

function floatJson(n: number): string {
  const text = floatToText(n);
  return /[.EN]|Infinity/.test(text) ? text : `${text}.0`;
}

/**
 * The value as plain JSON-compatible JavaScript, for storage and APIs. Boxed floats and decimals
 * become numbers; 64-bit integers beyond the safe range stay `bigint` unless `lossy` is set.
 */
export function toPlain(v: Value, lossy = true): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' && lossy ? Number(v) : v;
  if (v instanceof Float) return v.value;
  if (v instanceof Decimal) return v.toNumber();
  if (Array.isArray(v)) return v.map((x) => toPlain(x, lossy));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) out[key] = toPlain(v[key]!, lossy);
  return out;
}

// ---- member access and equality ----------------------------------------------------------------

/**
 * Property lookup as Logic Apps does it: the exactly-spelled key first, otherwise the first key
 * (in member order) that matches ignoring case. `undefined` when there is none.
 */
export function findKey(obj: ValueObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return key;
  return undefined;
}

export function getMember(obj: ValueObject, name: string): Value | undefined {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** Numeric comparison across integer, float and decimal kinds; `undefined` if either is not a number. */
export function compareNumbers(a: Value, b: Value): number | undefined {
  if (!isNumber(a) || !isNumber(b)) return undefined;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (isInteger(a) && isInteger(b)) {
    const x = intToBigInt(a);
    const y = intToBigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toDouble(a);
  const y = toDouble(b);
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

/** Deep equality: numbers compare by value across kinds, strings ordinally, objects ignoring member order. */
export function deepEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isNumber(a) || isNumber(b)) return compareNumbers(a, b) === 0;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i]!, b[i]!)) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b as ValueObject);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!deepEqual((a as ValueObject)[key]!, (b as ValueObject)[key]!)) return false;
  }
  return true;
}
