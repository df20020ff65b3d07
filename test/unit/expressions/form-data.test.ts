import assert from 'node:assert/strict';
import { formDataValues, multipartBody, parseMultipart, parseUrlEncoded } from '../../../engine/expressions/form-data.js';
import { b64, ev } from './conversion-test-helpers.js';

const urlencoded = (text: string) => ({
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: { '$content-type': 'application/x-www-form-urlencoded', '$content': b64(text) },
});

const BOUNDARY = '------------------------JY70qp';
const MULTIPART_TEXT = [
  `--${BOUNDARY}`,
  'Content-Disposition: form-data; name="x"',
  '',
  'y=z',
  `--${BOUNDARY}`,
  'Content-Disposition: form-data; name="file"; filename="a.txt"',
  'Content-Type: text/plain',
  '',
  'line 1\r\nline 2',
  `--${BOUNDARY}--`,
  '',
].join('\r\n');

describe('form data helpers', () => {
  it('split URL-encoded text the way the runtime does (real trigger output)', () => {
    assert.deepEqual(parseUrlEncoded('test&x=y=z&&&===&a+b=%C3%A9'), [
      { key: 'test', value: '' },
      { key: 'x', value: 'y=z' },
      { key: '', value: '' },
      { key: '', value: '' },
      { key: '', value: '==' },
      { key: 'a b', value: 'é' },
    ]);
  });

  it('read values from the $content of a form-URL-encoded body', () => {
    assert.deepEqual(formDataValues(urlencoded('a=1&b=2&a=3'), 'a'), ['1', '3']);
    assert.deepEqual(formDataValues(urlencoded('a=1'), 'A'), []);
  });

  it('prefer $formdata when the body carries it', () => {
    const outputs = {
      body: { '$content-type': 'application/x-www-form-urlencoded', '$content': 'not used', '$formdata': [{ key: 'k', value: 'v' }] },
    };
    assert.deepEqual(formDataValues(outputs, 'k'), ['v']);
  });

  it('read a plain-text body when the header says it is form-URL-encoded', () => {
    assert.deepEqual(formDataValues({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'k=v%21' }, 'k'), ['v!']);
  });

  it('read named multipart parts, from $multipart or from the raw content', () => {
    const stored = {
      body: {
        '$content-type': 'multipart/form-data',
        '$multipart': [
          { headers: { 'Content-Disposition': 'form-data; name="x"' }, body: 'one' },
          { headers: { 'Content-Disposition': 'form-data; name=y' }, body: { '$content-type': 'application/octet-stream', '$content': b64('two') } },
        ],
      },
    };
    assert.deepEqual(formDataValues(stored, 'y'), ['two']);
    const raw = { body: { '$content-type': `multipart/form-data; boundary=${BOUNDARY}`, '$content': b64(MULTIPART_TEXT) } };
    assert.deepEqual(formDataValues(raw, 'x'), ['y=z']);
    assert.equal(multipartBody(raw, 1), 'line 1\r\nline 2');
  });

  it('split raw multipart text into parts with headers', () => {
    const parts = parseMultipart(MULTIPART_TEXT, `multipart/form-data; boundary="${BOUNDARY}"`);
    assert.equal(parts.length, 2);
    assert.deepEqual(parts[1]!['headers'], { 'Content-Disposition': 'form-data; name="file"; filename="a.txt"', 'Content-Type': 'text/plain' });
  });

  it('fail clearly on bodies that are not form data and on bad part indexes', () => {
    assert.throws(() => formDataValues({ body: { a: 1 } }, 'a'), /neither form-URL-encoded nor multipart/);
    assert.throws(() => multipartBody(urlencoded('a=1'), 0), /not multipart/);
    const stored = { body: { '$content-type': 'multipart/form-data', '$multipart': [{ headers: {}, body: 'p' }] } };
    assert.equal(multipartBody(stored, 0), 'p');
    assert.throws(() => multipartBody(stored, 1), /out of range: the body has 1 part/);
    assert.throws(() => multipartBody({ body: { '$content-type': 'multipart/form-data', '$content': b64('x') } }, 0), /names no boundary/);
  });

  it('back the workflow functions', () => {
    const context = { trigger: { outputs: urlencoded('feed=a%20b&n=1&n=2') } };
    assert.equal(ev("@triggerFormDataValue('feed')", {}, context), 'a b');
    assert.deepEqual(ev("@triggerFormDataMultiValues('n')", {}, context), ['1', '2']);
  });
});
