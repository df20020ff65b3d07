import assert from 'node:assert/strict';
import { Decimal, Float } from '../../../engine/expressions/value.js';
import { b64, contentText, envelope, ev, evError } from './conversion-test-helpers.js';

const octet = (text: string) => ({ '$content-type': 'application/octet-stream', '$content': b64(text) });

describe('conversion functions', () => {
  describe('array / createArray', () => {
    it('wraps any single value, null included', () => {
      assert.deepEqual(ev("@array(json('{\"a\":1}'))"), [{ a: 1 }]);
      assert.deepEqual(ev('@array(null)'), [null]);
    });
    it('createArray needs at least one argument and keeps kinds', () => {
      assert.deepEqual(ev("@createArray(1, 'a', null, true)"), [1, 'a', null, true]);
      evError('@createArray()');
      evError('@array(1, 2)');
    });
  });

  describe('base64 family', () => {
    it('base64 encodes the UTF-8 bytes of a string, or the bytes of content', () => {
      assert.equal(ev("@base64('é')"), 'w6k=');
      assert.equal(ev("@base64('')"), '');
      assert.equal(ev("@base64(binary('hi'))"), 'aGk=');
      evError('@base64(12)');
      evError('@base64(null)');
    });
    it('base64ToString decodes, ignoring whitespace, and rejects invalid base64', () => {
      assert.equal(ev("@base64ToString('aGVs bG8=')"), 'hello');
      assert.equal(ev("@decodeBase64('w6k=')"), 'é');
      const err = evError("@base64ToString('abc')");
      assert.match(err.message, /base64ToString: argument 1/);
      evError("@base64ToString('a$b=')");
      evError('@base64ToString(1)');
    });
    it('base64ToBinary keeps the text as given but validates it', () => {
      assert.deepEqual(ev("@base64ToBinary('aGVs bG8=')"), { '$content-type': 'application/octet-stream', '$content': 'aGVs bG8=' });
      assert.deepEqual(ev("@base64ToBinary('')"), { '$content-type': 'application/octet-stream', '$content': '' });
      evError("@base64ToBinary('aa')");
      evError("@base64ToBinary('a=aa')");
    });
  });

  describe('binary', () => {
    it('converts values through their text form (booleans as True/False, objects as JSON)', () => {
      assert.deepEqual(ev('@binary(true)'), octet('True'));
      assert.deepEqual(ev('@binary(2.5)'), octet('2.5'));
      assert.deepEqual(ev("@binary(json('{\"a\":[1,2.0]}'))"), octet('{"a":[1,2.0]}'));
    });
    it('keeps the bytes of content and switches to octet-stream', () => {
      assert.deepEqual(ev("@binary(xml('<a/>'))"), octet('<a />'));
      assert.deepEqual(ev("@binary(parameters('p'))", { p: envelope('text/plain;charset=utf-8', 'x') }), octet('x'));
    });
    it('rejects null', () => {
      evError('@binary(null)');
    });
  });

  describe('bool', () => {
    it('is true for any non-zero number of any kind', () => {
      assert.equal(ev('@bool(0.0)'), false);
      assert.equal(ev('@bool(-0.5)'), true);
      assert.equal(ev("@bool(parameters('d'))", { d: new Decimal(0n, 2) }), false);
      assert.equal(ev("@bool(parameters('d'))", { d: new Decimal(1n, 2) }), true);
      assert.equal(ev('@bool(9223372036854775807)'), true);
    });
    it('reads true/false in any letter case, and booleans as they are', () => {
      assert.equal(ev("@bool('TRUE')"), true);
      assert.equal(ev("@bool('False')"), false);
      assert.equal(ev("@bool(' true ')"), true);
      assert.equal(ev('@bool(false)'), false);
    });
    it('rejects other words, null and collections', () => {
      evError("@bool('yes')");
      evError("@bool('1')");
      evError("@bool('')");
      evError('@bool(null)');
      evError("@bool(createArray(1))");
    });
  });

  describe('dataUri', () => {
    it('picks the media type from the kind (spec 11.24)', () => {
      assert.equal(ev("@dataUri('é')"), 'data:text/plain;charset=utf-8;base64,w6k=');
      assert.equal(ev("@dataUri(xml('<t/>'))"), `data:application/xml;charset=utf-8;base64,${b64('<t />')}`);
      assert.equal(ev("@dataUri(json('{\"a\":3}'))"), `data:application/json;charset=utf-8;base64,${b64('{"a":3}')}`);
      assert.equal(ev('@dataUri(false)'), `data:application/json;charset=utf-8;base64,${b64('False')}`);
      assert.equal(ev("@dataUri(parameters('p'))", { p: envelope('image/png', 'PNG') }), `data:image/png;base64,${b64('PNG')}`);
    });
    it('rejects null', () => {
      evError('@dataUri(null)');
    });
  });

  describe('dataUriToBinary / decodeDataUri', () => {
    it('keeps a base64 payload verbatim and the header as the content type', () => {
      assert.deepEqual(ev("@dataUriToBinary('data:text/csv;header=present;base64,YSxi')"), {
        '$content-type': 'text/csv;header=present',
        '$content': 'YSxi',
      });
      assert.deepEqual(ev("@decodeDataUri('data:;base64,YSxi')"), { '$content-type': 'text/plain', '$content': 'YSxi' });
    });
    it('form-decodes a payload without the base64 flag', () => {
      const v = ev("@dataUriToBinary('data:text/plain,a+b%2Cc%ZZ')");
      assert.equal(contentText(v), 'a b,c%ZZ');
    });
    it('treats a base64 token that is not last as a parameter', () => {
      const v = ev("@dataUriToBinary('data:text/plain;base64;x=1,YQ==')") as Record<string, string>;
      assert.equal(v['$content-type'], 'text/plain;base64;x=1');
      assert.equal(contentText(v), 'YQ==');
    });
    it('rejects malformed headers', () => {
      evError("@dataUriToBinary('text/plain;base64,YQ==')");
      evError("@dataUriToBinary('data:text/plain;base64')");
      evError("@dataUriToBinary('data:plain;base64,YQ==')");
      evError("@dataUriToBinary('data:a/b/c,x')");
      evError("@dataUriToBinary('data:;;base64,YQ==')");
      evError("@dataUriToBinary('data:text/plain;a=b=c,x')");
      evError("@dataUriToBinary('data:text/plain;charset=klingon,x')");
    });
    it('fails only later when a verbatim payload is read and is not base64', () => {
      const v = ev("@dataUriToBinary('data:text/plain;base64,not base64!')");
      assert.equal((v as Record<string, string>)['$content'], 'not base64!');
      evError("@string(dataUriToBinary('data:text/plain;base64,not base64!'))");
    });
  });

  describe('dataUriToString', () => {
    it('decodes both payload forms as UTF-8', () => {
      assert.equal(ev("@dataUriToString('data:text/plain;charset=utf-8;base64,w6k=')"), 'é');
      assert.equal(ev("@dataUriToString('data:text/plain,%22hi%22+there')"), '"hi" there');
      assert.equal(ev("@dataUriToString('data:bad;x=1,abc')"), 'abc');
    });
    it('rejects a first-position charset other than UTF-8, and broken base64', () => {
      evError("@dataUriToString('data:text/plain;charset=us-ascii;base64,YQ==')");
      evError("@dataUriToString('data:text/plain;base64,YQ')");
      evError("@dataUriToString('data:;x=1,abc')");
    });
  });

  describe('URI components', () => {
    it('escapes everything outside the RFC 3986 unreserved set', () => {
      assert.equal(ev("@uriComponent('a b!*()''~._-é')"), 'a%20b%21%2A%28%29%27~._-%C3%A9');
      assert.equal(ev("@encodeUriComponent('?x=1&y=2')"), '%3Fx%3D1%26y%3D2');
    });
    it('unescapes without turning + into a space, leaving broken escapes', () => {
      assert.equal(ev("@uriComponentToString('a+b%20c%C3%A9%zz%')"), 'a+b cé%zz%');
      assert.equal(ev("@decodeUriComponent('%E2%82%AC')"), '€');
      assert.equal(ev("@decodeUriComponent('%C3')"), '%C3');
    });
    it('uriComponentToBinary holds the unescaped UTF-8 bytes', () => {
      assert.deepEqual(ev("@uriComponentToBinary('a%20b')"), octet('a b'));
    });
    it('accepts only strings', () => {
      evError('@uriComponent(1)');
      evError('@uriComponentToString(null)');
    });
  });

  describe('json', () => {
    it('parses JSON text, keeping kinds', () => {
      const v = ev("@json('{\"i\": 3, \"f\": 3.0}')") as Record<string, unknown>;
      assert.equal(v['i'], 3);
      assert.ok(v['f'] instanceof Float);
    });
    it('parses the text of binary content', () => {
      assert.deepEqual(ev("@json(binary('[1,2]'))"), [1, 2]);
      assert.deepEqual(ev("@json(base64ToBinary('eyJhIjp0cnVlfQ=='))"), { a: true });
    });
    it('converts an XML value', () => {
      assert.deepEqual(ev("@json(xml('<a x=\"1\"><b>t</b><b/></a>'))"), { a: { '@x': '1', b: ['t', null] } });
    });
    it('rejects bad JSON with the position, and kinds other than string or content', () => {
      const err = evError("@json('{\"a\": }')");
      assert.match(err.message, /json: argument 1 is not valid JSON/);
      assert.match(err.message, /position 6/);
      evError("@json('')");
      evError('@json(null)');
      evError('@json(1)');
      const objErr = evError("@json(json('{}'))");
      assert.match(objErr.detail, /expects its first parameter to be a string or an XML\. The provided value is of type 'Object'/);
    });
  });

  describe('string', () => {
    it('uses the interpolation text rules', () => {
      assert.equal(ev('@string(true)'), 'True');
      assert.equal(ev('@string(1.0)'), '1');
      assert.equal(ev("@string(createArray(1.0, true))"), '[1.0,true]');
      assert.equal(ev('@string(null)'), '');
    });
    it('reads content with its charset, and XML as its serialisation', () => {
      assert.equal(ev("@string(xml('<a  x=''1''/>'))"), '<a x="1" />');
      assert.equal(ev("@string(parameters('p'))", { p: { '$content-type': 'text/plain;charset=iso-8859-1', '$content': '6Q==' } }), 'é');
    });
    it('fails on content whose type has a parameter without =', () => {
      evError("@string(parameters('p'))", { p: envelope('text/plain;oops', 'x') });
    });
  });

  describe('lengths', () => {
    it('utf8Length counts UTF-8 bytes, utf16Length two bytes per code unit', () => {
      assert.equal(ev("@utf8Length('a€😀')"), 8);
      assert.equal(ev("@utf16Length('a😀')"), 6);
      assert.equal(ev("@utf8Length('')"), 0);
      evError('@utf8Length(null)');
    });
  });

  describe('XML value and name encoding', () => {
    it('encodeXmlValue escapes the five XML special characters; decodeXmlValue reverses and reads char refs', () => {
      assert.equal(ev("@encodeXmlValue('<a href=\"x\">''&''</a>')"), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
      assert.equal(ev("@decodeXmlValue('&lt;&#65;&#x42;&amp;amp;&unknown;')"), '<AB&amp;&unknown;');
    });
    it('encodeXmlName follows XmlConvert.EncodeName', () => {
      assert.equal(ev("@encodeXmlName('1st name')"), '_x0031_st_x0020_name');
      assert.equal(ev("@encodeXmlName('ns:a-b.c')"), 'ns:a-b.c');
      assert.equal(ev("@encodeXmlName('_x0041_')"), '_x005F_x0041_');
      assert.equal(ev("@encodeXmlName('a😀')"), 'a😀');
      assert.equal(ev("@encodeXmlName('a\u{F0000}')"), 'a_x000F0000_');
    });
    it('decodeXmlName reverses every well-formed escape', () => {
      assert.equal(ev("@decodeXmlName('_x0031_st_x0020_name_x0001F600_')"), '1st name😀');
      assert.equal(ev("@decodeXmlName('_x12_ok')"), '_x12_ok');
    });
  });
});
