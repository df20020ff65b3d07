/**
 * A .NET System.Decimal: a 96-bit integer mantissa and a scale of 0..28, so `1.10` keeps its two
 * places. Logic Apps' decimal() values behave this way (spec §11.10); JavaScript has nothing like it.
 *
 * Arithmetic is computed exactly with bigints and then fitted back into 96 bits the way .NET does:
 * the scale is lowered (rounding half to even) until the mantissa fits, and a value that does not
 * fit even at scale 0 is an overflow.
 */
export const DECIMAL_MAX_MANTISSA = (1n << 96n) - 1n;
export const DECIMAL_MAX_SCALE = 28;

/** Raised by Decimal operations; function implementations turn it into an evaluation error. */
export class DecimalArithmeticError extends Error {
  constructor(readonly reason: 'overflow' | 'divideByZero') {
    super(reason === 'overflow' ? 'Value was either too large or too small for a Decimal.' : 'Attempted to divide by zero.');
    this.name = 'DecimalArithmeticError';
  }
}

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

function abs(b: bigint): bigint {
  return b < 0n ? -b : b;
}

/** `n / 10^k` rounded half to even (banker's rounding, as .NET's decimal arithmetic does). */
function divRoundEven(n: bigint, k: number): bigint {
  if (k <= 0) return n * pow10(-k);
  const d = pow10(k);
  const q = n / d;
  const r2 = abs(n % d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) !== 0n)) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** Number of decimal digits of a non-negative bigint. */
function digitCount(n: bigint): number {
  return n === 0n ? 1 : n.toString().length;
}

export class Decimal {
  /** value = mantissa / 10^scale; the sign lives in the mantissa. */
  constructor(readonly mantissa: bigint, readonly scale: number) {}

  static readonly ZERO = new Decimal(0n, 0);

  /**
   * The decimal nearest to `mantissa / 10^scale` (any bigint, any scale, negative scales allowed):
   * the scale is capped at 28 and lowered while the mantissa needs more than 96 bits.
   */
  static fit(mantissa: bigint, scale: number): Decimal {
    let m = mantissa;
    let s = scale;
    if (s < 0) {
      m *= pow10(-s);
      s = 0;
    }
    if (s > DECIMAL_MAX_SCALE) {
      m = divRoundEven(m, s - DECIMAL_MAX_SCALE);
      s = DECIMAL_MAX_SCALE;
    }
    if (abs(m) > DECIMAL_MAX_MANTISSA) {
      // Drop just enough digits; rounding may carry into one more digit, so check again.
      let drop = Math.max(1, digitCount(abs(m)) - 29);
      while (drop <= s) {
        const r = divRoundEven(m, drop);
        if (abs(r) <= DECIMAL_MAX_MANTISSA) return new Decimal(r, s - drop);
        drop++;
      }
      throw new DecimalArithmeticError('overflow');
    }
    return new Decimal(m, s);
  }

  static fromBigInt(n: bigint): Decimal {
    if (abs(n) > DECIMAL_MAX_MANTISSA) throw new DecimalArithmeticError('overflow');
    return new Decimal(n, 0);
  }

  /**
   * A double as `new decimal(double)` converts it: rounded to 15 significant digits, trailing zeros
   * removed; magnitudes below 1e-28 become 0; NaN, infinities and magnitudes beyond the decimal
   * range are an overflow.
   */
  static fromDouble(x: number): Decimal {
    if (!Number.isFinite(x)) throw new DecimalArithmeticError('overflow');
    if (Math.abs(x) < 1e-28) return Decimal.ZERO;
    const [mant, expText] = x.toExponential(14).split('e') as [string, string];
    let m = BigInt(mant.replace('.', ''));
    let scale = 14 - Number(expText);
    while (scale > 0 && m % 10n === 0n) {
      m /= 10n;
      scale--;
    }
    return Decimal.fit(m, scale);
  }

  /**
   * A decimal from parsed digits (`digits × 10^-scale`, digits may be long): .NET keeps at most
   * 29 significant digits and rounds the rest half to even.
   */
  static fromDigits(negative: boolean, digits: string, scale: number): Decimal {
    const trimmed = digits.replace(/^0+/, '');
    if (trimmed === '') return new Decimal(0n, Math.min(Math.max(scale, 0), DECIMAL_MAX_SCALE));
    let m = BigInt(trimmed);
    let s = scale;
    const excess = trimmed.length - 29;
    if (excess > 0 && s > 0) {
      const drop = Math.min(excess, s);
      m = divRoundEven(m, drop);
      s -= drop;
    }
    return Decimal.fit(negative ? -m : m, s);
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  isNegative(): boolean {
    return this.mantissa < 0n;
  }

  isIntegral(): boolean {
    return this.scale === 0 || this.mantissa % pow10(this.scale) === 0n;
  }

  /** The integer part, truncated toward zero. */
  truncateToBigInt(): bigint {
    return this.mantissa / pow10(this.scale);
  }

  negate(): Decimal {
    return new Decimal(-this.mantissa, this.scale);
  }

  add(other: Decimal): Decimal {
    const s = Math.max(this.scale, other.scale);
    return Decimal.fit(this.mantissa * pow10(s - this.scale) + other.mantissa * pow10(s - other.scale), s);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.negate());
  }

  mul(other: Decimal): Decimal {
    return Decimal.fit(this.mantissa * other.mantissa, this.scale + other.scale);
  }

  /**
   * Division as .NET computes it: an exact quotient gets the smallest scale that is at least
   * `this.scale - other.scale` (and at least 0); an inexact one gets as many digits as fit.
   */
  div(other: Decimal): Decimal {
    if (other.mantissa === 0n) throw new DecimalArithmeticError('divideByZero');
    if (this.mantissa === 0n) return new Decimal(0n, Math.max(0, this.scale - other.scale));
    const base = this.scale - other.scale;
    const num = abs(this.mantissa);
    const den = abs(other.mantissa);
    const negative = this.mantissa < 0n !== other.mantissa < 0n;
    // Try increasing scales until the quotient is exact or no longer fits.
    for (let s = Math.max(0, base); s <= DECIMAL_MAX_SCALE; s++) {
      const shift = s - base;
      const scaledNum = num * pow10(shift);
      const q = scaledNum / den;
      if (q > DECIMAL_MAX_MANTISSA) {
        if (s === Math.max(0, base)) throw new DecimalArithmeticError('overflow');
        return Decimal.roundedQuotient(num, den, s - 1 - base, s - 1, negative);
      }
      if (scaledNum % den === 0n) return new Decimal(negative ? -q : q, s);
    }
    return Decimal.roundedQuotient(num, den, DECIMAL_MAX_SCALE - base, DECIMAL_MAX_SCALE, negative);
  }

  /** `num × 10^shift / den` rounded half to even, at `scale`, refitted if rounding carried. */
  private static roundedQuotient(num: bigint, den: bigint, shift: number, scale: number, negative: boolean): Decimal {
    const scaledNum = num * pow10(shift);
    let q = scaledNum / den;
    const r2 = (scaledNum % den) * 2n;
    if (r2 > den || (r2 === den && (q & 1n) !== 0n)) q += 1n;
    return Decimal.fit(negative ? -q : q, scale);
  }

  /** Remainder with the dividend's sign, at the larger of the two scales (exact). */
  mod(other: Decimal): Decimal {
    if (other.mantissa === 0n) throw new DecimalArithmeticError('divideByZero');
    const s = Math.max(this.scale, other.scale);
    const a = this.mantissa * pow10(s - this.scale);
    const b = other.mantissa * pow10(s - other.scale);
    return new Decimal(a % b, s);
  }

  compare(other: Decimal): number {
    const s = Math.max(this.scale, other.scale);
    const a = this.mantissa * pow10(s - this.scale);
    const b = other.mantissa * pow10(s - other.scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Digits with the original scale, as .NET prints a decimal (`1.10`, `-0.5`, `3`). */
  toString(): string {
    const negative = this.mantissa < 0n;
    let digits = (negative ? -this.mantissa : this.mantissa).toString();
    if (this.scale > 0) {
      digits = digits.padStart(this.scale + 1, '0');
      digits = `${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
    }
    return negative ? `-${digits}` : digits;
  }

  toNumber(): number {
    return Number(this.toString());
  }
}
