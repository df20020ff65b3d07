import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../engine/api/app.js';
import { listRoutes } from '../../engine/api/route-list.js';
import { createEngine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import openapi from '../../definitions/schema/management-api.openapi.json' with { type: 'json' };
import { startApiServer, type ApiServer } from '../helpers/api-server.js';
import { call, dig } from '../helpers/http-json.js';

const compose = (inputs: unknown) => ({
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: { Echo: { type: 'Compose', inputs, runAfter: {} } },
});

describe('management API: workflows, errors and the OpenAPI file', function () {
  let server: ApiServer;
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(server.url, method, path, body, headers);

  before(async function () {
    server = await startApiServer();
  });
  after(async function () {
    await server.close();
  });

  it('creates (201), replaces (200) and reads a workflow in the Logic Apps resource shape', async function () {
    const created = await req('PUT', '/api/workflows/orders', { definition: compose('one') });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json['name'], 'orders');
    assert.equal(created.json['id'], '/api/workflows/orders');
    assert.equal(created.json['type'], 'workflows');
    assert.equal(dig(created.json, 'properties', 'version'), 1);
    assert.equal(dig(created.json, 'properties', 'state'), 'Enabled');

    const replaced = await req('PUT', '/api/workflows/orders', { definition: compose('two'), state: 'Disabled' });
    assert.equal(replaced.status, 200, replaced.text);
    assert.equal(dig(replaced.json, 'properties', 'version'), 2);
    assert.equal(dig(replaced.json, 'properties', 'createdTime'), dig(created.json, 'properties', 'createdTime'));

    const got = await req('GET', '/api/workflows/orders');
    assert.equal(got.status, 200);
    assert.equal(dig(got.json, 'properties', 'definition', 'actions', 'Echo', 'inputs'), 'two');
    assert.equal(dig(got.json, 'properties', 'state'), 'Disabled');

    const versions = await req('GET', '/api/workflows/orders/versions');
    const list = versions.json['value'] as unknown[];
    assert.deepEqual(list.map((v) => dig(v, 'name')), ['1', '2']);
    assert.equal(dig(list[0], 'properties', 'definition', 'actions', 'Echo', 'inputs'), 'one');
    assert.equal(dig(list[0], 'type'), 'workflows/versions');

    const all = await req('GET', '/api/workflows');
    assert.ok((all.json['value'] as unknown[]).some((w) => dig(w, 'name') === 'orders'));
  });

  it('accepts the ARM form { properties: { definition } } of a PUT body', async function () {
    const res = await req('PUT', '/api/workflows/arm-shaped', { properties: { definition: compose(1), state: 'Enabled' } });
    assert.equal(res.status, 201, res.text);
    assert.equal(dig(res.json, 'properties', 'definition', 'actions', 'Echo', 'inputs'), 1);
  });

  it('answers a definition with issues with 400 DefinitionInvalid and every issue with its pointer', async function () {
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        A: { type: 'Compose', inputs: '@concat(', runAfter: {} },
        B: { type: 'Compose', inputs: 1, runAfter: { Ghost: ['Succeeded'] } },
      },
    };
    const res = await req('PUT', '/api/workflows/broken', { definition });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.json['code'], 'DefinitionInvalid');
    assert.match(String(res.json['message']), /broken.*2 issues/);
    const pointers = (res.json['issues'] as { pointer: string; message: string }[]).map((i) => i.pointer);
    assert.ok(pointers.includes('/actions/A/inputs'), pointers.join(' '));
    assert.ok(pointers.some((p) => p.startsWith('/actions/B/runAfter')), pointers.join(' '));
    assert.equal((await req('GET', '/api/workflows/broken')).status, 404, 'nothing was saved');
  });

  it('answers malformed PUT bodies with 400 and the pointer at fault', async function () {
    const notJson = await req('PUT', '/api/workflows/x', '{"definition": ', { 'content-type': 'application/json' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json['code'], 'InvalidJson');
    assert.match(String(notJson.json['message']), /not JSON/);

    const missing = await req('PUT', '/api/workflows/x', { parameters: {} });
    assert.equal(missing.status, 400);
    assert.equal(missing.json['code'], 'InvalidArgument');
    assert.deepEqual((missing.json['issues'] as { pointer: string }[]).map((i) => i.pointer), ['/definition']);

    const empty = await req('PUT', '/api/workflows/x');
    assert.equal(empty.status, 400);
    assert.equal(empty.json['code'], 'InvalidArgument');

    const badState = await req('PUT', '/api/workflows/x', { definition: compose(1), state: 'Paused' });
    assert.equal(badState.status, 400);
    assert.deepEqual((badState.json['issues'] as { pointer: string }[]).map((i) => i.pointer), ['/state']);

    const badName = await req('PUT', `/api/workflows/${encodeURIComponent('no spaces')}`, { definition: compose(1) });
    assert.equal(badName.status, 400);
    assert.match(String(badName.json['message']), /not a valid workflow name/);
  });

  it('enables and disables a workflow; a disabled one cannot be fired (409)', async function () {
    await req('PUT', '/api/workflows/toggle', { definition: compose(1) });
    const disabled = await req('POST', '/api/workflows/toggle/disable');
    assert.equal(disabled.status, 200);
    assert.equal(dig(disabled.json, 'properties', 'state'), 'Disabled');
    const fire = await req('POST', '/api/workflows/toggle/triggers/manual/run', {});
    assert.equal(fire.status, 409);
    assert.equal(fire.json['code'], 'WorkflowDisabled');
    const enabled = await req('POST', '/api/workflows/toggle/enable');
    assert.equal(dig(enabled.json, 'properties', 'state'), 'Enabled');
    assert.equal((await req('POST', '/api/workflows/toggle/triggers/manual/run', {})).status, 202);
  });

  it('deletes a workflow (204), after which it is 404 everywhere', async function () {
    await req('PUT', '/api/workflows/doomed', { definition: compose(1) });
    assert.equal((await req('DELETE', '/api/workflows/doomed')).status, 204);
    for (const [method, path] of [
      ['GET', '/api/workflows/doomed'],
      ['DELETE', '/api/workflows/doomed'],
      ['POST', '/api/workflows/doomed/enable'],
      ['POST', '/api/workflows/doomed/disable'],
      ['GET', '/api/workflows/doomed/versions'],
      ['GET', '/api/workflows/doomed/runs'],
      ['GET', '/api/workflows/doomed/runs/r1'],
      ['POST', '/api/workflows/doomed/triggers/manual/run'],
      ['GET', '/api/workflows/doomed/triggers/manual/histories'],
    ] as const) {
      const res = await req(method, path);
      assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
      assert.equal(res.json['code'], 'NotFound');
      assert.match(String(res.json['message']), /workflow 'doomed' not found/);
    }
  });

  it('answers unknown routes with a JSON 404', async function () {
    const res = await req('GET', '/api/nope');
    assert.equal(res.status, 404);
    assert.deepEqual(res.json, { code: 'NotFound', message: 'no route for GET /api/nope' });
  });

  it('refuses an unsupported content encoding with 415 in the error shape', async function () {
    const res = await req('PUT', '/api/workflows/x', JSON.stringify({ definition: compose(1) }), { 'content-type': 'application/json', 'content-encoding': 'x-nope' });
    assert.equal(res.status, 415);
    assert.equal(res.json['code'], 'UnsupportedEncoding');
  });

  it('refuses a body over the size limit with 413 in the error shape', async function () {
    const app = createApp({ engine: server.engine, store: server.store, maxBodyBytes: 64 });
    const small = createServer(app);
    await new Promise<void>((resolve) => small.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(small.address() as AddressInfo).port}/`;
      const res = await call(url, 'PUT', '/api/workflows/big', { definition: compose('x'.repeat(200)) });
      assert.equal(res.status, 413);
      assert.equal(res.json['code'], 'PayloadTooLarge');
      assert.equal(typeof res.json['message'], 'string');
    } finally {
      await new Promise<void>((resolve) => small.close(() => resolve()));
    }
  });

  it('answers a failure of the store with 500 InternalError in the error shape', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-api-broken-'));
    const store = new SqliteStore({ path: join(dir, 'sluice.db') });
    const engine = createEngine({ store });
    const broken = createServer(createApp({ engine, store }));
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      store.close();
      const res = await call(`http://127.0.0.1:${(broken.address() as AddressInfo).port}/`, 'GET', '/api/workflows');
      assert.equal(res.status, 500);
      assert.equal(res.json['code'], 'InternalError');
      assert.match(String(res.json['message']), /unexpected failure/);
    } finally {
      await new Promise<void>((resolve) => broken.close(() => resolve()));
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves its OpenAPI file, and the definition schema it refers to', async function () {
    const res = await req('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.json['openapi'], '3.1.0');
    const schema = await fetch(new URL('/api/workflow-definition.schema.json', server.url));
    assert.equal(schema.status, 200);
    assert.equal(typeof ((await schema.json()) as Record<string, unknown>)['properties'], 'object');
    assert.match(JSON.stringify(openapi), /"\$ref":"workflow-definition\.schema\.json"/);
  });

  it('describes every route of the app in the OpenAPI file, and nothing else', function () {
    const app = createApp({ engine: server.engine, store: server.store });
    const routes = listRoutes(app);
    assert.ok(routes.length >= 20, routes.join('\n'));
    const methods = new Set(['get', 'put', 'post', 'delete', 'patch']);
    const described: string[] = [];
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const method of Object.keys(item)) if (methods.has(method)) described.push(`${method.toUpperCase()} ${path}`);
    }
    assert.deepEqual(routes, described.sort());
  });
});
