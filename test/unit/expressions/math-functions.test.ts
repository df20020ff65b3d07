import assert from 'node:assert/strict';
import { ev, evError, evText, expectNumber } from './number-test-helpers.js';

describe('math functions', () => {
  describe('kinds and promotion', () => {
    it('keeps integers integers and promotes to float and decimal', () => {
      expectNumber('@add(40, 2)', 'Integer', '42');
      expectNumber('@add(40, 2.0)', 'Float', '42');
      expectNumber('@mul(0.5, 4)', 'Float', '2');
      expectNumber("@add(decimal('0.1'), 0.2)", 'Decimal', '0.3');
      expectNumber("@sub(decimal('1.50'), 1)", 'Decimal', '0.50');
      expectNumber("@mul(3, decimal('1.5'))", 'Decimal', '4.5');
    });

    it('serialises an integral float result with .0 inside JSON text', () => {
      assert.equal(evText('createArray(mul(1.5, 2), sub(5, 2))'), '[3.0,3]');
    });

    it('does IEEE float arithmetic without decimal rounding', () => {
      assert.equal(evText('add(0.1, 0.2)'), '0.30000000000000004');
      assert.equal(evText('sub(0.3, 0.1)'), '0.19999999999999998');
    });

    it('rejects non-numbers naming the argument', () => {
      evError("@add(1, '2')", /add: argument 2 must be an integer or a decimal number, got string/);
      evError('@mul(null, 2)', /argument 1/);
      evError('@sub(true, 1)', /argument 1/);
    });
  });

  describe('checked 64-bit integers', () => {
    it('widens beyond the JavaScript safe range without losing digits', () => {
      assert.equal(ev('@add(9007199254740991, 2)'), 9007199254740993n);
      assert.equal(ev('@mul(3037000499, 3037000499)'), 9223372030926249001n);
      assert.equal(ev('@sub(-9223372036854775807, 1)'), -9223372036854775808n);
    });

    it('fails on overflow instead of wrapping or going to float', () => {
      evError('@add(9223372036854775807, 1)', /overflow/);
      evError('@sub(-9223372036854775808, 1)', /overflow/);
      evError('@mul(4294967296, 4294967296)', /overflow/);
      evError('@div(-9223372036854775808, -1)', /overflow/);
    });

    it('comes back to a plain number when a big result shrinks', () => {
      assert.equal(ev('@sub(add(9007199254740991, 10), 10)'), 9007199254740991);
    });
  });

  describe('div and mod', () => {
    it('truncates integer division toward zero', () => {
      assert.equal(ev('@div(-7, 2)'), -3);
      assert.equal(ev('@div(7, -2)'), -3);
      assert.equal(ev('@div(9007199254740991, 3)'), 3002399751580330);
      expectNumber('@div(7, 2.0)', 'Float', '3.5');
    });

    it('gives mod the sign of the dividend', () => {
      assert.equal(ev('@mod(-7, 3)'), -1);
      assert.equal(ev('@mod(7, -3)'), 1);
      assert.equal(ev('@mod(5.5, 2)'), 1.5);
      expectNumber("@mod(decimal('5.50'), 2)", 'Decimal', '1.50');
    });

    it('fails for an integer or decimal zero divisor', () => {
      evError('@div(1, 0)', /div: argument 2 must not be zero/);
      evError('@mod(0, 0)', /argument 2/);
      evError("@div(decimal('1'), 0)", /argument 2/);
      evError("@mod(1, decimal('0.0'))", /argument 2/);
    });

    it('follows IEEE 754 for a float zero divisor', () => {
      assert.equal(ev('@div(1, 0.0)'), Infinity);
      assert.equal(ev('@div(-1.5, 0)'), -Infinity);
      assert.ok(Number.isNaN(ev('@mod(1.5, 0)') as number));
    });

    it('divides decimals with .NET precision', () => {
      assert.equal(evText("div(decimal('1'), decimal('3'))"), '0.3333333333333333333333333333');
      assert.equal(evText("div(decimal('100'), 3)"), '33.333333333333333333333333333');
      assert.equal(evText("div(decimal('6.00'), 2)"), '3.00');
      assert.equal(evText("div(decimal('1'), 8)"), '0.125');
    });
  });

  describe('max and min', () => {
    it('accepts numbers or a single array', () => {
      assert.equal(ev('@max(4, 9, -2)'), 9);
      assert.equal(ev('@min(createArray(4, 9, -2))'), -2);
      assert.equal(ev('@max(7)'), 7);
    });

    it('returns the promoted kind of all operands', () => {
      expectNumber('@max(3, 2.5)', 'Float', '3');
      expectNumber("@min(decimal('2.50'), 3)", 'Decimal', '2.50');
      expectNumber("@max(1, decimal('0.5'), 0.75)", 'Decimal', '1');
    });

    it('fails on an empty array, a non-number element or a non-number argument', () => {
      evError("@max(json('[]'))", /empty/);
      evError("@min(json('[1, \"2\"]'))", /index 1/);
      evError("@max(1, 'a')", /argument 2/);
      evError('@max(createArray(1), 2)', /argument 1/);
    });

    it('lets NaN win like .NET Math.Max', () => {
      assert.ok(Number.isNaN(ev("@max(1, float('NaN'), 3)") as number));
    });
  });

  describe('rand', () => {
    it('draws from [min, max) using the injected random source', () => {
      assert.equal(ev('@rand(10, 20)', 0), 10);
      assert.equal(ev('@rand(10, 20)', 0.999999), 19);
      assert.equal(ev('@rand(-5, 5)', 0.5), 0);
      assert.equal(ev('@rand(3, 3)', 0.7), 3);
    });

    it('rejects min above max and non-integers', () => {
      evError('@rand(5, 1)', /argument 1/);
      evError('@rand(1.5, 3)', /argument 1 must be an integer/);
    });
  });

  describe('range', () => {
    it('counts up from the start', () => {
      assert.deepEqual(ev('@range(-2, 4)'), [-2, -1, 0, 1]);
      assert.deepEqual(ev('@range(5, 0)'), []);
      assert.equal((ev('@range(0, 100000)') as unknown[]).length, 100000);
      assert.deepEqual(ev('@range(2147483646, 1)'), [2147483646]);
    });

    it('enforces the count and int32 limits', () => {
      evError('@range(0, 100001)', /argument 2/);
      evError('@range(0, -1)', /argument 2/);
      evError('@range(2147483647, 1)', /2147483647/);
      evError("@range(0, '3')", /argument 2 must be an integer/);
    });
  });
});
