import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Float } from '../../../engine/expressions/index.js';
import { toLowerInvariant, toUpperInvariant } from '../../../engine/expressions/functions/dotnet-case.js';
import { ev, evError } from './string-collection-logical-helpers.js';

const FIXED_GUID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const guidView = { newGuid: () => FIXED_GUID.toUpperCase() };

describe('string functions', function () {
  describe('concat', function () {
    it('accepts a single argument', function () {
      assert.equal(ev("@concat('only')"), 'only');
    });
    it('renders other kinds with the interpolation text rules', function () {
      assert.equal(ev("@concat('n=', 1, '|', 2.5, '|', true, '|', null, '|', parameters('a'))", { a: [1, 'x'] }), 'n=1|2.5|True||[1,"x"]');
    });
    it('prints an integral float without .0 and a big float in exponent form', function () {
      assert.equal(ev("@concat(3.0, '/', 1e20)"), '3/1E+20');
    });
    it('renders objects as compact JSON keeping member order', function () {
      assert.equal(ev("@concat(parameters('o'))", { o: { b: 1, a: { c: false } } }), '{"b":1,"a":{"c":false}}');
    });
  });

  describe('case-insensitive searching', function () {
    it('startsWith / endsWith ignore case and accept an empty search string', function () {
      assert.equal(ev("@startsWith('Hello', 'hE')"), true);
      assert.equal(ev("@endsWith('Hello', 'LLO')"), true);
      assert.equal(ev("@startsWith('Hello', '')"), true);
      assert.equal(ev("@endsWith('', '')"), true);
      assert.equal(ev("@startsWith('He', 'Hello')"), false);
    });
    it('indexOf finds the first match ignoring case; empty search is at 0', function () {
      assert.equal(ev("@indexOf('abcABC', 'C')"), 2);
      assert.equal(ev("@indexOf('abc', '')"), 0);
      assert.equal(ev("@indexOf('', 'a')"), -1);
    });
    it('ignores case beyond ASCII with simple mappings', function () {
      assert.equal(ev("@indexOf('xxSTRASSE', 'strasse')"), 2);
      assert.equal(ev("@indexOf('ΑΒΓ', 'βγ')"), 1);
      // ß upper-cases to itself under simple mapping, so it does not match 'SS'.
      assert.equal(ev("@indexOf('straße', 'SS')"), -1);
    });
    it('lastIndexOf follows the .NET Framework rule for an empty search string', function () {
      assert.equal(ev("@lastIndexOf('abcabc', 'B')"), 4);
      assert.equal(ev("@lastIndexOf('abc', '')"), 2);
      assert.equal(ev("@lastIndexOf('', '')"), 0);
      assert.equal(ev("@lastIndexOf('abc', 'x')"), -1);
    });
    it('rejects non-string arguments, null included', function () {
      const err = evError("@indexOf(null, 'a')");
      assert.match(err.detail, /expects its first parameter to be a string\. The provided value is of type 'Null'/);
      evError("@startsWith('1', 1)");
      evError("@endsWith(parameters('a'), 'a')", { a: ['a'] });
    });
  });

  describe('nthIndexOf', function () {
    it('counts overlapping matches forward', function () {
      assert.equal(ev("@nthIndexOf('aaaa', 'aa', 2)"), 1);
      assert.equal(ev("@nthIndexOf('aaaa', 'aa', 3)"), 2);
      assert.equal(ev("@nthIndexOf('aaaa', 'aa', 4)"), -1);
    });
    it('ignores case', function () {
      assert.equal(ev("@nthIndexOf('aXbxcX', 'x', 3)"), 5);
    });
    it('counts from the end for a negative occurrence', function () {
      assert.equal(ev("@nthIndexOf('a-b-c-d', '-', -1)"), 5);
      assert.equal(ev("@nthIndexOf('a-b-c-d', '-', -3)"), 1);
      assert.equal(ev("@nthIndexOf('a-b-c-d', '-', -4)"), -1);
    });
    it('handles an empty search string like repeated .NET IndexOf/LastIndexOf', function () {
      assert.equal(ev("@nthIndexOf('abc', '', 1)"), 0);
      assert.equal(ev("@nthIndexOf('abc', '', 4)"), 3);
      assert.equal(ev("@nthIndexOf('abc', '', 5)"), -1);
      assert.equal(ev("@nthIndexOf('abc', '', -1)"), 2);
    });
    it('rejects a zero or non-integer occurrence', function () {
      evError("@nthIndexOf('abc', 'a', 0)");
      evError("@nthIndexOf('abc', 'a', 1.5)");
      evError("@nthIndexOf('abc', 'a', '1')");
    });
  });

  describe('replace', function () {
    it('replaces every occurrence literally and case-sensitively', function () {
      assert.equal(ev("@replace('a.b.c', '.', '')"), 'abc');
      assert.equal(ev("@replace('aAaA', 'a', 'x')"), 'xAxA');
      assert.equal(ev("@replace('$1 $&', '$1', '$&')"), '$& $&');
    });
    it('rejects an empty search string', function () {
      const err = evError("@replace('abc', '', 'x')");
      assert.match(err.detail, /String cannot be of zero length/);
    });
    it('rejects non-string replacement text', function () {
      evError("@replace('abc', 'a', 1)");
    });
  });

  describe('slice', function () {
    it('clamps out-of-range bounds and counts negative ones from the end', function () {
      assert.equal(ev("@slice('abcdef', -33)"), 'abcdef');
      assert.equal(ev("@slice('abcdef', -3, -1)"), 'de');
      assert.equal(ev("@slice('abcdef', 1, 99)"), 'bcdef');
      assert.equal(ev("@slice('abcdef', -1, -2)"), '');
      assert.equal(ev("@slice('', 0)"), '');
    });
    it('rejects non-integer positions', function () {
      evError("@slice('abc', '1')");
      evError("@slice('abc', 0, 1.0)");
    });
  });

  describe('split', function () {
    it('keeps empty pieces and matches the separator literally', function () {
      assert.deepEqual(ev("@split(',a,,b,', ',')"), ['', 'a', '', 'b', '']);
      assert.deepEqual(ev("@split('a.b', '.')"), ['a', 'b']);
      assert.deepEqual(ev("@split('aXXbXXc', 'XX')"), ['a', 'b', 'c']);
    });
    it('does not split on an empty separator, even an empty text', function () {
      assert.deepEqual(ev("@split('abc', '')"), ['abc']);
      assert.deepEqual(ev("@split('', '')"), ['']);
    });
    it('requires string arguments', function () {
      const err = evError("@split('a1b', 1)");
      assert.match(err.detail, /second parameter to be of type string/);
      evError("@split(null, ',')");
    });
  });

  describe('substring', function () {
    it('allows start + length equal to the length', function () {
      assert.equal(ev("@substring('abc', 3)"), '');
      assert.equal(ev("@substring('abc', 1, 2)"), 'bc');
      assert.equal(ev("@substring('abc', 0, 0)"), '');
    });
    it('fails past the end or for negative bounds, with the runtime wording', function () {
      const err = evError("@substring('abc', 2, 2)");
      assert.match(err.detail, /parameters are out of range: 'start index' and 'length' must be non-negative integers/);
      evError("@substring('abc', 4)");
      evError("@substring('abc', -1, 1)");
      evError("@substring('abc', 1, -1)");
    });
  });

  describe('toLower / toUpper', function () {
    it('use simple invariant mapping: the length never changes', function () {
      assert.equal(ev("@toUpper('straße ﬁ ŉ')"), 'STRAßE ﬁ ŉ');
      assert.equal(ev("@toLower('ΣΑΣ')"), 'σασ');
    });
    it('leave the Turkish dotted capital I and dotless small i unchanged', function () {
      assert.equal(ev("@toLower('ıIiİçÇğĞ')"), 'ıiiİççğğ');
      assert.equal(ev("@toUpper('ıIiİçÇğĞ')"), 'ıIIİÇÇĞĞ');
    });
    it('map full-width letters and Greek iota-subscript letters to their simple forms', function () {
      assert.equal(ev("@toUpper('ｚｅｎ')"), 'ＺＥＮ');
      assert.equal(toUpperInvariant('\u1f80\u1fb3'), '\u1f88\u1fbc');
      assert.equal(toLowerInvariant('\u1f88'), '\u1f80');
    });
    it('map letters outside the BMP, keeping surrogate pairs whole', function () {
      assert.equal(toUpperInvariant('\u{10428}x'), '\u{10400}X');
      assert.equal(toLowerInvariant('\u{10400}'), '\u{10428}');
    });
    it('never change the length of any string, and agree with JavaScript on ASCII', function () {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
          assert.equal(toUpperInvariant(text).length, text.length);
          assert.equal(toLowerInvariant(text).length, text.length);
        }),
      );
      fc.assert(
        fc.property(fc.string({ unit: 'binary-ascii' }), (text) => {
          assert.equal(toUpperInvariant(text), text.toUpperCase());
          assert.equal(toLowerInvariant(text), text.toLowerCase());
        }),
      );
    });
    it('reject non-strings', function () {
      const err = evError('@toLower(1)');
      assert.match(err.detail, /expects its first parameter to be a string\. The provided value is of type 'Integer'/);
    });
  });

  describe('trim', function () {
    it('removes the .NET whitespace set, including NEL and ideographic space', function () {
      assert.equal(ev("@trim(parameters('s'))", { s: '\u3000\u0085\t a b \r\n\u00a0' }), 'a b');
    });
    it('keeps characters .NET does not count as whitespace (BOM, U+001F)', function () {
      assert.equal(ev("@trim(parameters('s'))", { s: '\ufeffa\u001f' }), '\ufeffa\u001f');
    });
    it('rejects non-strings', function () {
      evError('@trim(null)');
    });
  });

  describe('guid', function () {
    it('formats the view GUID in lower case for each format letter, either case', function () {
      assert.equal(ev('@guid()', {}, guidView), FIXED_GUID);
      assert.equal(ev("@guid('n')", {}, guidView), FIXED_GUID.replace(/-/g, ''));
      assert.equal(ev("@guid('B')", {}, guidView), `{${FIXED_GUID}}`);
      assert.equal(ev("@guid('p')", {}, guidView), `(${FIXED_GUID})`);
      assert.equal(ev("@guid('')", {}, guidView), FIXED_GUID);
    });
    it('writes the X format as a hex structure', function () {
      assert.equal(
        ev("@guid('X')", {}, guidView),
        '{0x0f8fad5b,0xd9cb,0x469f,{0xa1,0x65,0x70,0x86,0x77,0x28,0x95,0x0e}}',
      );
    });
    it('rejects an unknown format and a non-string format', function () {
      evError("@guid('Q')");
      evError("@guid('DD')");
      evError('@guid(1)');
    });
  });

  describe('trimByteOrderMark', function () {
    it('drops one leading BOM from text', function () {
      assert.equal(ev("@trimByteOrderMark(parameters('s'))", { s: '\ufeff\ufeffa' }), '\ufeffa');
      assert.equal(ev("@trimByteOrderMark('abc')"), 'abc');
    });
    it('drops a UTF-8 BOM from binary content and keeps its content type', function () {
      const content = Buffer.from([0xef, 0xbb, 0xbf, 0x61]).toString('base64');
      const got = ev("@trimByteOrderMark(parameters('b'))", { b: { '$content-type': 'text/plain', $content: content } });
      assert.deepEqual(got, { '$content-type': 'text/plain', $content: Buffer.from('a').toString('base64') });
    });
    it('rejects other kinds', function () {
      evError('@trimByteOrderMark(1)');
    });
  });

  it('keeps integral floats as floats where they pass through unchanged', function () {
    // sanity check of the value model the tests above rely on
    assert.ok(ev('@if(true, 2.0, 1)') instanceof Float);
  });
});
