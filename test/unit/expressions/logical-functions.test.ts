import assert from 'node:assert/strict';
import { Decimal, Float } from '../../../engine/expressions/index.js';
import { ev, evError } from './string-collection-logical-helpers.js';

describe('logical functions', function () {
  describe('and / or', function () {
    it('accept one or more booleans', function () {
      assert.equal(ev('@and(true)'), true);
      assert.equal(ev('@or(false)'), false);
      assert.equal(ev('@and(true, true, true, false)'), false);
      assert.equal(ev('@or(false, false, true)'), true);
    });
    it('stop at the first deciding argument', function () {
      assert.equal(ev("@and(false, substring('a', 5))"), false);
      assert.equal(ev('@or(true, noSuchFunction())'), true);
      assert.equal(ev("@and(true, false, 'not even a boolean')"), false);
    });
    it('still evaluate (and fail on) arguments before the deciding one', function () {
      evError("@and(substring('a', 5), false)");
      evError('@or(false, noSuchFunction(), true)');
    });
    it('reject non-boolean arguments instead of treating them as truthy', function () {
      const err = evError("@and(true, 'true')");
      assert.match(err.detail, /expects its second parameter to be of type boolean\. The provided value is of type 'String'/);
      evError('@or(1)');
      evError('@and(null)');
    });
    it('need at least one argument', function () {
      evError('@and()');
      evError('@or()');
    });
  });

  describe('if', function () {
    it('evaluates only the chosen branch', function () {
      assert.equal(ev('@if(true, 1, noSuchFunction())'), 1);
      assert.equal(ev("@if(false, substring('a', 9), 'b')"), 'b');
      evError('@if(true, noSuchFunction(), 1)');
    });
    it('returns the branch value with its kind', function () {
      assert.deepEqual(ev("@if(false, 1, parameters('o'))", { o: { a: [1] } }), { a: [1] });
      assert.equal(ev('@if(true, null, 1)'), null);
    });
    it('requires a boolean condition', function () {
      const err = evError("@if('true', 'a', 'b')");
      assert.match(err.detail, /expects its first parameter to be of type boolean/);
      evError("@if(1, 'a', 'b')");
      evError("@if(null, 'a', 'b')");
    });
    it('takes exactly three arguments', function () {
      evError('@if(true, 1)');
      evError('@if(true, 1, 2, 3)');
    });
  });

  describe('not', function () {
    it('negates booleans only', function () {
      assert.equal(ev('@not(false)'), true);
      evError("@not('false')");
      evError('@not(0)');
      evError('@not(null)');
    });
  });

  describe('equals', function () {
    it('compares numbers by value across integer, float and decimal', function () {
      assert.equal(ev('@equals(1, 1.0)'), true);
      assert.equal(ev("@equals(parameters('d'), 2)", { d: new Decimal(200n, 2) }), true);
      assert.equal(ev("@equals(parameters('f'), 3)", { f: new Float(3) }), true);
      assert.equal(ev('@equals(9223372036854775807, 9223372036854775806)'), false);
      assert.equal(ev('@equals(0.1, 0.10000000000000001)'), true);
    });
    it('compares strings ordinally and case-sensitively', function () {
      assert.equal(ev("@equals('abc', 'ABC')"), false);
      assert.equal(ev("@equals('abc', 'abc')"), true);
    });
    it('never equates booleans with numbers or strings', function () {
      assert.equal(ev('@equals(true, 1)'), false);
      assert.equal(ev('@equals(false, 0)'), false);
      assert.equal(ev("@equals('True', true)"), false);
      assert.equal(ev("@equals(1, '1')"), false);
    });
    it('treats null as the empty string, and only as that', function () {
      assert.equal(ev("@equals(null, '')"), true);
      assert.equal(ev("@equals('', null)"), true);
      assert.equal(ev('@equals(null, null)'), true);
      assert.equal(ev('@equals(null, 0)'), false);
      assert.equal(ev('@equals(null, false)'), false);
    });
    it('compares arrays and objects deeply, objects ignoring member order', function () {
      const p = { a: { x: [1, { y: 'z' }], w: null }, b: { w: null, x: [1, { y: 'z' }] }, c: { x: [1, { y: 'Z' }], w: null } };
      assert.equal(ev("@equals(parameters('a'), parameters('b'))", p), true);
      assert.equal(ev("@equals(parameters('a'), parameters('c'))", p), false);
      assert.equal(ev("@equals(parameters('l'), parameters('m'))", { l: [1, 2], m: [2, 1] }), false);
      assert.equal(ev("@equals(parameters('l'), '[1,2]')", { l: [1, 2] }), false);
    });
    it('finds NaN unequal to itself', function () {
      assert.equal(ev("@equals(parameters('n'), parameters('n'))", { n: NaN }), false);
    });
  });

  describe('greater / greaterOrEquals / less / lessOrEquals', function () {
    it('compare numbers of all kinds numerically', function () {
      assert.equal(ev('@greater(2, 1.5)'), true);
      assert.equal(ev('@less(9223372036854775806, 9223372036854775807)'), true);
      assert.equal(ev("@greaterOrEquals(parameters('d'), 1.5)", { d: new Decimal(150n, 2) }), true);
      assert.equal(ev('@lessOrEquals(-0.0, 0)'), true);
    });
    it('compare strings ordinally: upper case sorts before lower case', function () {
      assert.equal(ev("@less('Z', 'a')"), true);
      assert.equal(ev("@greater('b', 'B')"), true);
      assert.equal(ev("@lessOrEquals('abc', 'abc')"), true);
      assert.equal(ev("@less('ab', 'abc')"), true);
    });
    it('treat null as the empty string', function () {
      assert.equal(ev("@less(null, 'a')"), true);
      assert.equal(ev('@greaterOrEquals(null, null)'), true);
      evError('@less(null, 1)');
    });
    it('are false whenever NaN takes part', function () {
      const p = { n: NaN };
      assert.equal(ev("@greater(parameters('n'), 1)", p), false);
      assert.equal(ev("@lessOrEquals(parameters('n'), 1)", p), false);
    });
    it('reject mixed kinds, booleans, arrays and objects', function () {
      const err = evError("@greater(1, '0')");
      assert.match(err.detail, /matching types.*'Integer' and 'String'/);
      evError('@less(false, true)');
      evError("@greater(parameters('a'), 1)", { a: [2] });
      evError("@lessOrEquals('a', parameters('o'))", { o: {} });
    });
  });
});
