import assert from 'node:assert/strict';
import { parseUri, UriError } from '../../../engine/expressions/uri-parse.js';
import { ev, evError } from './conversion-test-helpers.js';

function parts(uri: string): Record<string, unknown> {
  const p = { t: uri };
  return {
    scheme: ev("@uriScheme(parameters('t'))", p),
    host: ev("@uriHost(parameters('t'))", p),
    port: ev("@uriPort(parameters('t'))", p),
    path: ev("@uriPath(parameters('t'))", p),
    query: ev("@uriQuery(parameters('t'))", p),
    pathAndQuery: ev("@uriPathAndQuery(parameters('t'))", p),
  };
}

describe('URI functions', () => {
  it('split a full http URI, dropping the fragment', () => {
    assert.deepEqual(parts('HTTP://User:pw@Example.COM:8080/a/b.htm?x=1&y=2#frag'), {
      scheme: 'http',
      host: 'example.com',
      port: 8080,
      path: '/a/b.htm',
      query: '?x=1&y=2',
      pathAndQuery: '/a/b.htm?x=1&y=2',
    });
  });

  it('give the default port of the scheme, and -1 for schemes without one', () => {
    assert.equal(ev("@uriPort('http://a')"), 80);
    assert.equal(ev("@uriPort('https://a/')"), 443);
    assert.equal(ev("@uriPort('ftp://a/')"), 21);
    assert.equal(ev("@uriPort('wss://a/')"), 443);
    assert.equal(ev("@uriPort('custom://a/')"), -1);
    assert.equal(ev("@uriPort('https://a:0/')"), 0);
  });

  it('give "/" for an empty path and "" for no query', () => {
    assert.equal(ev("@uriPath('https://a.b')"), '/');
    assert.equal(ev("@uriQuery('https://a.b/x')"), '');
    assert.equal(ev("@uriPathAndQuery('https://a.b?q')"), '/?q');
  });

  it('normalise the path as System.Uri does: dot segments, backslashes, escaping', () => {
    assert.equal(ev("@uriPath('http://h/a/./b/../c')"), '/a/c');
    assert.equal(ev("@uriPath('http://h/../x')"), '/x');
    assert.equal(ev("@uriPath('http://h\\a\\b')"), '/a/b');
    assert.equal(ev("@uriPath('http://h/a b/é{}|^')"), '/a%20b/%C3%A9%7B%7D%7C%5E');
    assert.equal(ev("@uriPath('http://h/a%20b/%zz')"), '/a%20b/%25zz');
    assert.equal(ev("@uriQuery('http://h/?a=b c&d=\"e\"')"), '?a=b%20c&d=%22e%22');
  });

  it('keep IPv6 hosts in brackets and trim surrounding whitespace', () => {
    assert.equal(ev("@uriHost('http://[::1]:81/')"), '[::1]');
    assert.equal(ev("@uriPort('http://[::1]:81/')"), 81);
    assert.equal(ev("@uriHost('  https://x.y/  ')"), 'x.y');
  });

  it('handle URIs without an authority', () => {
    assert.equal(ev("@uriScheme('urn:isbn:123')"), 'urn');
    assert.equal(ev("@uriHost('urn:isbn:123')"), '');
    assert.equal(ev("@uriPath('urn:isbn:123')"), 'isbn:123');
    assert.equal(ev("@uriHost('mailto:someone@Example.com')"), 'example.com');
    assert.equal(ev("@uriPort('mailto:someone@example.com')"), 25);
  });

  it('reject relative and malformed URIs with the .NET reason', () => {
    for (const bad of ['www.contoso.com', '/path/only', '', 'http://', 'http:///x', 'https://a b/', 'http://h:99999/', 'http://h:x/', 'c:/windows']) {
      const err = evError("@uriHost(parameters('t'))", { t: bad });
      assert.match(err.message, /^uriHost: argument 1 is not an absolute URI/);
    }
    assert.throws(() => parseUri('relative/x'), (e: unknown) => e instanceof UriError && /could not be determined/.test(e.message));
    assert.throws(() => parseUri('http://h:70000'), (e: unknown) => e instanceof UriError && /Invalid port/.test(e.message));
  });

  it('accept only strings', () => {
    evError('@uriHost(null)');
    evError('@uriPort(1)');
    evError('@uriScheme()');
  });
});
