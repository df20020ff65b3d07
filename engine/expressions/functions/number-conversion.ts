/**
 * Number conversions: int, float, decimal, isInt, isFloat, formatNumber (spec §11.6, §11.10,
 * §11.12). Text is parsed with .NET's NumberStyles rules and culture data (number-parse.ts,
 * culture-numbers.ts); formatNumber uses .NET numeric format strings (number-format.ts).
 */
import { Decimal } from '../decimal.js';
import { Float, INT64_MAX, INT64_MIN, kindOf, makeFloat, type Value } from '../value.js';
import { argNumber, argString, failArg, typeError } from './args.js';
import { getNumberCulture, INVARIANT_CULTURE, type NumberCulture } from './culture-numbers.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';
import { formatNumberText, NumberFormatError } from './number-format.js';
import { parseDigits, parseDouble, STYLE_FLOAT, STYLE_FLOAT_THOUSANDS, STYLE_INTEGER, STYLE_NUMBER } from './number-parse.js';
import { decimalCall } from './numeric-promotion.js';

/** Logic Apps' default culture for float(), int() and formatNumber(). */
const DEFAULT_CULTURE_NAME = 'en-US';

function cultureArg(ctx: CallContext, args: Value[], index: number, fallback: NumberCulture): NumberCulture {
  if (args.length <= index) return fallback;
  const name = argString(ctx, args, index);
  const culture = getNumberCulture(name);
  if (culture === undefined) {
    failArg(ctx, index, `is not a valid culture name: '${name}'`, `The template language function '${ctx.fn}' was invoked with a culture name '${name}' that is not supported.`);
  }
  return culture;
}

function defaultCulture(): NumberCulture {
  return getNumberCulture(DEFAULT_CULTURE_NAME)!;
}

function cannotParse(ctx: CallContext, text: string, target: string): never {
  failArg(ctx, 0, `could not be parsed as ${target}: '${text}'`, `The template language function '${ctx.fn}' was invoked with a parameter that is not valid. The value '${text}' cannot be converted to ${target}.`);
}

const TWO_63 = 9223372036854775808;

/** A double as int() converts it: integral only; NaN is int64 min, like the runtime's unchecked cast. */
function doubleToInt(ctx: CallContext, d: number, shown: string): Value {
  if (Number.isNaN(d)) return INT64_MIN;
  if (!Number.isFinite(d)) failArg(ctx, 0, `is outside the 64-bit integer range: ${shown}`);
  if (!Number.isInteger(d)) failArg(ctx, 0, `is not an integral number: ${shown}`);
  if (d >= TWO_63 || d < -TWO_63) failArg(ctx, 0, `is outside the 64-bit integer range: ${shown}`);
  return Number.isSafeInteger(d) ? d + 0 : BigInt(d);
}

function toInt(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return v;
  if (typeof v === 'number') return doubleToInt(ctx, v, String(v));
  if (v instanceof Float) return doubleToInt(ctx, v.value, String(v.value));
  if (v instanceof Decimal) {
    if (!v.isIntegral()) failArg(ctx, 0, `is not an integral number: ${v.toString()}`);
    const b = v.truncateToBigInt();
    if (b < INT64_MIN || b > INT64_MAX) failArg(ctx, 0, `is outside the 64-bit integer range: ${v.toString()}`);
    return Number.isSafeInteger(Number(b)) ? Number(b) : b;
  }
  if (typeof v !== 'string') typeError(ctx, 0, 'a string or a number', v);
  // Strings go through a double, as the runtime does: precision beyond 2^53 is lost.
  const d = parseDouble(v, STYLE_FLOAT_THOUSANDS, defaultCulture());
  if (d === undefined) cannotParse(ctx, v, 'an integer');
  return doubleToInt(ctx, d, `'${v}'`);
}

function toFloat(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  const culture = cultureArg(ctx, args, 1, defaultCulture());
  if (v instanceof Float || (typeof v === 'number' && !Number.isInteger(v))) return v;
  if (typeof v === 'number') return makeFloat(v);
  if (typeof v === 'bigint') return makeFloat(Number(v));
  if (v instanceof Decimal) return makeFloat(Number(v.toString()));
  if (typeof v !== 'string') typeError(ctx, 0, 'a string or a number', v);
  const d = parseDouble(v, STYLE_FLOAT, culture);
  if (d === undefined) cannotParse(ctx, v, 'a float');
  return makeFloat(d);
}

function toDecimal(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (v instanceof Decimal) return v;
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return new Decimal(BigInt(v), 0);
  if (typeof v === 'number' || v instanceof Float) {
    const d = typeof v === 'number' ? v : v.value;
    return decimalCall(ctx, () => Decimal.fromDouble(d));
  }
  if (typeof v !== 'string') typeError(ctx, 0, 'a string or a number', v);
  const parsed = parseDigits(v, STYLE_NUMBER, INVARIANT_CULTURE);
  if (parsed === undefined) cannotParse(ctx, v, 'a decimal');
  return decimalCall(ctx, () => Decimal.fromDigits(parsed.negative, parsed.digits, parsed.digits.length - parsed.point));
}

function isInt(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  const n = parseDigits(text, STYLE_INTEGER, INVARIANT_CULTURE);
  if (n === undefined) return false;
  const significant = n.digits.replace(/0+$/, '');
  if (significant.length > n.point) return false; // a fraction (possible through a negative exponent)
  if (significant === '') return true;
  if (n.point > 19) return false;
  const magnitude = BigInt(n.digits.padEnd(n.point, '0'));
  return n.negative ? -magnitude >= INT64_MIN : magnitude <= INT64_MAX;
}

function isFloat(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  const culture = cultureArg(ctx, args, 1, INVARIANT_CULTURE);
  return parseDouble(text, STYLE_FLOAT, culture) !== undefined;
}

function formatNumber(args: Value[], ctx: CallContext): Value {
  const value = argNumber(ctx, args, 0);
  const format = argString(ctx, args, 1);
  const culture = cultureArg(ctx, args, 2, defaultCulture());
  try {
    return formatNumberText(value, format, culture);
  } catch (e) {
    if (!(e instanceof NumberFormatError)) throw e;
    failArg(ctx, 1, `is not a valid format for a number of kind ${kindOf(value).toLowerCase()}: '${format}' (${e.message})`, `The template language function 'formatNumber' was invoked with an invalid format string '${format}'.`);
  }
}

export const numberConversionFunctions: FunctionDef[] = [
  fn('int', 1, 1, toInt),
  fn('float', 1, 2, toFloat),
  fn('decimal', 1, 1, toDecimal),
  fn('isInt', 1, 1, isInt),
  fn('isFloat', 1, 2, isFloat),
  fn('formatNumber', 2, 3, formatNumber),
];

