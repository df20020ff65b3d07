import assert from 'node:assert/strict';
import { Float } from '../../../engine/expressions/index.js';
import { ev, evError } from './string-collection-logical-helpers.js';

const binary = { '$content-type': 'application/octet-stream', $content: 'YWJj' };

describe('collection functions', function () {
  describe('contains', function () {
    it('finds substrings case-sensitively', function () {
      assert.equal(ev("@contains('Hello', 'ell')"), true);
      assert.equal(ev("@contains('Hello', 'hello')"), false);
      assert.equal(ev("@contains('Hello', '')"), true);
    });
    it('finds array elements by deep, type-strict equality', function () {
      const p = { a: [1, 'x', { k: [1, 2] }, null] };
      assert.equal(ev("@contains(parameters('a'), 1)", p), true);
      assert.equal(ev("@contains(parameters('a'), 1.0)", p), false);
      assert.equal(ev("@contains(parameters('a'), '1')", p), false);
      assert.equal(ev("@contains(parameters('a'), parameters('k'))", { ...p, k: { k: [1, 2] } }), true);
      assert.equal(ev("@contains(parameters('a'), null)", p), true);
    });
    it('finds object keys, spelled exactly', function () {
      const p = { o: { Name: 1 } };
      assert.equal(ev("@contains(parameters('o'), 'Name')", p), true);
      assert.equal(ev("@contains(parameters('o'), 'name')", p), false);
      assert.equal(ev("@contains(parameters('o'), 1)", { o: { '1': 1 } }), false);
    });
    it('rejects null and scalars as the collection, and non-strings searched in text', function () {
      evError("@contains(null, 'a')");
      evError('@contains(12, 1)');
      evError("@contains('a1', 1)");
    });
  });

  describe('empty', function () {
    it('is true for null and empty strings, arrays and objects', function () {
      assert.equal(ev('@empty(null)'), true);
      assert.equal(ev("@empty(parameters('a'))", { a: [] }), true);
      assert.equal(ev("@empty(parameters('o'))", { o: {} }), true);
      assert.equal(ev("@empty(' ')"), false);
      assert.equal(ev("@empty(parameters('a'))", { a: [[]] }), false);
    });
    it('rejects numbers and booleans', function () {
      const err = evError('@empty(0)');
      assert.match(err.detail, /first parameter to be an object, an array or a string\. The provided value is of type 'Integer'/);
      evError('@empty(false)');
      evError('@empty(0.0)');
    });
  });

  describe('first / last / length', function () {
    it('take characters of strings and items of arrays', function () {
      assert.equal(ev("@first('xyz')"), 'x');
      assert.equal(ev("@last('xyz')"), 'z');
      assert.deepEqual(ev("@last(parameters('a'))", { a: [1, [2, 3]] }), [2, 3]);
      assert.equal(ev("@length(parameters('a'))", { a: [null, null] }), 2);
    });
    it('give the empty string for an empty string and null for an empty array', function () {
      assert.equal(ev("@first('')"), '');
      assert.equal(ev("@last('')"), '');
      assert.equal(ev("@first(parameters('a'))", { a: [] }), null);
      assert.equal(ev("@last(parameters('a'))", { a: [] }), null);
    });
    it('count UTF-16 code units', function () {
      assert.equal(ev("@length(parameters('s'))", { s: 'a😀' }), 3);
    });
    it('reject objects (binary content too), null and numbers', function () {
      const err = evError('@length(null)');
      assert.match(err.detail, /expects its first parameter to be an array or a string\. The provided value is of type 'Null'/);
      evError("@first(parameters('o'))", { o: { a: 1 } });
      evError("@length(parameters('b'))", { b: binary });
      evError('@last(1)');
    });
  });

  describe('take / skip', function () {
    it('take from strings and arrays, clamping large counts', function () {
      assert.equal(ev("@take('meow', 2)"), 'me');
      assert.equal(ev("@take('meow', 0)"), '');
      assert.deepEqual(ev("@take(parameters('a'), 5)", { a: [1, 2] }), [1, 2]);
      assert.deepEqual(ev("@take(parameters('a'), 9223372036854775807)", { a: [1, 2] }), [1, 2]);
    });
    it('skip from arrays', function () {
      assert.deepEqual(ev("@skip(parameters('a'), 2)", { a: [1, 2, 3] }), [3]);
      assert.deepEqual(ev("@skip(parameters('a'), 0)", { a: [1, 2, 3] }), [1, 2, 3]);
    });
    it('reject negative counts', function () {
      const err = evError("@take('meow', -1)");
      assert.match(err.detail, /second parameter to be a positive integer/);
      evError("@skip(parameters('a'), -1)", { a: [1] });
    });
    it('reject the wrong kinds', function () {
      evError('@take(null, 1)');
      evError("@take('abc', '1')");
      evError("@skip('abc', 1)");
    });
    it('do not modify their argument', function () {
      const a = [1, 2, 3];
      ev("@take(parameters('a'), 1)", { a });
      ev("@skip(parameters('a'), 1)", { a });
      assert.deepEqual(a, [1, 2, 3]);
    });
  });

  describe('chunk', function () {
    it('splits strings and arrays, the last chunk shorter', function () {
      assert.deepEqual(ev("@chunk('abcde', 2)"), ['ab', 'cd', 'e']);
      assert.deepEqual(ev("@chunk(parameters('a'), 3)", { a: [1, 2, 3] }), [[1, 2, 3]]);
      assert.deepEqual(ev("@chunk('', 3)"), []);
    });
    it('rejects a zero or negative size and other kinds', function () {
      evError("@chunk('abc', 0)");
      evError("@chunk('abc', -2)");
      evError("@chunk(parameters('o'), 2)", { o: {} });
    });
  });

  describe('join', function () {
    it('renders elements with the interpolation text rules', function () {
      assert.equal(ev("@join(parameters('a'), '|')", { a: ['', null, 1, true, 2.5, ['b'], { c: 1 }] }), '||1|True|2.5|["b"]|{"c":1}');
      assert.equal(ev("@join(parameters('a'), ', ')", { a: [binary] }), 'abc');
      assert.equal(ev("@join(parameters('a'), '-')", { a: [] }), '');
    });
    it('requires an array and a string separator', function () {
      const err = evError("@join(parameters('a'), null)", { a: ['x'] });
      assert.match(err.detail, /second parameter to be of type string/);
      evError("@join('abc', ',')");
    });
  });

  describe('reverse', function () {
    it('returns a new reversed array', function () {
      const a = [1, 'b', null];
      assert.deepEqual(ev("@reverse(parameters('a'))", { a }), [null, 'b', 1]);
      assert.deepEqual(a, [1, 'b', null]);
    });
    it('accepts only arrays', function () {
      const err = evError("@reverse('abc')");
      assert.match(err.detail, /to be of type array/);
    });
  });

  describe('union / intersection', function () {
    it('union keeps distinct items in first-appearance order, type-strictly', function () {
      const p = { a: [3, 1, 3], b: [2, 1, 1.5, '1'] };
      assert.deepEqual(ev("@union(parameters('a'), parameters('b'))", p), [3, 1, 2, 1.5, '1']);
      const got = ev("@union(parameters('a'), parameters('f'))", { ...p, f: [new Float(1), 1] }) as unknown[];
      assert.equal(got.length, 3);
      assert.ok(got[2] instanceof Float);
    });
    it('union of objects: first position, last value', function () {
      const got = ev("@union(parameters('x'), parameters('y'), parameters('z'))", {
        x: { s: 'eggs', t: 3 },
        y: { s: 3, f: 'e' },
        z: { t: null },
      });
      assert.deepEqual(got, { s: 3, t: null, f: 'e' });
      assert.deepEqual(Object.keys(got as object), ['s', 't', 'f']);
    });
    it('intersection keeps distinct items of the first array found in every other', function () {
      const p = { a: [4, 4, 4, 5, 6], b: [5, 4, 5], c: [4, 5, 6] };
      assert.deepEqual(ev("@intersection(parameters('a'), parameters('b'), parameters('c'))", p), [4, 5]);
      assert.deepEqual(ev("@intersection(parameters('a'), parameters('e'))", { ...p, e: [] }), []);
    });
    it('intersection of objects keeps members equal in every object', function () {
      const got = ev("@intersection(parameters('x'), parameters('y'))", {
        x: { s: 'eggs', f: [1, 2], g: { a: 1, b: 2 } },
        y: { f: [2, 1], s: 'eggs', g: { b: 2, a: 1 } },
      });
      assert.deepEqual(got, { s: 'eggs', g: { a: 1, b: 2 } });
    });
    it('treat __proto__ as an ordinary key', function () {
      const x = JSON.parse('{"__proto__": 1}') as Record<string, number>;
      const got = ev("@union(parameters('x'), parameters('y'))", { x, y: {} }) as Record<string, unknown>;
      assert.deepEqual(Object.keys(got), ['__proto__']);
      assert.equal(Object.getPrototypeOf(got), Object.prototype);
    });
    it('reject mixing arrays and objects, and other kinds', function () {
      const err = evError("@union(parameters('a'), parameters('o'))", { a: [], o: {} });
      assert.match(err.detail, /expects parameters of same type/);
      evError("@intersection(parameters('o'), parameters('a'))", { a: [], o: {} });
      evError("@union('ab', 'cd')");
      evError("@union(parameters('a'), null)", { a: [1] });
    });
  });

  describe('sort', function () {
    it('orders numbers of every kind numerically', function () {
      assert.deepEqual(ev("@sort(parameters('a'))", { a: [10, 2.5, -1, 2] }), [-1, 2, 2.5, 10]);
    });
    it('orders strings ordinally (upper case before lower case)', function () {
      assert.deepEqual(ev("@sort(parameters('a'))", { a: ['b', 'a', 'B', 'A', 'á'] }), ['A', 'B', 'a', 'b', 'á']);
    });
    it('orders booleans false first', function () {
      assert.deepEqual(ev("@sort(parameters('a'))", { a: [true, false, true] }), [false, true, true]);
    });
    it('sorts objects by a key, stably, matching the key name ignoring case', function () {
      const a = [
        { n: 'x', k: 2 },
        { n: 'y', k: 1 },
        { n: 'z', k: 2 },
        { n: 'w', k: 1 },
      ];
      assert.deepEqual(
        (ev("@sort(parameters('a'), 'K')", { a }) as { n: string }[]).map((o) => o.n),
        ['y', 'w', 'x', 'z'],
      );
      assert.deepEqual(a.map((o) => o.n), ['x', 'y', 'z', 'w']);
    });
    it('rejects mixed kinds, unsortable items and missing keys', function () {
      evError("@sort(parameters('a'))", { a: [1, 'a'] });
      evError("@sort(parameters('a'))", { a: [true, 1] });
      evError("@sort(parameters('a'))", { a: [{ k: 1 }] });
      evError("@sort(parameters('a'))", { a: [null, 1] });
      evError("@sort(parameters('a'), 'k')", { a: [{ k: 1 }, { j: 2 }] });
      evError("@sort(parameters('a'), 'k')", { a: [1, 2] });
      evError("@sort('cba')");
    });
    it('sorts an empty array', function () {
      assert.deepEqual(ev("@sort(parameters('a'))", { a: [] }), []);
    });
  });
});
