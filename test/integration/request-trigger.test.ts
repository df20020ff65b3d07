/**
 * Request triggers as real HTTP endpoints on the real stack (SQLite in a temp folder, the engine,
 * the express app on a loopback port): signed callback URLs, 401 for every bad signature with no
 * run started, method and path checks, bodies by content type, schema validation, synchronous
 * Responses, 202 without one, and the 504 after which the late Response action fails.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../engine/api/app.js';
import { ManualClock } from '../../engine/runtime/clock.js';
import { createEngine, type Engine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import { call } from '../helpers/http-json.js';

const TIMEOUT_MS = 300;

const request = (inputs: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ type: 'Request', kind: 'Http', inputs, ...extra });
const respond = (inputs: Record<string, unknown>, runAfter: Record<string, unknown> = {}) => ({ type: 'Response', kind: 'Http', inputs, runAfter });

const WORKFLOWS: Record<string, Record<string, unknown>> = {
  echo: { triggers: { manual: request() }, actions: { Reply: respond({ statusCode: 200, body: '@triggerBody()' }) } },
  greet: {
    triggers: { manual: request(), other: request() },
    actions: {
      Reply: respond({
        statusCode: 201,
        headers: { 'X-Greeting': "@concat('hello ', triggerBody()?['name'])" },
        body: { name: "@triggerBody()?['name']", tracking: '@workflow()?[\'run\']?[\'name\']' },
      }),
    },
  },
  inspect: {
    triggers: { manual: request({ method: 'GET', relativePath: '/address/{postalCode}' }) },
    actions: {
      Reply: respond({
        body: {
          postalCode: "@triggerOutputs()['relativePathParameters']['postalCode']",
          queries: "@triggerOutputs()['queries']",
          bodyIsNull: '@equals(triggerBody(), null)',
          authorization: "@coalesce(triggerOutputs()['headers']?['Authorization'], 'absent')",
        },
      }),
    },
  },
  validated: {
    triggers: {
      manual: request(
        { schema: { type: 'object', properties: { postalCode: { type: 'string' }, count: { type: 'integer' } }, required: ['postalCode'] } },
        { operationOptions: 'EnableSchemaValidation' },
      ),
    },
    actions: { Reply: respond({ body: "@triggerBody()?['postalCode']" }) },
  },
  fireAndForget: { triggers: { manual: request() }, actions: { Note: { type: 'Compose', inputs: '@triggerBody()', runAfter: {} } } },
  slow: {
    triggers: { manual: request() },
    actions: {
      Pause: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } }, runAfter: {} },
      Reply: respond({ body: 'too late' }, { Pause: ['Succeeded'] }),
    },
  },
};

interface CallbackUrl {
  value: string;
  method: string;
  basePath: string;
  queries: Record<string, string>;
  relativePath?: string;
  relativePathParameters?: string[];
}

describe('request trigger: signed callback URLs and synchronous responses', function () {
  let dir: string;
  let store: SqliteStore;
  let engine: Engine;
  let server: Server;
  let base: string;
  let clock: ManualClock;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-request-trigger-'));
    store = new SqliteStore({ path: join(dir, 'sluice.db') });
    clock = new ManualClock('2026-05-01T08:00:00.000Z');
    engine = createEngine({ store, clock });
    await engine.start();
    for (const [name, definition] of Object.entries(WORKFLOWS)) {
      const saved = engine.saveWorkflow({ name, definition });
      assert.ok(saved.ok, JSON.stringify(saved));
    }
    server = createServer(createApp({ engine, store, requestTriggerTimeoutMs: TIMEOUT_MS }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async function () {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await engine.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function callbackUrl(workflow: string, trigger = 'manual'): Promise<CallbackUrl> {
    const res = await call(base, 'POST', `/api/workflows/${workflow}/triggers/${trigger}/listCallbackUrl`);
    assert.equal(res.status, 200, res.text);
    return res.json as unknown as CallbackUrl;
  }

  async function send(url: string, method: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer; text: string; json: () => Record<string, unknown> }> {
    const res = await fetch(url, { method, headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    return { status: res.status, headers: res.headers, bytes, text, json: () => JSON.parse(text) as Record<string, unknown> };
  }

  const runCount = (workflow: string): number => store.listRuns(workflow).value.length;

  it('lists a callback URL in Logic Apps\' shape, signed with sp, sv and sig', async function () {
    const url = await callbackUrl('greet');
    assert.equal(url.method, 'POST');
    assert.equal(url.basePath, `${base}/workflows/greet/triggers/manual/paths/invoke`);
    assert.equal(url.queries['api-version'], '2016-10-01');
    assert.equal(url.queries['sp'], '/triggers/manual/run');
    assert.equal(url.queries['sv'], '1.0');
    assert.match(url.queries['sig']!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(url.value, `${url.basePath}?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${url.queries['sig']}`);
    // The key is made once: asking again gives the same URL.
    assert.equal((await callbackUrl('greet')).value, url.value);
    const paths = await callbackUrl('inspect');
    assert.equal(paths.method, 'GET');
    assert.equal(paths.relativePath, '/address/{postalCode}');
    assert.deepEqual(paths.relativePathParameters, ['postalCode']);
    assert.ok(paths.value.startsWith(`${paths.basePath}/address/{postalCode}?`), paths.value);
  });

  it('a validly signed call starts a run and answers with its Response: status, headers, body, tracking id', async function () {
    const url = await callbackUrl('greet');
    const res = await send(url.value, 'POST', JSON.stringify({ name: 'Ada' }), { 'content-type': 'application/json', 'x-ms-client-tracking-id': 'order-17' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.headers.get('x-greeting'), 'hello Ada');
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const runId = res.headers.get('x-ms-workflow-run-id');
    assert.ok(runId !== null && runId !== '');
    assert.equal(res.headers.get('x-ms-client-tracking-id'), 'order-17');
    assert.deepEqual(res.json(), { name: 'Ada', tracking: runId });
    const run = store.getRun('greet', runId);
    assert.equal(run?.clientTrackingId, 'order-17');
    await engine.whenCompleted(runId)?.then(() => undefined);
    assert.equal(store.getRun('greet', runId)?.status, 'Succeeded');
  });

  it('refuses forged, missing and misdirected signatures with 401 and starts nothing', async function () {
    const url = await callbackUrl('greet');
    const other = await callbackUrl('greet', 'other');
    const echo = await callbackUrl('echo');
    const sig = url.queries['sig']!;
    const forged = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    const before = { greet: runCount('greet'), echo: runCount('echo') };
    const query = (sp: string, s: string | undefined) => `?api-version=2016-10-01&sp=${encodeURIComponent(sp)}&sv=1.0${s === undefined ? '' : `&sig=${s}`}`;
    const attempts: [string, string][] = [
      [`${url.basePath}${query('/triggers/manual/run', forged)}`, 'DirectApiInvalidAuthorizationSignature'],
      [`${url.basePath}${query('/triggers/manual/run', undefined)}`, 'DirectApiAuthorizationRequired'],
      [url.basePath, 'DirectApiAuthorizationRequired'],
      // The other trigger's valid URL used on this trigger, and its signature with this sp.
      [`${url.basePath}${query('/triggers/other/run', other.queries['sig'])}`, 'DirectApiInvalidAuthorizationSignature'],
      [`${url.basePath}${query('/triggers/manual/run', other.queries['sig'])}`, 'DirectApiInvalidAuthorizationSignature'],
      // Another workflow's signature for a trigger of the same name.
      [`${url.basePath}${query('/triggers/manual/run', echo.queries['sig'])}`, 'DirectApiInvalidAuthorizationSignature'],
      [`${url.basePath}${query('/triggers/manual/run', 'not*base64url')}`, 'DirectApiInvalidAuthorizationSignature'],
    ];
    for (const [target, code] of attempts) {
      const res = await send(target, 'POST', JSON.stringify({ name: 'Mallory' }), { 'content-type': 'application/json' });
      assert.equal(res.status, 401, `${target}: ${res.text}`);
      assert.equal(res.json()['code'], code, target);
      assert.equal(typeof res.json()['message'], 'string');
    }
    assert.deepEqual({ greet: runCount('greet'), echo: runCount('echo') }, before);
    // The other trigger's own URL works on the other trigger.
    const ok = await send(other.value, 'POST', JSON.stringify({ name: 'Bob' }), { 'content-type': 'application/json' });
    assert.equal(ok.status, 201, ok.text);
  });

  it('regenerating the access key invalidates every URL given out before', async function () {
    const old = await callbackUrl('echo');
    assert.equal((await send(old.value, 'POST', '"before"', { 'content-type': 'application/json' })).status, 200);
    const regen = await call(base, 'POST', '/api/workflows/echo/regenerateAccessKey', { keyType: 'Primary' });
    assert.equal(regen.status, 200, regen.text);
    const count = runCount('echo');
    const refused = await send(old.value, 'POST', '"after"', { 'content-type': 'application/json' });
    assert.equal(refused.status, 401);
    assert.equal(refused.json()['code'], 'DirectApiInvalidAuthorizationSignature');
    assert.equal(runCount('echo'), count);
    const fresh = await callbackUrl('echo');
    assert.notEqual(fresh.queries['sig'], old.queries['sig']);
    const res = await send(fresh.value, 'POST', '"after"', { 'content-type': 'application/json' });
    assert.equal(res.status, 200, res.text);
    // A string body goes back as text, as Logic Apps sends it.
    assert.equal(res.text, 'after');
    const secondary = await call(base, 'POST', '/api/workflows/echo/regenerateAccessKey', { keyType: 'Secondary' });
    assert.equal(secondary.status, 400);
  });

  it('answers 405 for a method other than the trigger\'s, and 404 for a path its template does not match', async function () {
    const greet = await callbackUrl('greet');
    const before = runCount('greet');
    const wrong = await send(greet.value, 'PUT', '{}', { 'content-type': 'application/json' });
    assert.equal(wrong.status, 405, wrong.text);
    assert.equal(wrong.json()['code'], 'MethodNotAllowed');
    const inspect = await callbackUrl('inspect');
    const post = await send(inspect.value.replace('{postalCode}', '98052'), 'POST');
    assert.equal(post.status, 405);
    const query = inspect.value.slice(inspect.value.indexOf('?'));
    const noPath = await send(`${inspect.basePath}${query}`, 'GET');
    assert.equal(noPath.status, 404, noPath.text);
    assert.equal(noPath.json()['code'], 'TriggerPathNotFound');
    const extra = await send(`${greet.basePath}/surplus${greet.value.slice(greet.value.indexOf('?'))}`, 'POST');
    assert.equal(extra.status, 404);
    assert.equal(runCount('greet'), before);
    assert.equal(runCount('inspect'), 0);
  });

  it('passes relative path parameters, queries (without the signature) and headers to the trigger outputs', async function () {
    const url = await callbackUrl('inspect');
    const target = `${url.value.replace('{postalCode}', '98052%20A')}&units=metric&lang=en`;
    const res = await send(target, 'GET', undefined, { authorization: 'Bearer secret-token' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json(), {
      postalCode: '98052 A',
      queries: { units: 'metric', lang: 'en' },
      bodyIsNull: true,
      // The inbound Authorization header is kept out of the outputs (IncludeAuthorizationHeadersInOutputs is off).
      authorization: 'absent',
    });
  });

  it('reads bodies by content type: JSON as values, text as text, anything else as a content envelope', async function () {
    const url = await callbackUrl('echo');
    const json = await send(url.value, 'POST', '{"a":1.0,"big":9007199254740993,"list":[true,null]}', { 'content-type': 'application/json; charset=utf-8' });
    assert.equal(json.status, 200, json.text);
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(json.text, '{"a":1.0,"big":9007199254740993,"list":[true,null]}');

    const text = await send(url.value, 'POST', 'plain words', { 'content-type': 'text/plain' });
    assert.equal(text.status, 200);
    assert.match(text.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(text.text, 'plain words');

    const bytes = Buffer.from([0, 1, 2, 250, 255, 10]);
    const binary = await send(url.value, 'POST', bytes, { 'content-type': 'application/octet-stream' });
    assert.equal(binary.status, 200);
    assert.equal(binary.headers.get('content-type'), 'application/octet-stream');
    assert.deepEqual(binary.bytes, bytes);
    const runId = binary.headers.get('x-ms-workflow-run-id')!;
    const trigger = store.loadRunState(runId)!.trigger as { outputs: { body: unknown } };
    assert.deepEqual(trigger.outputs.body, { '$content-type': 'application/octet-stream', '$content': bytes.toString('base64') });

    const bad = await send(url.value, 'POST', '{"a": ', { 'content-type': 'application/json' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json()['code'], 'InvalidRequestContent');
  });

  it('validates the body against the trigger schema when EnableSchemaValidation is set: 400 with issues, no run', async function () {
    const url = await callbackUrl('validated');
    const res = await send(url.value, 'POST', JSON.stringify({ count: 'three' }), { 'content-type': 'application/json' });
    assert.equal(res.status, 400, res.text);
    const body = res.json();
    assert.equal(body['code'], 'TriggerInputSchemaMismatch');
    const issues = body['issues'] as { pointer: string; message: string }[];
    assert.deepEqual(issues.map((i) => i.pointer).sort(), ['/count', '/postalCode']);
    assert.match(issues.find((i) => i.pointer === '/count')!.message, /Expected Integer but got String/);
    assert.equal(runCount('validated'), 0);
    const ok = await send(url.value, 'POST', JSON.stringify({ postalCode: '98052', count: 3 }), { 'content-type': 'application/json' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.text, '98052');
    assert.equal(runCount('validated'), 1);
  });

  it('answers 202 with the run id when the workflow has no Response action', async function () {
    const url = await callbackUrl('fireAndForget');
    const res = await send(url.value, 'POST', '{"x":1}', { 'content-type': 'application/json' });
    assert.equal(res.status, 202);
    assert.equal(res.text, '');
    const runId = res.headers.get('x-ms-workflow-run-id');
    assert.ok(runId !== null);
    assert.ok(store.getRun('fireAndForget', runId) !== undefined);
  });

  it('answers 504 when the Response does not come in time; the late Response action fails with ActionResponseTimedOut', async function () {
    const url = await callbackUrl('slow');
    const res = await send(url.value, 'POST', '{}', { 'content-type': 'application/json' });
    assert.equal(res.status, 504, res.text);
    assert.equal(res.json()['code'], 'GatewayTimeout');
    const runId = res.headers.get('x-ms-workflow-run-id')!;
    const completed = engine.whenCompleted(runId);
    assert.ok(completed !== undefined, 'the run is still going');
    clock.advance(60 * 60 * 1000);
    const state = await completed;
    assert.equal(state.status, 'Failed');
    const reply = store.listActionRows(runId).find((row) => row.name === 'Reply');
    assert.equal(reply?.status, 'Failed');
    assert.equal(reply?.code, 'ActionResponseTimedOut');
  });

  it('a disabled workflow answers 409 and starts nothing', async function () {
    const url = await callbackUrl('fireAndForget');
    const before = runCount('fireAndForget');
    assert.equal((await call(base, 'POST', '/api/workflows/fireAndForget/disable')).status, 200);
    try {
      const res = await send(url.value, 'POST', '{}', { 'content-type': 'application/json' });
      assert.equal(res.status, 409, res.text);
      assert.equal(res.json()['code'], 'WorkflowDisabled');
      assert.equal(runCount('fireAndForget'), before);
    } finally {
      await call(base, 'POST', '/api/workflows/fireAndForget/enable');
    }
  });

  it('listCallbackUrl refuses triggers that are not Request triggers', async function () {
    assert.ok(engine.saveWorkflow({ name: 'timer', definition: { triggers: { every: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } }, actions: {} } }).ok);
    const res = await call(base, 'POST', '/api/workflows/timer/triggers/every/listCallbackUrl');
    assert.equal(res.status, 400);
    assert.equal(res.json['code'], 'ListCallbackUrlNotSupported');
  });
});
