/**
 * A .NET System.Decimal: a 96-bit integer mantissa and a scale of 0..28, so `1.10` keeps its two
 * places. Logic Apps' decimal() values behave this way (spec §11.10); JavaScript has nothing like it.
 */
export const DECIMAL_MAX_MANTISSA = (1n << 96n) - 1n;
export const DECIMAL_MAX_SCALE = 28;

export class Decimal {
  /** value = mantissa / 10^scale; the sign lives in the mantissa. */
  constructor(readonly mantissa: bigint, readonly scale: number) {}

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
