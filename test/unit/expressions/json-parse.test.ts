import assert from 'node:assert/strict';
import { JsonParseError, parseJson } from '../../../engine/expressions/json-parse.js';
import { Float, isFloat, isInteger, toJsonText, type ValueObject } from '../../../engine/expressions/value.js';

function parseError(text: string): JsonParseError {
  try {
    parseJson(text);
  } catch (err) {
    assert.ok(err instanceof JsonParseError, `expected JsonParseError, got ${String(err)}`);
    return err;
  }
  return assert.fail(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parseJson', () => {
  it('keeps integer and float kinds apart, even for integral floats', () => {
    const v = parseJson('[1, 1.0, 1e2, -0, 2.5]') as unknown[];
    assert.equal(v[0], 1);
    assert.ok(v[1] instanceof Float && v[1].value === 1);
    assert.ok(v[2] instanceof Float && v[2].value === 100);
    assert.ok(isInteger(v[3] as number) && Object.is(v[3], 0));
    assert.ok(isFloat(v[4] as number));
    assert.equal(toJsonText(parseJson('[1,1.0,1e2]')), '[1,1.0,100.0]');
  });

  it('keeps 64-bit integers beyond the safe range exact', () => {
    assert.equal(parseJson('9223372036854775807'), 9223372036854775807n);
    assert.equal(parseJson('-9223372036854775808'), -9223372036854775808n);
    assert.equal(parseJson('9007199254740993'), 9007199254740993n);
    assert.equal(parseJson('9007199254740991'), 9007199254740991);
  });

  it('turns integers beyond int64 into floats', () => {
    const v = parseJson('18446744073709551616');
    assert.ok(v instanceof Float);
    assert.equal(v.value, 18446744073709551616);
  });

  it('lets a repeated key win with its last value at its last position (spec 11.26)', () => {
    const v = parseJson('{"a": 1, "b": -1, "a": 2}') as ValueObject;
    assert.deepEqual(Object.keys(v), ['b', 'a']);
    assert.equal(v['a'], 2);
  });

  it('keeps keys that differ only in case as distinct members, in order', () => {
    const v = parseJson('{"A": 1, "a": 2}') as ValueObject;
    assert.deepEqual(Object.entries(v), [['A', 1], ['a', 2]]);
  });

  it('stores a __proto__ key as an ordinary member', () => {
    const v = parseJson('{"__proto__": {"x": 1}}') as ValueObject;
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(v['__proto__'], { x: 1 });
  });

  it('decodes string escapes, including surrogate pairs', () => {
    assert.equal(parseJson('"a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00"'), 'a"b\\c/d\n\té😀');
  });

  it('accepts the Newtonsoft leniencies: comments, single quotes, bare property names', () => {
    assert.deepEqual(parseJson("{ // note\n name: 'x', /* block */ \"y\": [true, false, null] }"), {
      name: 'x',
      y: [true, false, null],
    });
  });

  it('parses scalars at the top level and surrounding whitespace', () => {
    assert.equal(parseJson('  "text"  '), 'text');
    assert.equal(parseJson('true'), true);
    assert.equal(parseJson('null'), null);
    assert.deepEqual(parseJson('\n[]\n'), []);
  });

  it('reports where parsing stopped', () => {
    const err = parseError('{"a": 1,, "b": 2}');
    assert.equal(err.position, 8);
    assert.match(err.message, /position 8/);
  });

  for (const bad of ['', '   ', '{', '[1, 2', '{"a" 1}', '[1 2]', 'tru', 'nulls', '01', '1.', '.5', '+1', '"abc', '"\\x"', '{"a":1} x', 'NaN', '[1,]']) {
    it(`rejects ${JSON.stringify(bad)}`, () => {
      const err = parseError(bad);
      assert.ok(err.position >= 0 && err.position <= bad.length);
    });
  }

  it('rejects an invalid \\u escape', () => {
    assert.match(parseError('"\\u12G4"').message, /\\u escape/);
  });
});
