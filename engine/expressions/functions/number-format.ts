/**
 * .NET standard numeric format strings (`C2`, `D8`, `E`, `F`, `G`, `N0`, `P`, `R`, `X4`) over the
 * value model's integers, floats and decimals, as .NET (Core 3.0 and later) formats them: doubles
 * print their exact digits rounded half to even, integers and decimals round half away from zero.
 * Anything that is not a standard format is a custom format (custom-number-format.ts).
 */
import { Decimal } from '../decimal.js';
import { Float } from '../value.js';
import {
  CURRENCY_NEGATIVE_PATTERNS,
  CURRENCY_POSITIVE_PATTERNS,
  NUMBER_NEGATIVE_PATTERNS,
  PERCENT_NEGATIVE_PATTERNS,
  PERCENT_POSITIVE_PATTERNS,
  type NumberCulture,
} from './culture-numbers.js';
import { formatCustom } from './custom-number-format.js';
import { decimalDigits, exactDigits, integerDigits, roundDigits, shortestDigits, type FormatDigits } from './number-digits.js';

/** The format string is not valid for the value (.NET's FormatException). */
export class NumberFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NumberFormatError';
  }
}

export type FormattableNumber = number | bigint | Float | Decimal;

/** `{ letter, precision }` for a standard format (precision -1 when absent), or undefined for a custom one. */
export function parseStandardFormat(format: string): { letter: string; precision: number } | undefined {
  if (format === '') return { letter: 'G', precision: -1 };
  const m = /^([A-Za-z])(\d*)$/.exec(format);
  if (!m) return undefined;
  if (m[2] === '') return { letter: m[1]!, precision: -1 };
  const precision = Number(m[2]);
  if (precision > 999_999_999) throw new NumberFormatError(`precision ${m[2]} is too large`);
  return { letter: m[1]!, precision };
}

export function formatNumberText(value: FormattableNumber, format: string, culture: NumberCulture): string {
  const double = typeof value === 'number' && !Number.isInteger(value) ? value : value instanceof Float ? value.value : undefined;
  if (double !== undefined && !Number.isFinite(double)) {
    if (Number.isNaN(double)) return culture.nanSymbol;
    return double > 0 ? culture.positiveInfinity : culture.negativeInfinity;
  }
  const standard = parseStandardFormat(format);
  if (standard === undefined) {
    const digits = double !== undefined ? roundDigits(exactDigits(double), 15, 'even') : valueDigits(value);
    return formatCustom(digits, format, culture);
  }
  if (double !== undefined) return formatDouble(double, standard.letter, standard.precision, culture);
  if (value instanceof Decimal) {
    // `G` without precision prints a decimal as it is, trailing zeros (its scale) included.
    if (standard.letter.toUpperCase() === 'G' && standard.precision === -1) return decimalText(value, culture);
    return formatDigits(decimalDigits(value), standard.letter, standard.precision, culture);
  }
  return formatInteger(value as number | bigint, standard.letter, standard.precision, culture);
}

function decimalText(d: Decimal, culture: NumberCulture): string {
  const text = d.toString().replace('.', culture.decimalSeparator);
  return text.startsWith('-') ? culture.negativeSign + text.slice(1) : text;
}

function valueDigits(value: FormattableNumber): FormatDigits {
  return value instanceof Decimal ? decimalDigits(value) : integerDigits(value as number | bigint);
}

function formatInteger(v: number | bigint, letter: string, precision: number, culture: NumberCulture): string {
  const upper = letter.toUpperCase();
  if (upper === 'D' || (upper === 'G' && precision < 1)) {
    const b = BigInt(v);
    const text = (b < 0n ? -b : b).toString().padStart(Math.max(precision, 1), '0');
    return b < 0n ? culture.negativeSign + text : text;
  }
  if (upper === 'X') {
    const b = BigInt.asUintN(64, BigInt(v));
    const hex = b.toString(16).padStart(Math.max(precision, 1), '0');
    return letter === 'X' ? hex.toUpperCase() : hex;
  }
  return formatDigits(integerDigits(v), letter, precision, culture);
}

/** Digits for a double under a standard format: exact digits cut at the requested precision. */
function formatDouble(x: number, letter: string, precision: number, culture: NumberCulture): string {
  const upper = letter.toUpperCase();
  let n: FormatDigits;
  let maxDigits: number;
  switch (upper) {
    case 'R':
    case 'G':
      if (upper === 'R' || precision <= 0) {
        n = shortestDigits(x);
        // Short values stay in fixed notation up to 17 digits (.NET's DoublePrecision).
        return formatGeneral(n, Math.max(n.digits.length, 17), letter === 'r' || letter === 'g' ? 'e' : 'E', culture, false);
      }
      n = roundDigits(exactDigits(x), precision, 'even');
      return formatGeneral(n, precision, letter === 'g' ? 'e' : 'E', culture, false, true);
    case 'E':
      maxDigits = precision < 0 ? 6 : precision;
      n = roundDigits(exactDigits(x), maxDigits + 1, 'even');
      return formatDigitsRounded(n, letter, maxDigits, culture);
    case 'C':
    case 'F':
    case 'N':
    case 'P': {
      maxDigits = precision >= 0 ? precision : defaultDecimals(upper, culture);
      const exact = exactDigits(x);
      if (upper === 'P') exact.point += 2;
      n = roundDigits(exact, exact.point + maxDigits, 'even');
      return formatDigitsRounded(n, letter, maxDigits, culture);
    }
    default:
      throw new NumberFormatError(`'${letter}' is not a valid format for a float`);
  }
}

function defaultDecimals(upper: string, culture: NumberCulture): number {
  if (upper === 'C') return culture.currencyDecimalDigits;
  if (upper === 'P') return culture.percentDecimalDigits;
  return culture.numberDecimalDigits;
}

/** Integers and decimals: round the digits half away from zero, then lay them out. */
function formatDigits(n: FormatDigits, letter: string, precision: number, culture: NumberCulture): string {
  const upper = letter.toUpperCase();
  switch (upper) {
    case 'C':
    case 'F':
    case 'N':
    case 'P': {
      const maxDigits = precision >= 0 ? precision : defaultDecimals(upper, culture);
      const shifted = upper === 'P' ? { ...n, point: n.point + 2 } : n;
      return formatDigitsRounded(roundDigits(shifted, shifted.point + maxDigits, 'up'), letter, maxDigits, culture);
    }
    case 'E': {
      const maxDigits = precision < 0 ? 6 : precision;
      return formatDigitsRounded(roundDigits(n, maxDigits + 1, 'up'), letter, maxDigits, culture);
    }
    case 'G': {
      const exp = letter === 'g' ? 'e' : 'E';
      const maxDigits = precision < 1 ? n.digits.length : precision;
      return formatGeneral(roundDigits(n, maxDigits, 'up'), maxDigits, exp, culture, false, true);
    }
    default:
      throw new NumberFormatError(`'${letter}' is not a valid format for ${n.kind === 'decimal' ? 'a decimal' : 'an integer'}`);
  }
}

/** Lays out already-rounded digits for C, F, N, P (maxDigits decimals) or E (maxDigits + 1 digits). */
function formatDigitsRounded(n: FormatDigits, letter: string, maxDigits: number, culture: NumberCulture): string {
  const sign = n.negative ? culture.negativeSign : '';
  switch (letter.toUpperCase()) {
    case 'F':
      return sign + formatFixed(n, maxDigits, culture, false);
    case 'N':
      return applyPattern(n.negative ? NUMBER_NEGATIVE_PATTERNS[culture.numberNegativePattern]! : 'n', formatFixed(n, maxDigits, culture, true), culture, '');
    case 'C': {
      const pattern = n.negative ? CURRENCY_NEGATIVE_PATTERNS[culture.currencyNegativePattern]! : CURRENCY_POSITIVE_PATTERNS[culture.currencyPositivePattern]!;
      return applyPattern(pattern, formatFixed(n, maxDigits, culture, true), culture, culture.currencySymbol);
    }
    case 'P': {
      const pattern = n.negative ? PERCENT_NEGATIVE_PATTERNS[culture.percentNegativePattern]! : PERCENT_POSITIVE_PATTERNS[culture.percentPositivePattern]!;
      return applyPattern(pattern, formatFixed(n, maxDigits, culture, true), culture, culture.percentSymbol);
    }
    default:
      return sign + formatScientific(n, maxDigits + 1, letter === 'e' ? 'e' : 'E', culture);
  }
}

/** Fills a .NET pattern: `n` the number, `-` the sign, `$`/`%` the symbol, anything else literal. */
function applyPattern(pattern: string, number: string, culture: NumberCulture, symbol: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === 'n') out += number;
    else if (ch === '-') out += culture.negativeSign;
    else if (ch === '$' || ch === '%') out += symbol;
    else out += ch;
  }
  return out;
}

/** Groups an integer part by .NET NumberGroupSizes (the last size repeats; 0 stops grouping). */
export function groupInteger(intPart: string, sizes: readonly number[], separator: string): string {
  if (sizes.length === 0 || sizes[0] === 0) return intPart;
  const groups: string[] = [];
  let end = intPart.length;
  let index = 0;
  let size = sizes[0]!;
  while (end > size && size > 0) {
    groups.unshift(intPart.slice(end - size, end));
    end -= size;
    if (index < sizes.length - 1) size = sizes[++index]!;
  }
  groups.unshift(intPart.slice(0, end));
  return groups.join(separator);
}

function formatFixed(n: FormatDigits, decimals: number, culture: NumberCulture, grouped: boolean): string {
  let intPart = n.point > 0 ? n.digits.slice(0, n.point).padEnd(n.point, '0') : '0';
  if (grouped && n.point > 0) intPart = groupInteger(intPart, culture.groupSizes, culture.groupSeparator);
  if (decimals <= 0) return intPart;
  const lead = n.point < 0 ? '0'.repeat(Math.min(-n.point, decimals)) : '';
  const rest = n.digits.slice(Math.max(n.point, 0));
  const fraction = (lead + rest).slice(0, decimals).padEnd(decimals, '0');
  return intPart + culture.decimalSeparator + fraction;
}

export function formatExponent(exp: number, letter: string, minDigits: number, plusSign: boolean, culture: NumberCulture): string {
  const sign = exp < 0 ? culture.negativeSign : plusSign ? culture.positiveSign : '';
  return letter + sign + String(Math.abs(exp)).padStart(minDigits, '0');
}

function formatScientific(n: FormatDigits, totalDigits: number, letter: string, culture: NumberCulture): string {
  const digits = n.digits.padEnd(totalDigits, '0');
  let out = digits[0]!;
  if (totalDigits > 1) out += culture.decimalSeparator + digits.slice(1, totalDigits);
  return out + formatExponent(n.digits === '' ? 0 : n.point - 1, letter, 3, true, culture);
}

/** `G`: fixed notation unless the exponent is at least `maxDigits` or below -4. */
function formatGeneral(n: FormatDigits, maxDigits: number, letter: string, culture: NumberCulture, suppressScientific: boolean, signed = true): string {
  let digPos = n.point;
  let scientific = false;
  if (!suppressScientific && (digPos > maxDigits || digPos < -3)) {
    digPos = 1;
    scientific = true;
  }
  let out = digPos > 0 ? n.digits.slice(0, digPos).padEnd(digPos, '0') : '0';
  const rest = n.digits.slice(Math.max(digPos, 0));
  if (rest !== '' || digPos < 0) out += culture.decimalSeparator + '0'.repeat(Math.max(-digPos, 0)) + rest;
  if (scientific) out += formatExponent(n.point - 1, letter, 2, true, culture);
  return signed && n.negative ? culture.negativeSign + out : out;
}
