import assert from 'node:assert/strict';
import { startApiServer, type ApiServer } from '../helpers/api-server.js';
import { call, dig } from '../helpers/http-json.js';

const compose = (inputs: unknown) => ({
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: { Echo: { type: 'Compose', inputs, runAfter: {} } },
});

describe('management API: stale saves are conflicts (ETag / If-Match)', function () {
  let server: ApiServer;
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(server.url, method, path, body, headers);

  before(async function () {
    server = await startApiServer();
  });
  after(async function () {
    await server.close();
  });

  it('GET and PUT answer the version as a quoted ETag', async function () {
    const created = await req('PUT', '/api/workflows/tagged', { definition: compose(1) });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.get('etag'), '"1"');
    const got = await req('GET', '/api/workflows/tagged');
    assert.equal(got.headers.get('etag'), '"1"');
    assert.equal(dig(got.json, 'properties', 'version'), 1);
  });

  it('a stale If-Match is 409 Conflict naming both versions, and nothing is saved', async function () {
    await req('PUT', '/api/workflows/contested', { definition: compose('first') });
    const theirs = await req('PUT', '/api/workflows/contested', { definition: compose('theirs') }, { 'if-match': '"1"' });
    assert.equal(theirs.status, 200, theirs.text);
    assert.equal(theirs.headers.get('etag'), '"2"');

    const mine = await req('PUT', '/api/workflows/contested', { definition: compose('mine') }, { 'if-match': '"1"' });
    assert.equal(mine.status, 409, mine.text);
    assert.equal(mine.json['code'], 'Conflict');
    assert.equal(mine.json['message'], 'workflow contested was saved by someone else: version 2 is current, you edited version 1');

    const got = await req('GET', '/api/workflows/contested');
    assert.equal(dig(got.json, 'properties', 'version'), 2);
    assert.equal(dig(got.json, 'properties', 'definition', 'actions', 'Echo', 'inputs'), 'theirs');
    const versions = await req('GET', '/api/workflows/contested/versions');
    assert.equal((versions.json['value'] as unknown[]).length, 2);
  });

  it('a current If-Match saves (200); no If-Match, or *, saves unconditionally as before', async function () {
    await req('PUT', '/api/workflows/calm', { definition: compose(1) });
    const current = await req('PUT', '/api/workflows/calm', { definition: compose(2) }, { 'if-match': '"1"' });
    assert.equal(current.status, 200, current.text);
    assert.equal(dig(current.json, 'properties', 'version'), 2);
    const bare = await req('PUT', '/api/workflows/calm', { definition: compose(3) });
    assert.equal(bare.status, 200);
    const star = await req('PUT', '/api/workflows/calm', { definition: compose(4) }, { 'if-match': '*' });
    assert.equal(star.status, 200);
    assert.equal(dig(star.json, 'properties', 'version'), 4);
  });

  it('an If-Match on a workflow that does not exist is a conflict; a malformed one is 400', async function () {
    const missing = await req('PUT', '/api/workflows/ghost-tagged', { definition: compose(1) }, { 'if-match': '"3"' });
    assert.equal(missing.status, 409, missing.text);
    assert.equal((await req('GET', '/api/workflows/ghost-tagged')).status, 404);
    const malformed = await req('PUT', '/api/workflows/calm', { definition: compose(1) }, { 'if-match': 'yesterday' });
    assert.equal(malformed.status, 400, malformed.text);
  });
});
