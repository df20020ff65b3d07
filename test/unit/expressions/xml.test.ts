import assert from 'node:assert/strict';
import { Float } from '../../../engine/expressions/value.js';
import { b64, contentText, envelope, ev, evError, show } from './conversion-test-helpers.js';

const XML_TYPE = 'application/xml;charset=utf-8';

/** The serialised text of xml(text). */
function xmlText(text: string): string {
  const v = ev("@xml(parameters('t'))", { t: text }) as Record<string, string>;
  assert.equal(v['$content-type'], XML_TYPE);
  return contentText(v);
}

function jsonOfXml(text: string): string {
  return show(ev("@json(xml(parameters('t')))", { t: text }));
}

function xmlOfJson(json: string): string {
  return contentText(ev("@xml(json(parameters('j')))", { j: json }));
}

describe('XML', () => {
  describe('xml(text): strict parsing and OuterXml serialisation', () => {
    const cases: [string, string][] = [
      ['<a/>', '<a />'],
      ['<a></a>', '<a></a>'],
      ['<a>   </a>', '<a></a>'],
      ["<a  x='1'   y=\"&quot;&amp;&lt;&gt;\"/>", '<a x="1" y="&quot;&amp;&lt;&gt;" />'],
      ['<a>\n  <b>1 &amp; 2 &gt; &#49;</b>\n  <!-- c -->\n</a>', '<a><b>1 &amp; 2 &gt; 1</b><!-- c --></a>'],
      ['<a><![CDATA[<&>]]> t </a>', '<a><![CDATA[<&>]]> t </a>'],
      ["<?xml version='1.0' encoding='ascii' standalone='no'?>\n<a/>", '<?xml version="1.0" encoding="ascii" standalone="no"?><a />'],
      ['<p:a xmlns:p="urn:x"><p:b/></p:a>', '<p:a xmlns:p="urn:x"><p:b /></p:a>'],
      ['<a><?pi data?></a>', '<a><?pi data?></a>'],
      ['<a x=">"\n/>', '<a x="&gt;" />'],
    ];
    for (const [input, expected] of cases) {
      it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(xmlText(input), expected));
    }

    const invalid = [
      '',
      'plain text',
      '<a>',
      '<a></b>',
      '<a/><b/>',
      '<a/>tail',
      '<p:a/>',
      '<a x="1" x="2"/>',
      ' <?xml version="1.0"?><a/>',
      '<?xml version="1.1"?><a/>',
      '<?xml encoding="utf-8"?><a/>',
      '<?xml version="1.0" standalone="yes" encoding="utf-8"?><a/>',
      '<?xml version="1.0"?>',
      '<!-- only a comment -->',
      '<a>&nbsp;</a>',
      '<a><!-- x <!-- y --> --></a>',
    ];
    for (const input of invalid) {
      it(`rejects ${JSON.stringify(input)}`, () => {
        const err = evError("@xml(parameters('t'))", { t: input });
        assert.match(err.message, /^xml: argument 1/);
      });
    }

    it('keeps the declared encoding without checking it', () => {
      assert.equal(xmlText('<?xml version="1.0" encoding="martian"?><a/>'), '<?xml version="1.0" encoding="martian"?><a />');
    });

    it('of content keeps the bytes unparsed and only changes the type', () => {
      assert.deepEqual(ev("@xml(binary('<'))"), { '$content-type': XML_TYPE, '$content': b64('<') });
      assert.deepEqual(ev("@xml(parameters('p'))", { p: envelope('text/plain;charset=ascii', 'x') }), {
        '$content-type': XML_TYPE,
        '$content': b64('x'),
      });
      evError("@json(xml(binary('<')))");
    });

    it('rejects other kinds', () => {
      evError('@xml(null)');
      evError('@xml(1)');
      evError("@xml(createArray('<a/>'))");
    });

    it('becomes text as its serialisation in interpolation', () => {
      assert.equal(ev("@{xml('<a><b/></a>')}"), '<a><b /></a>');
    });
  });

  describe('json(xml): Newtonsoft mapping (spec 11.3)', () => {
    const cases: [string, string][] = [
      ['<a>t</a>', '{"a":"t"}'],
      ['<a/>', '{"a":null}'],
      ['<a></a>', '{"a":""}'],
      ['<a x="1"/>', '{"a":{"@x":"1"}}'],
      ['<a><b>1</b><c/><b>2</b></a>', '{"a":{"b":["1","2"],"c":null}}'],
      ['<a>x<b/>y</a>', '{"a":{"#text":["x","y"],"b":null}}'],
      ['<a>x<![CDATA[y]]></a>', '{"a":{"#text":"x","#cdata-section":"y"}}'],
      ['<p:a xmlns:p="u"><p:b>1</p:b></p:a>', '{"p:a":{"@xmlns:p":"u","p:b":"1"}}'],
      ['<a><!--one--></a>', '{"a":{}}'],
      ['<a><!--one--><!--two--><b/></a>', '{"a":{"#comment":[],"b":null}}'],
      ['<a><b/><!--one-->t</a>', '{"a":{"b":null,"#text":"t"}}'],
      ['<?xml version="1.0" standalone="yes"?><a/>', '{"?xml":{"@version":"1.0","@standalone":"yes"},"a":null}'],
      ['<!DOCTYPE a PUBLIC "p" "s"><a/>', '{"!DOCTYPE":{"@name":"a","@public":"p","@system":"s"},"a":null}'],
      ['<!DOCTYPE a SYSTEM "s.dtd"><a/>', '{"!DOCTYPE":{"@name":"a","@system":"s.dtd"},"a":null}'],
      ['<a>1.0</a>', '{"a":"1.0"}'],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${expected}`, () => assert.equal(jsonOfXml(input), expected));
    }

    it('fails for UTF-16, UTF-32 and unknown declared encodings', () => {
      for (const enc of ['utf-16', 'UTF-32', 'martian', 'ucs-2']) {
        evError("@json(xml(parameters('t')))", { t: `<?xml version="1.0" encoding="${enc}"?><a/>` });
      }
      assert.equal(jsonOfXml('<?xml version="1.0" encoding="ISO-8859-1"?><a/>'), '{"?xml":{"@version":"1.0","@encoding":"ISO-8859-1"},"a":null}');
    });

    it('fails for an empty XML value', () => {
      const err = evError("@json(xml(json('{}')))");
      assert.match(err.message, /Root element is missing/);
    });
  });

  describe('xml(object): inverse mapping (spec 11.5)', () => {
    const cases: [string, string][] = [
      ['{"a":"t"}', '<a>t</a>'],
      ['{"a":""}', '<a></a>'],
      ['{"a":null}', '<a />'],
      ['{"a":{}}', '<a />'],
      ['{"a":{"@x":"1\\"2","b":[1,2.5,true],"#text":"t<&>"}}', '<a x="1&quot;2"><b>1</b><b>2.5</b><b>true</b>t&lt;&amp;&gt;</a>'],
      ['{"a":{"#cdata-section":"<x>"}}', '<a><![CDATA[<x>]]></a>'],
      ['{"a":{"#comment":"c"}}', '<a><_x0023_comment>c</_x0023_comment></a>'],
      ['{"p:a":{"b c":1,"1d":2}}', '<a><b_x0020_c>1</b_x0020_c><_x0031_d>2</_x0031_d></a>'],
      ['{"?xml":{"@version":"1.0","@encoding":"utf-8"},"a":1}', '<?xml version="1.0" encoding="utf-8"?><a>1</a>'],
      ['{"a":{"b":{"c":null}}}', '<a><b><c /></b></a>'],
      ['{}', ''],
    ];
    for (const [input, expected] of cases) {
      it(`${input} → ${JSON.stringify(expected)}`, () => assert.equal(xmlOfJson(input), expected));
    }

    it('rejects several roots, arrays at the top and CDATA containing ]]>', () => {
      assert.match(evError("@xml(json('{\"a\":1,\"b\":2}'))").message, /More than one root/);
      evError("@xml(json('{\"a\":[1,2]}'))");
      evError("@xml(json('[1]'))");
      evError("@xml(json('{\"a\":{\"#cdata-section\":\"x]]>y\"}}'))");
    });

    it('round-trips through json()', () => {
      const json = '{"animals":{"cow":"moo","birds":[{"call":"cheep"},{"call":"tweet"}]}}';
      assert.equal(show(ev("@json(xml(json(parameters('j'))))", { j: json })), json);
    });
  });

  describe('xpath (spec 11.25)', () => {
    const doc = '<r><a>one</a><b n="2">two</b><b n="3">three</b></r>';
    it('returns node sets as arrays of XML values, text nodes as strings', () => {
      const nodes = ev("@xpath(xml(parameters('t')), '/r/b')", { t: doc }) as unknown[];
      assert.equal(nodes.length, 2);
      assert.equal(contentText(nodes[0] as never), '<b n="2">two</b>');
      assert.deepEqual(ev("@xpath(xml(parameters('t')), '//b/text()')", { t: doc }), ['two', 'three']);
      assert.deepEqual(ev("@xpath(xml(parameters('t')), '/r/a')", { t: doc }), [
        { '$content-type': XML_TYPE, '$content': b64('<a>one</a>') },
      ]);
      assert.deepEqual(ev("@xpath(xml(parameters('t')), '/r/none')", { t: doc }), []);
    });
    it('returns numbers as floats, strings and booleans as they are', () => {
      const sum = ev("@xpath(xml(parameters('t')), 'sum(//b/@n)')", { t: doc });
      assert.ok(sum instanceof Float && sum.value === 5);
      assert.equal(ev("@xpath(xml(parameters('t')), 'string(/r/a)')", { t: doc }), 'one');
      assert.equal(ev("@xpath(xml(parameters('t')), 'count(//b) = 2')", { t: doc }), true);
    });
    it('reaches namespaced elements through local-name()', () => {
      const t = '<f xmlns="urn:x"><loc>Paris</loc></f>';
      assert.equal(ev("@xpath(xml(parameters('t')), 'string(/*[local-name()=\"f\"]/*[local-name()=\"loc\"])')", { t }), 'Paris');
    });
    it('requires an XML value (strings are not parsed) and a valid expression', () => {
      evError("@xpath('<r/>', '/r')");
      evError("@xpath(xml('<r/>'), '///')");
      evError("@xpath(xml('<r/>'), 1)");
    });
  });
});
