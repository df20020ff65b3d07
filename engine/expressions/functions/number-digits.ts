/**
 * Numbers as .NET's formatter sees them: a sign, a digit string and a decimal-point position
 * (value = 0.DIGITS × 10^point), plus the rounding rules .NET applies to them.
 */
import type { Decimal } from '../decimal.js';
import type { DigitNumber } from './number-parse.js';

export type NumberKind = 'integer' | 'float' | 'decimal';

export interface FormatDigits extends DigitNumber {
  kind: NumberKind;
}

export function integerDigits(v: number | bigint): FormatDigits {
  const negative = v < 0;
  const text = (typeof v === 'bigint' ? (negative ? -v : v) : Math.abs(v)).toString();
  const digits = text === '0' ? '' : text.replace(/0+$/, '');
  return { kind: 'integer', negative, digits, point: text === '0' ? 0 : text.length };
}

/** A decimal's digits keep trailing zeros: they are its scale, and `G` prints them. */
export function decimalDigits(d: Decimal): FormatDigits {
  const negative = d.mantissa < 0n;
  const text = (negative ? -d.mantissa : d.mantissa).toString();
  if (text === '0') return { kind: 'decimal', negative: false, digits: '', point: 0 };
  return { kind: 'decimal', negative, digits: text, point: text.length - d.scale };
}

/** The shortest digits that round-trip (what `R` and `G` print). */
export function shortestDigits(x: number): FormatDigits {
  const negative = x < 0 || Object.is(x, -0);
  if (x === 0) return { kind: 'float', negative, digits: '', point: 0 };
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '');
  return { kind: 'float', negative, digits, point: Number(exp) + 1 };
}

/** The exact decimal expansion of a double (finite: every double is a dyadic rational). */
export function exactDigits(x: number): FormatDigits {
  const negative = x < 0 || Object.is(x, -0);
  if (x === 0) return { kind: 'float', negative, digits: '', point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  let text: string;
  let point: number;
  if (exponent >= 0) {
    text = (mantissa << BigInt(exponent)).toString();
    point = text.length;
  } else {
    // m / 2^k = m × 5^k / 10^k
    text = (mantissa * 5n ** BigInt(-exponent)).toString();
    point = text.length + exponent;
  }
  return { kind: 'float', negative, digits: text.replace(/0+$/, ''), point };
}

/**
 * Keeps the first `pos` digits. `up` rounds a following 5 or more up (what .NET's RoundNumber does
 * to digit strings); `even` rounds an exact tie to even (what its Dragon4 does to a double's exact
 * digits); `none` only truncates. Zero loses its sign unless it is a float.
 */
export function roundDigits(n: FormatDigits, pos: number, mode: 'up' | 'even' | 'none'): FormatDigits {
  let digits = n.digits;
  let point = n.point;
  if (pos < digits.length) {
    const next = pos >= 0 ? digits.charCodeAt(pos) - 48 : 0;
    let up = false;
    if (pos >= 0 && mode === 'up') up = next >= 5;
    if (pos >= 0 && mode === 'even') {
      const tie = next === 5 && pos + 1 === digits.length;
      const prevOdd = pos > 0 && (digits.charCodeAt(pos - 1) - 48) % 2 === 1;
      up = next > 5 || (next === 5 && !tie) || (tie && prevOdd);
    }
    digits = pos > 0 ? digits.slice(0, pos) : '';
    if (up) {
      let i = digits.length;
      while (i > 0 && digits[i - 1] === '9') i--;
      if (i > 0) {
        digits = digits.slice(0, i - 1) + String.fromCharCode(digits.charCodeAt(i - 1) + 1);
      } else {
        digits = '1';
        point++;
      }
    }
  }
  digits = digits.replace(/0+$/, '');
  if (digits === '') return { kind: n.kind, negative: n.kind === 'float' ? n.negative : false, digits: '', point: 0 };
  return { kind: n.kind, negative: n.negative, digits, point };
}
