/**
 * Number text parsing as .NET's `Double.TryParse` / `Decimal.TryParse` / `Int64.TryParse` do it with
 * a `NumberStyles` mask and a culture. The quirks are deliberate (spec §11.6, §11.10, §11.12): group
 * separators are accepted anywhere after the first digit of the integer part (`12,3,4,5678`), a sign
 * may trail (`200-`), and the decimal point may have no digits on either side (`12345678.-`).
 */
import type { NumberCulture } from './culture-numbers.js';

export interface NumberStyles {
  readonly leadingWhite: boolean;
  readonly trailingWhite: boolean;
  readonly leadingSign: boolean;
  readonly trailingSign: boolean;
  readonly parentheses: boolean;
  readonly decimalPoint: boolean;
  readonly thousands: boolean;
  readonly exponent: boolean;
}

const NONE: NumberStyles = {
  leadingWhite: false,
  trailingWhite: false,
  leadingSign: false,
  trailingSign: false,
  parentheses: false,
  decimalPoint: false,
  thousands: false,
  exponent: false,
};

/** `NumberStyles.Float | NumberStyles.Number`: float() and isFloat(). */
export const STYLE_FLOAT: NumberStyles = { ...NONE, leadingWhite: true, trailingWhite: true, leadingSign: true, trailingSign: true, decimalPoint: true, thousands: true, exponent: true };
/** `NumberStyles.Number`: decimal(). */
export const STYLE_NUMBER: NumberStyles = { ...STYLE_FLOAT, exponent: false };
/** `NumberStyles.Float | NumberStyles.AllowThousands`: int() (no trailing sign). */
export const STYLE_FLOAT_THOUSANDS: NumberStyles = { ...STYLE_FLOAT, trailingSign: false };
/** `NumberStyles.Integer | AllowExponent | AllowThousands`: isInt(). */
export const STYLE_INTEGER: NumberStyles = { ...NONE, leadingWhite: true, trailingWhite: true, leadingSign: true, thousands: true, exponent: true };

/**
 * Parsed digits: value = 0.DIGITS × 10^point. `digits` has no leading zeros; it keeps trailing
 * zeros (a decimal's scale depends on them). Zero has empty digits.
 */
export interface DigitNumber {
  negative: boolean;
  digits: string;
  point: number;
}

function isWhite(c: string | undefined): boolean {
  return c === ' ' || (c !== undefined && c >= '\t' && c <= '\r');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** End offset when `symbol` occurs at `pos` (a no-break space in the symbol also matches a space). */
function matchAt(text: string, pos: number, symbol: string): number {
  if (symbol === '' || pos + symbol.length > text.length) return -1;
  for (let i = 0; i < symbol.length; i++) {
    const s = symbol[i]!;
    const t = text[pos + i]!;
    if (t !== s && !((s === '\u00a0' || s === '\u202f') && t === ' ')) return -1;
  }
  return pos + symbol.length;
}

const HYPHEN_LIKE = new Set(['\u2012', '\u207b', '\u208b', '\u2212', '\u2796', '\ufe63', '\uff0d']);

function matchNegative(text: string, pos: number, culture: NumberCulture): number {
  const end = matchAt(text, pos, culture.negativeSign);
  if (end >= 0) return end;
  return HYPHEN_LIKE.has(culture.negativeSign) && text[pos] === '-' ? pos + 1 : -1;
}

interface Cursor {
  pos: number;
  negative: boolean;
  signed: boolean;
  parens: boolean;
}

/** Leading whitespace, sign and parenthesis; whitespace may not follow the sign. */
function parseLeading(text: string, styles: NumberStyles, culture: NumberCulture, c: Cursor): void {
  for (;;) {
    const ch = text[c.pos];
    if (isWhite(ch) && styles.leadingWhite && !c.signed) {
      c.pos++;
      continue;
    }
    if (styles.leadingSign && !c.signed) {
      let end = matchAt(text, c.pos, culture.positiveSign);
      if (end < 0) {
        end = matchNegative(text, c.pos, culture);
        if (end >= 0) c.negative = true;
      }
      if (end >= 0) {
        c.signed = true;
        c.pos = end;
        continue;
      }
    }
    if (ch === '(' && styles.parentheses && !c.signed) {
      c.signed = c.parens = c.negative = true;
      c.pos++;
      continue;
    }
    return;
  }
}

/** Trailing whitespace, sign and closing parenthesis. */
function parseTrailing(text: string, styles: NumberStyles, culture: NumberCulture, c: Cursor): void {
  for (;;) {
    const ch = text[c.pos];
    if (isWhite(ch) && styles.trailingWhite) {
      c.pos++;
      continue;
    }
    if (styles.trailingSign && !c.signed) {
      let end = matchAt(text, c.pos, culture.positiveSign);
      if (end < 0) {
        end = matchNegative(text, c.pos, culture);
        if (end >= 0) c.negative = true;
      }
      if (end >= 0) {
        c.signed = true;
        c.pos = end;
        continue;
      }
    }
    if (ch === ')' && c.parens) {
      c.parens = false;
      c.pos++;
      continue;
    }
    return;
  }
}

/** An exponent suffix (`e+12`); leaves the cursor alone when there are no digits after the `e`. */
function parseExponent(text: string, culture: NumberCulture, c: Cursor): number {
  const ch = text[c.pos];
  if (ch !== 'e' && ch !== 'E') return 0;
  let p = c.pos + 1;
  let negative = false;
  let end = matchAt(text, p, culture.positiveSign);
  if (end < 0) {
    end = matchNegative(text, p, culture);
    negative = end >= 0;
  }
  if (end >= 0) p = end;
  if (!isDigit(text[p])) return 0;
  let exp = 0;
  while (isDigit(text[p])) {
    // Like .NET, stop accumulating once the exponent is absurd; the value is then 0 or infinite.
    if (exp < 100000) exp = exp * 10 + (text.charCodeAt(p) - 48);
    p++;
  }
  c.pos = p;
  return negative ? -exp : exp;
}

/** Parses `text` under `styles`; `undefined` when .NET's TryParse would return false. */
export function parseDigits(text: string, styles: NumberStyles, culture: NumberCulture): DigitNumber | undefined {
  const c: Cursor = { pos: 0, negative: false, signed: false, parens: false };
  parseLeading(text, styles, culture, c);
  let digits = '';
  let point = 0;
  let sawDigit = false;
  let sawPoint = false;
  for (;;) {
    const ch = text[c.pos];
    if (isDigit(ch)) {
      sawDigit = true;
      if (ch !== '0' || digits !== '') {
        digits += ch;
        if (!sawPoint) point++;
      } else if (sawPoint) {
        point--;
      }
      c.pos++;
      continue;
    }
    let end = styles.decimalPoint && !sawPoint ? matchAt(text, c.pos, culture.decimalSeparator) : -1;
    if (end >= 0) {
      sawPoint = true;
      c.pos = end;
      continue;
    }
    end = styles.thousands && sawDigit && !sawPoint ? matchAt(text, c.pos, culture.groupSeparator) : -1;
    if (end >= 0) {
      c.pos = end;
      continue;
    }
    break;
  }
  if (!sawDigit) return undefined;
  if (styles.exponent) point += parseExponent(text, culture, c);
  parseTrailing(text, styles, culture, c);
  if (c.parens || c.pos !== text.length) return undefined;
  return { negative: c.negative, digits, point };
}

/** The double nearest to parsed digits (overflow gives ±Infinity, underflow 0, as .NET Core does). */
export function digitsToDouble(n: DigitNumber): number {
  const magnitude = n.digits === '' ? 0 : Number(`0.${n.digits}e${n.point}`);
  return n.negative ? -magnitude : magnitude;
}

function trimWhite(text: string, styles: NumberStyles): string {
  let start = 0;
  let end = text.length;
  if (styles.leadingWhite) while (start < end && isWhite(text[start])) start++;
  if (styles.trailingWhite) while (end > start && isWhite(text[end - 1])) end--;
  return text.slice(start, end);
}

function sameIgnoringCase(a: string, b: string): boolean {
  return a.length === b.length && a.toUpperCase() === b.toUpperCase();
}

/** The culture's NaN and infinity words, as `Double.TryParse` accepts them (any letter case). */
function parseSpecialDouble(text: string, styles: NumberStyles, culture: NumberCulture): number | undefined {
  const t = trimWhite(text, styles);
  if (sameIgnoringCase(t, culture.positiveInfinity)) return Infinity;
  if (sameIgnoringCase(t, culture.negativeInfinity)) return -Infinity;
  if (sameIgnoringCase(t, culture.nanSymbol)) return NaN;
  const pos = culture.positiveSign;
  if (t.length > pos.length && sameIgnoringCase(t.slice(0, pos.length), pos)) {
    const rest = t.slice(pos.length);
    if (sameIgnoringCase(rest, culture.positiveInfinity)) return Infinity;
    if (sameIgnoringCase(rest, culture.nanSymbol)) return NaN;
    return undefined;
  }
  const neg = culture.negativeSign;
  if (t.length > neg.length && sameIgnoringCase(t.slice(0, neg.length), neg) && sameIgnoringCase(t.slice(neg.length), culture.nanSymbol)) return NaN;
  if (HYPHEN_LIKE.has(neg) && t.startsWith('-') && sameIgnoringCase(t.slice(1), culture.nanSymbol)) return NaN;
  return undefined;
}

/** `Double.TryParse(text, styles, culture)`; `undefined` when it fails. */
export function parseDouble(text: string, styles: NumberStyles, culture: NumberCulture): number | undefined {
  const n = parseDigits(text, styles, culture);
  if (n !== undefined) return digitsToDouble(n);
  return parseSpecialDouble(text, styles, culture);
}
