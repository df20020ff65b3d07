/**
 * Hooks (`/hooks/{name}`, sluice.config.json `hooks`) on the real server: request triggers called
 * without a signature, served by the trigger endpoint in front of express. Covers the answer of a
 * Response, unknown hooks, method and state checks, relative paths, the body limit (413) and
 * malformed JSON on that path — and that the express app used alone answers every one of these
 * calls exactly as the server does, since both must go through the one endpoint.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppOptions } from '../../engine/api/app.js';
import { startServer, type RunningServer } from '../../engine/api/server.js';
import { createEngine, type Engine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';

const MAX_BODY_BYTES = 1024;

const request = (inputs: Record<string, unknown> = {}) => ({ type: 'Request', kind: 'Http', inputs });
const respond = (inputs: Record<string, unknown>) => ({ type: 'Response', kind: 'Http', inputs, runAfter: {} });

const WORKFLOWS: Record<string, Record<string, unknown>> = {
  greet: {
    triggers: { manual: request() },
    actions: { Reply: respond({ statusCode: 201, headers: { 'X-Greeting': "@concat('hello ', triggerBody()?['name'])" }, body: { name: "@triggerBody()?['name']" } }) },
  },
  orders: {
    triggers: { manual: request({ method: 'GET', relativePath: '/orders/{id}' }) },
    actions: { Reply: respond({ body: { id: "@triggerOutputs()['relativePathParameters']['id']", queries: "@triggerOutputs()['queries']" } }) },
  },
  paused: { triggers: { manual: request() }, actions: { Reply: respond({ body: 'never' }) } },
  note: { triggers: { manual: request() }, actions: { Keep: { type: 'Compose', inputs: '@triggerBody()', runAfter: {} } } },
};

const HOOKS = {
  greet: { workflow: 'greet', trigger: 'manual' },
  orders: { workflow: 'orders', trigger: 'manual' },
  paused: { workflow: 'paused', trigger: 'manual' },
  note: { workflow: 'note', trigger: 'manual' },
};

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

async function send(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(new URL(path, base), { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

describe('hooks: request triggers at /hooks/{name} without a signature', function () {
  let dir: string;
  let store: SqliteStore;
  let engine: Engine;
  let server: RunningServer;
  let base: string;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-hooks-'));
    store = new SqliteStore({ path: join(dir, 'sluice.db') });
    engine = createEngine({ store });
    await engine.start();
    for (const [name, definition] of Object.entries(WORKFLOWS)) {
      const saved = engine.saveWorkflow({ name, definition, state: name === 'paused' ? 'Disabled' : 'Enabled' });
      assert.ok(saved.ok, JSON.stringify(saved));
    }
    server = await startServer({ host: '127.0.0.1', port: 0, engine, store, hooks: HOOKS, maxBodyBytes: MAX_BODY_BYTES });
    base = server.url;
  });

  after(async function () {
    await server.close();
    await engine.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runCount = (workflow: string): number => store.listRuns(workflow).value.length;

  it('runs the workflow of a configured hook without a signature and answers with its Response', async function () {
    const res = await send(base, 'POST', '/hooks/greet', JSON.stringify({ name: 'Ada' }), { ...JSON_HEADERS, 'x-ms-client-tracking-id': 'order-9' });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.json(), { name: 'Ada' });
    assert.equal(res.headers.get('x-greeting'), 'hello Ada');
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(res.text)));
    assert.equal(res.headers.get('x-ms-workflow-name'), 'greet');
    assert.equal(res.headers.get('x-ms-client-tracking-id'), 'order-9');
    const runId = res.headers.get('x-ms-workflow-run-id');
    assert.ok(runId !== null && runId !== '');
    await engine.whenCompleted(runId)?.then(() => undefined);
    const run = store.getRun('greet', runId);
    assert.equal(run?.status, 'Succeeded');
    assert.equal(run?.clientTrackingId, 'order-9');
  });

  it('answers 202 with the run id when the workflow has no Response', async function () {
    const res = await send(base, 'POST', '/hooks/note', '{"x":1}', JSON_HEADERS);
    assert.equal(res.status, 202, res.text);
    assert.equal(res.text, '');
    assert.equal(res.headers.get('content-length'), '0');
    const runId = res.headers.get('x-ms-workflow-run-id');
    assert.ok(runId !== null && store.getRun('note', runId) !== undefined);
  });

  it('answers an unknown hook with 404 HookNotFound and starts nothing', async function () {
    const before = runCount('greet');
    const res = await send(base, 'POST', '/hooks/nothing-here', '{}', JSON_HEADERS);
    assert.equal(res.status, 404, res.text);
    assert.deepEqual(res.json(), { code: 'HookNotFound', message: "No hook 'nothing-here' is configured (sluice.config.json /hooks)." });
    assert.equal(runCount('greet'), before);
  });

  it('answers a method other than the trigger\'s with 405, and HEAD only for GET triggers', async function () {
    const before = runCount('greet');
    const put = await send(base, 'PUT', '/hooks/greet', '{}', JSON_HEADERS);
    assert.equal(put.status, 405, put.text);
    assert.equal(put.json()['code'], 'MethodNotAllowed');
    assert.equal((await send(base, 'HEAD', '/hooks/greet')).status, 405);
    assert.equal(runCount('greet'), before);
    const head = await send(base, 'HEAD', '/hooks/orders/orders/1');
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });

  it('answers a hook to a disabled workflow with 409 WorkflowDisabled and starts nothing', async function () {
    const res = await send(base, 'POST', '/hooks/paused', '{}', JSON_HEADERS);
    assert.equal(res.status, 409, res.text);
    assert.equal(res.json()['code'], 'WorkflowDisabled');
    assert.equal(runCount('paused'), 0);
  });

  it('passes the relative path after the hook name to the trigger, and refuses a path its template does not match', async function () {
    const res = await send(base, 'GET', '/hooks/orders/orders/A%2017?lang=en&lang=fr');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json(), { id: 'A 17', queries: { lang: 'en,fr' } });
    const other = await send(base, 'GET', '/hooks/orders/invoices/17');
    assert.equal(other.status, 404, other.text);
    assert.equal(other.json()['code'], 'TriggerPathNotFound');
    const none = await send(base, 'GET', '/hooks/orders');
    assert.equal(none.status, 404);
    assert.equal(none.json()['code'], 'TriggerPathNotFound');
  });

  it('refuses a body over the size limit with 413 PayloadTooLarge, and the connection goes on serving', async function () {
    const before = runCount('greet');
    const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await send(base, 'POST', '/hooks/greet', big, JSON_HEADERS);
    assert.equal(res.status, 413, res.text);
    assert.deepEqual(res.json(), { code: 'PayloadTooLarge', message: 'the request body was refused: request entity too large' });
    assert.equal(runCount('greet'), before);
    const after = await send(base, 'POST', '/hooks/greet', JSON.stringify({ name: 'Bo' }), JSON_HEADERS);
    assert.equal(after.status, 201, after.text);
  });

  it('answers a malformed JSON body with 400 InvalidRequestContent, as signed calls do', async function () {
    const res = await send(base, 'POST', '/hooks/greet', '{"name": ', JSON_HEADERS);
    assert.equal(res.status, 400, res.text);
    const body = res.json();
    assert.equal(body['code'], 'InvalidRequestContent');
    assert.match(String(body['message']), /^The request content is not valid and could not be deserialized: '.+'\.$/);
  });

  it('applies a saved change of the trigger or the actions to the very next call', async function () {
    // What a call reads from a definition is kept per stored record; a save must replace it.
    const definition = (method: string, actions: Record<string, unknown>) => ({ triggers: { manual: request({ method }) }, actions });
    assert.ok(engine.saveWorkflow({ name: 'changing', definition: definition('POST', { Reply: respond({ body: 'v1' }) }) }).ok);
    const hooked = await startServer({ host: '127.0.0.1', port: 0, engine, store, hooks: { changing: { workflow: 'changing', trigger: 'manual' } } });
    try {
      const first = await send(hooked.url, 'POST', '/hooks/changing');
      assert.equal(first.status, 200, first.text);
      assert.equal(first.text, 'v1');
      assert.ok(engine.saveWorkflow({ name: 'changing', definition: definition('PUT', { Keep: { type: 'Compose', inputs: 1, runAfter: {} } }) }).ok);
      assert.equal((await send(hooked.url, 'POST', '/hooks/changing')).status, 405);
      const put = await send(hooked.url, 'PUT', '/hooks/changing');
      assert.equal(put.status, 202, put.text);
    } finally {
      await hooked.close();
    }
  });

  it('answers every call the same whether the server serves it or the express app alone does', async function () {
    const options: AppOptions = { engine, store, hooks: HOOKS, maxBodyBytes: MAX_BODY_BYTES };
    const alone: Server = createServer(createApp(options));
    await new Promise<void>((resolve) => alone.listen(0, '127.0.0.1', resolve));
    const appBase = `http://127.0.0.1:${(alone.address() as AddressInfo).port}/`;
    const calls: [string, string, string | undefined, Record<string, string>][] = [
      ['POST', '/hooks/greet', '{"name":"Cy"}', JSON_HEADERS],
      ['POST', '/hooks/greet', 'plain', { 'content-type': 'text/plain' }],
      ['POST', '/hooks/greet', '{"name": ', JSON_HEADERS],
      ['POST', '/hooks/greet', 'x'.repeat(MAX_BODY_BYTES + 1), JSON_HEADERS],
      ['DELETE', '/hooks/greet', undefined, {}],
      ['POST', '/hooks/unknown', '{}', JSON_HEADERS],
      ['POST', '/hooks/paused', '{}', JSON_HEADERS],
      ['GET', '/hooks/orders/orders/5/?a=1', undefined, {}],
      ['POST', '/hooks/note', '{}', JSON_HEADERS],
    ];
    // Run ids, correlation ids and dates differ per call; everything else must be equal.
    const varying = new Set(['date', 'x-ms-correlation-id', 'x-ms-workflow-run-id', 'x-ms-trigger-history-name', 'x-ms-client-tracking-id']);
    const shape = (reply: Reply) => ({
      status: reply.status,
      headers: [...reply.headers].filter(([name]) => !varying.has(name)).sort(),
      varying: [...reply.headers].filter(([name]) => varying.has(name)).map(([name]) => name).sort(),
      text: reply.text.replace(/'\d{34}'/g, "'<run id>'"),
    });
    try {
      for (const [method, path, body, headers] of calls) {
        const viaServer = await send(base, method, path, body, headers);
        const viaApp = await send(appBase, method, path, body, headers);
        assert.deepEqual(shape(viaApp), shape(viaServer), `${method} ${path}`);
      }
    } finally {
      alone.closeAllConnections();
      await new Promise<void>((resolve) => alone.close(() => resolve()));
    }
  });
});
