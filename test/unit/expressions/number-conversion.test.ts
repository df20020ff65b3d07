import assert from 'node:assert/strict';
import { floatToText } from '../../../engine/expressions/value.js';
import { ev, evError, evText, expectNumber } from './number-test-helpers.js';

describe('number conversion functions', () => {
  describe('int', () => {
    it('parses text through a double: signs, spaces, groups, exponents', () => {
      assert.equal(ev("@int(' -1,234 ')"), -1234);
      assert.equal(ev("@int('2.000')"), 2);
      assert.equal(ev("@int('12e2')"), 1200);
      assert.equal(ev("@int('9007199254740993')"), 9007199254740992n);
    });

    it('accepts integral floats and decimals only', () => {
      assert.equal(ev('@int(4.0)'), 4);
      assert.equal(ev("@int(decimal('-12.000'))"), -12);
      evError('@int(4.5)', /not an integral/);
      evError("@int(decimal('0.1'))", /not an integral/);
      evError("@int('1.25')", /not an integral/);
    });

    it('maps NaN to int64 min and rejects out-of-range values', () => {
      assert.equal(ev("@int('NaN')"), -9223372036854775808n);
      assert.equal(ev("@int('-9223372036854775808')"), -9223372036854775808n);
      evError("@int('1e19')", /range/);
      evError("@int('∞')", /range/);
    });

    it('rejects trailing signs, parentheses and other kinds', () => {
      evError("@int('5-')", /could not be parsed/);
      evError("@int('(5)')", /could not be parsed/);
      evError('@int(true)', /argument 1 must be a string or a number/);
      evError('@int(null)', /argument 1/);
    });
  });

  describe('float', () => {
    it('parses .NET style in en-US by default', () => {
      expectNumber("@float(' 1,5e3 ')", 'Float', '15000');
      expectNumber("@float('7')", 'Float', '7');
      expectNumber("@float('-.5')", 'Float', '-0.5');
      expectNumber('@float(3)', 'Float', '3');
      expectNumber("@float('-0')", 'Float', '-0');
    });

    it('uses the culture argument, with the empty name as invariant', () => {
      assert.equal(ev("@float('1.234,5', 'de-DE')"), 1234.5);
      assert.equal(ev("@float('1 234,5', 'fr-FR')"), 1234.5);
      assert.equal(ev("@float('-Infinity', '')"), -Infinity);
      evError("@float('1', 'no-such-culture-xyz')", /argument 2 is not a valid culture/);
      evError("@float('1', 5)", /argument 2 must be a string/);
    });

    it('saturates to infinity and zero', () => {
      assert.equal(ev("@float('1e400')"), Infinity);
      expectNumber("@float('1e-400')", 'Float', '0');
    });

    it('rejects words, hex and non-number kinds', () => {
      evError("@float('Infinity')", /could not be parsed/);
      evError("@float('0x10')", /could not be parsed/);
      evError("@float('')", /could not be parsed/);
      evError("@float(createArray(1))", /argument 1/);
    });
  });

  describe('decimal', () => {
    it('keeps the scale of the text', () => {
      expectNumber("@decimal('  -0.50 ')", 'Decimal', '-0.50');
      expectNumber("@decimal('1,000.0')", 'Decimal', '1000.0');
      expectNumber("@decimal('12-')", 'Decimal', '-12');
      assert.equal(evText("createArray(decimal('7'))"), '[7.0]');
    });

    it('converts numbers', () => {
      expectNumber('@decimal(12)', 'Decimal', '12');
      expectNumber('@decimal(0.1)', 'Decimal', '0.1');
      expectNumber('@decimal(9223372036854775807)', 'Decimal', '9223372036854775807');
    });

    it('rejects exponents, overflow and other kinds', () => {
      evError("@decimal('1e3')", /could not be parsed/);
      evError("@decimal('99999999999999999999999999999')", /range/);
      evError('@decimal(1e30)', /range/);
      evError('@decimal(false)', /argument 1/);
    });
  });

  describe('isInt and isFloat', () => {
    it('isInt accepts integer syntax within int64 only', () => {
      assert.equal(ev("@isInt(' -42 ')"), true);
      assert.equal(ev("@isInt('1,000')"), true);
      assert.equal(ev("@isInt('5e2')"), true);
      assert.equal(ev("@isInt('5.0')"), false);
      assert.equal(ev("@isInt('9223372036854775808')"), false);
      assert.equal(ev("@isInt('-9223372036854775808')"), true);
      assert.equal(ev("@isInt('')"), false);
      evError('@isInt(5)', /argument 1 must be a string/);
    });

    it('isFloat defaults to the invariant culture', () => {
      assert.equal(ev("@isFloat('-Infinity')"), true);
      assert.equal(ev("@isFloat('nan')"), true);
      assert.equal(ev("@isFloat('1.5e-3')"), true);
      assert.equal(ev("@isFloat('1,5', 'de-DE')"), true);
      assert.equal(ev("@isFloat('1.5.5')"), false);
      assert.equal(ev("@isFloat('Infinity', 'en-US')"), false);
      evError("@isFloat('1', 'zz-ZZ-bogus')", /culture/);
    });
  });

  describe('formatNumber', () => {
    const cases: [string, string][] = [
      ["formatNumber(1234.5678, 'N2')", '1,234.57'],
      // An exact tie in a double rounds to even (.NET Core's Dragon4); decimals round away from zero.
      ["formatNumber(-1234.5, 'N0')", '-1,234'],
      ["formatNumber(decimal('-1234.5'), 'N0')", '-1,235'],
      ["formatNumber(0.5, '0')", '1'],
      ["formatNumber(0.125, 'F2')", '0.12'],
      ["formatNumber(0.375, 'F2')", '0.38'],
      ["formatNumber(decimal('0.125'), 'F2')", '0.13'],
      ["formatNumber(-0.001, 'F2')", '-0.00'],
      ["formatNumber(42, 'D6')", '000042'],
      ["formatNumber(-42, 'D')", '-42'],
      ["formatNumber(255, 'x')", 'ff'],
      ["formatNumber(-2, 'X')", 'FFFFFFFFFFFFFFFE'],
      ["formatNumber(12345.6789, 'E2')", '1.23E+004'],
      ["formatNumber(12345, 'e')", '1.234500e+004'],
      ["formatNumber(12345.6789, 'G7')", '12345.68'],
      ["formatNumber(123456789, 'G3')", '1.23E+08'],
      ["formatNumber(0.00001234, 'G')", '1.234E-05'],
      ["formatNumber(0.1, 'R')", '0.1'],
      ["formatNumber(0.256, 'P1')", '25.6%'],
      ["formatNumber(-0.5, 'P0', 'fr-FR')", '-50 %'],
      ["formatNumber(1234.5, 'C')", '$1,234.50'],
      ["formatNumber(-3, 'C0')", '-$3'],
      ["formatNumber(1234.5, 'C', 'de-DE')", '1.234,50 €'],
      ["formatNumber(1234.5, 'C', 'en-GB')", '£1,234.50'],
      ["formatNumber(5, 'C', 'ja-JP')", '￥5'],
      ["formatNumber(9876543.21, 'N', 'hi-IN')", '98,76,543.21'],
      ["formatNumber(1234.5, 'N1', '')", '1,234.5'],
      ["formatNumber(decimal('2.50'), 'G')", '2.50'],
      ["formatNumber(1234567.891, '#,##0.0')", '1,234,567.9'],
      ["formatNumber(0.5, '0.###')", '0.5'],
      ["formatNumber(7, '000.00')", '007.00'],
      ["formatNumber(1234567, '#,##0,K')", '1,235K'],
      ["formatNumber(0.0525, '0.0%')", '5.3%'],
      ["formatNumber(0.0525, '0‰')", '53‰'],
      ["formatNumber(-5, '0;(0);-')", '(5)'],
      ["formatNumber(0, '0;(0);nil')", 'nil'],
      ["formatNumber(0.004, '0.00;(0.00);nil')", 'nil'],
      ["formatNumber(-5, '0;;nil')", '-5'],
      ["formatNumber(12345, '0.00E+00')", '1.23E+04'],
      ["formatNumber(0.00012, '0.0e0')", '1.2e-4'],
      ["formatNumber(42, '\"#\"0')", '#42'],
      ["formatNumber(42, '\\#0')", '#42'],
      ["formatNumber(123456789, '0')", '123456789'],
      ["formatNumber(0.1, '0.00000000000000000000')", '0.10000000000000000000'],
      ["formatNumber(1234.5, '#,##0.00', 'de-DE')", '1.234,50'],
      ["formatNumber(float('NaN'), 'N2')", 'NaN'],
      ["formatNumber(float('-Infinity', ''), '0.0', 'de-DE')", '-∞'],
    ];
    for (const [expr, expected] of cases) {
      it(`${expr} → ${expected}`, () => assert.equal(ev(`@${expr}`), expected));
    }

    it('rejects bad formats, locales and kinds', () => {
      evError("@formatNumber(1.5, 'D')", /argument 2/);
      evError("@formatNumber(1.5, 'X')", /argument 2/);
      evError("@formatNumber(decimal('1'), 'R')", /argument 2/);
      evError("@formatNumber(1, 'Q')", /argument 2/);
      evError("@formatNumber(1, 'N', 'xx-notreal')", /argument 3/);
      evError("@formatNumber('1', 'N')", /argument 1/);
      evError('@formatNumber(1, 2)', /argument 2 must be a string/);
    });
  });

  describe('float text (.NET Core round-trip)', () => {
    it('switches to exponent form at 1e17 and below 1e-4', () => {
      assert.equal(floatToText(1e16), '10000000000000000');
      assert.equal(floatToText(1e17), '1E+17');
      assert.equal(floatToText(1234567890123456.8), '1234567890123456.8');
      assert.equal(floatToText(0.0001), '0.0001');
      assert.equal(floatToText(0.00001), '1E-05');
      assert.equal(floatToText(-1.5e-300), '-1.5E-300');
      assert.equal(floatToText(-0), '-0');
    });
  });
});
