import assert from 'node:assert/strict';
import { Decimal, DecimalArithmeticError } from '../../../engine/expressions/decimal.js';

const d = (text: string): Decimal => {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [int, frac = ''] = body.split('.') as [string, string?];
  return Decimal.fromDigits(negative, int + frac, frac.length);
};

function throwsReason(f: () => unknown, reason: 'overflow' | 'divideByZero'): void {
  assert.throws(f, (e: unknown) => e instanceof DecimalArithmeticError && e.reason === reason);
}

describe('Decimal (System.Decimal semantics)', () => {
  it('keeps the scale of its digits', () => {
    assert.equal(d('1.10').toString(), '1.10');
    assert.equal(d('-0.050').toString(), '-0.050');
    assert.equal(d('0.000').toString(), '0.000');
    assert.equal(new Decimal(-5n, 3).toString(), '-0.005');
  });

  it('rounds parsed digits beyond 29 significant half to even', () => {
    assert.equal(d('1.000000000000000000000000000000000001').toString(), '1.0000000000000000000000000000');
    assert.equal(d('0.00000000000000000000000000005').toString(), '0.0000000000000000000000000000');
    assert.equal(d('0.00000000000000000000000000015').toString(), '0.0000000000000000000000000002');
    assert.equal(d('9.0000000000000000000000000000001').toString(), '9.000000000000000000000000000');
  });

  it('accepts the full 96-bit range and rejects beyond it', () => {
    assert.equal(d('79228162514264337593543950335').toString(), '79228162514264337593543950335');
    throwsReason(() => d('79228162514264337593543950336'), 'overflow');
    throwsReason(() => Decimal.fromBigInt(1n << 96n), 'overflow');
  });

  it('converts doubles through 15 significant digits, like new decimal(double)', () => {
    assert.equal(Decimal.fromDouble(0.1 + 0.2).toString(), '0.3');
    assert.equal(Decimal.fromDouble(1 / 3).toString(), '0.333333333333333');
    assert.equal(Decimal.fromDouble(1.5).toString(), '1.5');
    assert.equal(Decimal.fromDouble(1e20).toString(), '100000000000000000000');
    assert.equal(Decimal.fromDouble(-2.5e-7).toString(), '-0.00000025');
    assert.equal(Decimal.fromDouble(1e-30).toString(), '0');
    throwsReason(() => Decimal.fromDouble(1e29), 'overflow');
    throwsReason(() => Decimal.fromDouble(NaN), 'overflow');
  });

  it('adds and subtracts at the larger scale', () => {
    assert.equal(d('1').add(d('0.000')).toString(), '1.000');
    assert.equal(d('1.25').sub(d('0.25')).toString(), '1.00');
    assert.equal(d('-1.5').add(d('1.5')).toString(), '0.0');
  });

  it('rounds a sum that needs more than 96 bits instead of failing', () => {
    const max = d('79228162514264337593543950335');
    assert.equal(max.add(d('0.4')).toString(), '79228162514264337593543950335');
    throwsReason(() => max.add(d('1')), 'overflow');
  });

  it('multiplies exactly, capping the scale at 28', () => {
    assert.equal(d('0.1').mul(d('0.1')).toString(), '0.01');
    assert.equal(d('1.5').mul(d('2')).toString(), '3.0');
    assert.equal(d('0.0000000000000001').mul(d('0.0000000000000001')).toString(), '0.0000000000000000000000000000');
    throwsReason(() => d('70000000000000000000000000000').mul(d('10')), 'overflow');
  });

  it('divides with the smallest exact scale or full precision', () => {
    assert.equal(d('1').div(d('3')).toString(), '0.3333333333333333333333333333');
    assert.equal(d('2').div(d('3')).toString(), '0.6666666666666666666666666667');
    assert.equal(d('10').div(d('3')).toString(), '3.3333333333333333333333333333');
    assert.equal(d('1.0').div(d('8')).toString(), '0.125');
    assert.equal(d('1').div(d('0.5')).toString(), '2');
    assert.equal(d('6.00').div(d('2')).toString(), '3.00');
    assert.equal(d('-7').div(d('2')).toString(), '-3.5');
    throwsReason(() => d('1').div(d('0.00')), 'divideByZero');
    throwsReason(() => d('70000000000000000000000000000').div(d('0.1')), 'overflow');
  });

  it('takes the remainder with the dividend sign at the larger scale', () => {
    assert.equal(d('5.50').mod(d('2')).toString(), '1.50');
    assert.equal(d('6').mod(d('2.0')).toString(), '0.0');
    assert.equal(d('-7').mod(d('3')).toString(), '-1');
    throwsReason(() => d('1').mod(d('0')), 'divideByZero');
  });

  it('compares across scales and reports integrality', () => {
    assert.equal(d('1.10').compare(d('1.1')), 0);
    assert.equal(d('-2').compare(d('1.5')), -1);
    assert.ok(d('3.000').isIntegral());
    assert.ok(!d('3.001').isIntegral());
    assert.equal(d('-3.9').truncateToBigInt(), -3n);
  });
});
