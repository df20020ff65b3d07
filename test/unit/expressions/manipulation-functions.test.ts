import assert from 'node:assert/strict';
import { b64, ev, evError, show } from './conversion-test-helpers.js';

const o = (json: string) => ({ o: JSON.parse(json) as never });

describe('manipulation functions', () => {
  describe('addProperty', () => {
    it('appends the member and leaves the argument untouched', () => {
      const input = { a: 1 };
      const out = ev("@addProperty(parameters('o'), 'b', createArray(2))", { o: input });
      assert.equal(show(out), '{"a":1,"b":[2]}');
      assert.deepEqual(input, { a: 1 });
    });
    it('fails when the name exists, matched ignoring case', () => {
      for (const name of ['a', 'A']) {
        const err = evError(`@addProperty(parameters('o'), '${name}', 2)`, o('{"a":1}'));
        assert.match(err.message, /already exists/);
      }
    });
    it('accepts the empty name and null values', () => {
      assert.equal(show(ev("@addProperty(parameters('o'), '', null)", o('{"a":1}'))), '{"a":1,"":null}');
    });
    it('extends content envelopes like any object', () => {
      assert.equal(show(ev("@addProperty(binary('t'), 'x', 1)")), `{"$content-type":"application/octet-stream","$content":"${b64('t')}","x":1}`);
    });
    it('rejects non-objects (JSON text is not parsed) and non-string names', () => {
      evError("@addProperty('{}', 'x', 1)");
      evError("@addProperty(null, 'x', 1)");
      evError("@addProperty(createArray(1), 'x', 1)");
      evError("@addProperty(parameters('o'), 1, 1)", o('{}'));
      evError("@addProperty(parameters('o'), 'x')", o('{}'));
    });
  });

  describe('setProperty', () => {
    it('moves the matched member to the end, keeping its spelling', () => {
      assert.equal(show(ev("@setProperty(parameters('o'), 'A', 9)", o('{"a":1,"b":2}'))), '{"b":2,"a":9}');
      assert.equal(show(ev("@setProperty(parameters('o'), 'A', 9)", o('{"a":1,"A":2,"b":3}'))), '{"a":1,"b":3,"A":9}');
      assert.equal(show(ev("@setProperty(parameters('o'), 'aaa', 5)", o('{"aAa":1,"AaA":2}'))), '{"AaA":2,"aAa":5}');
    });
    it('appends an unknown name', () => {
      assert.equal(show(ev("@setProperty(parameters('o'), 'c', 3)", o('{"a":1}'))), '{"a":1,"c":3}');
    });
    it('rejects non-objects', () => {
      evError("@setProperty(1, 'x', 1)");
    });
  });

  describe('removeProperty', () => {
    it('removes only the matched member', () => {
      assert.equal(show(ev("@removeProperty(parameters('o'), 'a')", o('{"A":1,"a":2,"b":3}'))), '{"A":1,"b":3}');
      assert.equal(show(ev("@removeProperty(parameters('o'), 'B')", o('{"a":1,"b":2}'))), '{"a":1}');
    });
    it('returns an equal object when nothing matches', () => {
      assert.equal(show(ev("@removeProperty(parameters('o'), 'zz')", o('{"a":1}'))), '{"a":1}');
    });
    it('rejects non-objects and non-string names', () => {
      evError("@removeProperty('x', 'x')");
      evError("@removeProperty(parameters('o'), null)", o('{}'));
    });
  });

  describe('coalesce', () => {
    it('returns the first non-null value, or null', () => {
      assert.equal(ev("@coalesce(null, '', 'x')"), '');
      assert.deepEqual(ev("@coalesce(null, json('[]'))"), []);
      assert.equal(ev('@coalesce(null)'), null);
      assert.equal(ev('@coalesce(false, true)'), false);
    });
    it('is lazy: arguments after the result are not evaluated', () => {
      assert.equal(ev("@coalesce('hi', noSuchFunction())"), 'hi');
      evError('@coalesce(null, noSuchFunction())');
    });
    it('needs at least one argument', () => {
      evError('@coalesce()');
    });
  });

  describe('mergeObjects', () => {
    it('merges shallowly with the second object winning', () => {
      assert.equal(
        show(ev("@mergeObjects(parameters('a'), parameters('b'))", { a: { x: 1, y: { k: 1 } }, b: { y: { z: 2 }, w: 3 } })),
        '{"x":1,"y":{"z":2},"w":3}',
      );
    });
    it('rejects non-objects', () => {
      evError("@mergeObjects(parameters('a'), 'x')", { a: {} });
    });
  });
});
