/**
 * `toJsonText` hands values without floats, decimals or 64-bit integers to V8's JSON.stringify;
 * these properties hold it to the full writer, so the shortcut can never change a byte.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Decimal } from '../../../engine/expressions/decimal.js';
import { Float, toJsonText, writeJsonText, type Value } from '../../../engine/expressions/value.js';

const key = fc.oneof(fc.string(), fc.constantFrom('toJSON', '__proto__x', '0', '10', '-1', 'a"b', '\u2028', '\ud800'));
const leaf: fc.Arbitrary<Value> = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, 1e21, -1e300),
  fc.boolean(),
  fc.constant(null),
);
const special: fc.Arbitrary<Value> = fc.oneof(
  fc.double().map((d) => (Number.isInteger(d) ? new Float(d) : d)),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e-7, 0.5, 1e15 + 0.5),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.constantFrom(new Float(2), new Float(-0), new Decimal(150n, 2)),
);

function tree(leaves: fc.Arbitrary<Value>): fc.Arbitrary<Value> {
  return fc.letrec<{ value: Value }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      leaves,
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }) as fc.Arbitrary<Value>,
    ),
  })).value;
}

describe('toJsonText: the native shortcut', () => {
  it('writes exactly what the full writer writes, for plain JSON values', () => {
    fc.assert(fc.property(tree(leaf), (v) => assert.equal(toJsonText(v), writeJsonText(v))), { numRuns: 2000 });
  });

  it('writes exactly what the full writer writes when floats, decimals or big integers are inside', () => {
    fc.assert(fc.property(tree(fc.oneof(leaf, special)), (v) => assert.equal(toJsonText(v), writeJsonText(v))), { numRuns: 2000 });
  });

  it('keeps .NET number text where JSON.stringify would differ', () => {
    assert.equal(toJsonText({ a: [new Float(2), 1e-7, 0.5] }), '{"a":[2.0,1E-07,0.5]}');
    assert.equal(toJsonText({ n: 9223372036854775807n }), '{"n":9223372036854775807}');
    assert.equal(toJsonText({ skipped: undefined, kept: 1 } as unknown as Value), '{"kept":1}');
  });
});
