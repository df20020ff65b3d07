import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VirtualClock } from '../../engine/runtime/clock.js';
import { startApiServer, type ApiServer } from '../helpers/api-server.js';
import { call, dig } from '../helpers/http-json.js';

const shop = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Start: { type: 'Compose', inputs: "@triggerBody()?['items']", runAfter: {} },
    Loop: {
      type: 'Foreach',
      foreach: "@outputs('Start')",
      actions: { Double: { type: 'Compose', inputs: '@mul(item(), 2)', runAfter: {} } },
      runAfter: { Start: ['Succeeded'] },
    },
    Reply: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@outputs('Start')" }, runAfter: { Loop: ['Succeeded'] } },
  },
};

const sleepy = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: { Nap: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } }, runAfter: {} } },
};

async function finished(server: ApiServer, runId: string): Promise<void> {
  await server.engine.whenCompleted(runId);
}

describe('management API: runs, actions, repetitions, cancel, resubmit, trigger histories', function () {
  let server: ApiServer;
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(server.url, method, path, body, headers);

  async function fire(workflow: string, body: unknown): Promise<string> {
    const res = await req('POST', `/api/workflows/${workflow}/triggers/manual/run`, body);
    assert.equal(res.status, 202, res.text);
    const runId = String(res.json['runId']);
    assert.equal(res.headers.get('location'), `/api/workflows/${workflow}/runs/${runId}`);
    await finished(server, runId);
    return runId;
  }

  before(async function () {
    server = await startApiServer();
    assert.equal((await req('PUT', '/api/workflows/shop', { definition: shop })).status, 201);
    assert.equal((await req('PUT', '/api/workflows/sleepy', { definition: sleepy })).status, 201);
  });
  after(async function () {
    await server.close();
  });

  it('fires a trigger by hand and shows the run as Logic Apps does', async function () {
    const runId = await fire('shop', { items: [1, 2, 3] });
    const run = await req('GET', `/api/workflows/shop/runs/${runId}`);
    assert.equal(run.status, 200, run.text);
    assert.equal(run.json['name'], runId);
    assert.equal(run.json['type'], 'workflows/runs');
    assert.equal(dig(run.json, 'properties', 'status'), 'Succeeded');
    assert.equal(typeof dig(run.json, 'properties', 'endTime'), 'string');
    assert.equal(dig(run.json, 'properties', 'trigger', 'name'), 'manual');
    assert.deepEqual(dig(run.json, 'properties', 'trigger', 'outputs', 'body'), { items: [1, 2, 3] });
    assert.deepEqual(dig(run.json, 'properties', 'workflow', 'name'), 'shop');
    assert.deepEqual(dig(run.json, 'properties', 'workflow', 'version'), 1);
  });

  it('lists the run\'s actions, and one action with its outputs', async function () {
    const runId = await fire('shop', { items: [5, 6] });
    const actions = await req('GET', `/api/workflows/shop/runs/${runId}/actions`);
    const list = actions.json['value'] as Record<string, unknown>[];
    assert.deepEqual(list.map((a) => a['name']).sort(), ['Double', 'Loop', 'Reply', 'Start']);
    assert.ok(list.every((a) => a['type'] === 'workflows/runs/actions' && dig(a, 'properties', 'status') === 'Succeeded'));
    const double = list.find((a) => a['name'] === 'Double');
    assert.equal(dig(double, 'properties', 'repetitionIndexes', 0, 'scopeName'), 'Loop');

    const start = await req('GET', `/api/workflows/shop/runs/${runId}/actions/Start`);
    assert.equal(start.status, 200);
    assert.equal(start.json['id'], `/api/workflows/shop/runs/${runId}/actions/Start`);
    assert.match(JSON.stringify(dig(start.json, 'properties', 'outputs')), /\[5,6\]/);
    assert.equal(typeof dig(start.json, 'properties', 'startTime'), 'string');
  });

  it('lists an action\'s repetitions, one per foreach iteration, with inputs and outputs', async function () {
    const runId = await fire('shop', { items: [1, 2, 3] });
    const res = await req('GET', `/api/workflows/shop/runs/${runId}/actions/Double/repetitions`);
    assert.equal(res.status, 200, res.text);
    const reps = res.json['value'] as Record<string, unknown>[];
    assert.deepEqual(reps.map((r) => r['name']), ['000000', '000001', '000002']);
    reps.forEach((rep, i) => {
      assert.equal(rep['type'], 'workflows/runs/actions/repetitions');
      assert.deepEqual(dig(rep, 'properties', 'repetitionIndexes'), [{ scopeName: 'Loop', itemIndex: i }]);
      assert.match(JSON.stringify(dig(rep, 'properties', 'outputs')), new RegExp(`\\b${(i + 1) * 2}\\b`));
      assert.notEqual(dig(rep, 'properties', 'inputs'), undefined);
    });
  });

  it('answers unknown runs and actions with 404 naming them', async function () {
    const runId = await fire('shop', { items: [] });
    const noRun = await req('GET', '/api/workflows/shop/runs/no-such-run');
    assert.equal(noRun.status, 404);
    assert.match(String(noRun.json['message']), /run 'no-such-run' of workflow 'shop' not found/);
    for (const path of [`/runs/${runId}/actions/Nope`, `/runs/${runId}/actions/Nope/repetitions`]) {
      const res = await req('GET', `/api/workflows/shop${path}`);
      assert.equal(res.status, 404, path);
      assert.match(String(res.json['message']), /action 'Nope' not found in workflow 'shop'/);
    }
    for (const path of ['/actions', '/actions/Start', '/cancel', '/resubmit']) {
      const res = await req(path === '/cancel' || path === '/resubmit' ? 'POST' : 'GET', `/api/workflows/shop/runs/ghost${path}`);
      assert.equal(res.status, 404, path);
    }
    const noTrigger = await req('POST', '/api/workflows/shop/triggers/nope/run', {});
    assert.equal(noTrigger.status, 404);
    assert.match(String(noTrigger.json['message']), /trigger 'nope' not found in workflow 'shop'/);
  });

  it('pages and filters runs (status, top, skipToken, start times) with a relative nextLink', async function () {
    await req('PUT', '/api/workflows/paged', { definition: shop });
    const first = await fire('paged', { items: [1] });
    const second = await fire('paged', { items: [2] });
    const page1 = await req('GET', '/api/workflows/paged/runs?top=1&status=Succeeded');
    assert.equal((page1.json['value'] as unknown[]).length, 1);
    const nextLink = String(page1.json['nextLink']);
    assert.match(nextLink, /^\/api\/workflows\/paged\/runs\?status=Succeeded&top=1&skipToken=/);
    const page2 = await req('GET', nextLink);
    assert.equal((page2.json['value'] as unknown[]).length, 1);
    assert.equal(page2.json['nextLink'], undefined);
    const seen = [...(page1.json['value'] as unknown[]), ...(page2.json['value'] as unknown[])].map((r) => dig(r, 'name'));
    assert.deepEqual(seen.sort(), [first, second].sort());

    assert.deepEqual((await req('GET', '/api/workflows/paged/runs?status=failed')).json['value'], []);
    assert.deepEqual((await req('GET', '/api/workflows/paged/runs?startTimeFrom=2999-01-01T00:00:00Z')).json['value'], []);
    assert.equal(((await req('GET', '/api/workflows/paged/runs?startTimeTo=2999-01-01')).json['value'] as unknown[]).length, 2);
    for (const query of ['status=Bogus', 'top=0', 'top=abc', 'startTimeTo=yesterday', 'top=1&top=2']) {
      const res = await req('GET', `/api/workflows/paged/runs?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.json['code'], 'InvalidArgument', query);
      assert.match(String(dig(res.json, 'issues', 0, 'pointer')), /^\/query\//, query);
    }
  });

  it('resubmits a run: a new run with the same trigger outputs (202 and Location)', async function () {
    const original = await fire('shop', { items: [7] });
    const res = await req('POST', `/api/workflows/shop/runs/${original}/resubmit`);
    assert.equal(res.status, 202, res.text);
    const runId = String(res.json['runId']);
    assert.notEqual(runId, original);
    assert.equal(res.headers.get('location'), `/api/workflows/shop/runs/${runId}`);
    await finished(server, runId);
    const run = await req('GET', `/api/workflows/shop/runs/${runId}`);
    assert.equal(dig(run.json, 'properties', 'status'), 'Succeeded');
    assert.deepEqual(dig(run.json, 'properties', 'trigger', 'outputs', 'body'), { items: [7] });
  });

  it('cancels a running run; cancelling it again is a 409', async function () {
    const fired = await req('POST', '/api/workflows/sleepy/triggers/manual/run', {});
    const runId = String(fired.json['runId']);
    const running = await req('GET', `/api/workflows/sleepy/runs/${runId}`);
    assert.equal(dig(running.json, 'properties', 'status'), 'Running');
    const cancelled = await req('POST', `/api/workflows/sleepy/runs/${runId}/cancel`);
    assert.equal(cancelled.status, 200, cancelled.text);
    await finished(server, runId);
    const run = await req('GET', `/api/workflows/sleepy/runs/${runId}`);
    assert.equal(dig(run.json, 'properties', 'status'), 'Cancelled');
    const again = await req('POST', `/api/workflows/sleepy/runs/${runId}/cancel`);
    assert.equal(again.status, 409);
    assert.equal(again.json['code'], 'RunNotRunning');
  });

  it('pages a trigger\'s history with a nextLink; entries link their run', async function () {
    assert.equal((await req('PUT', '/api/workflows/history', { definition: shop })).status, 201);
    for (let i = 0; i < 3; i++) {
      server.store.addTriggerHistory({
        id: `h${i}`,
        workflowName: 'history',
        triggerName: 'manual',
        status: 'Succeeded',
        startTime: `2024-01-0${i + 1}T00:00:00.000Z`,
        endTime: `2024-01-0${i + 1}T00:00:01.000Z`,
        fired: true,
        runId: `run${i}`,
        outputs: { body: { n: i } },
      });
    }
    const page1 = await req('GET', '/api/workflows/history/triggers/manual/histories?top=2');
    assert.equal(page1.status, 200, page1.text);
    const first = page1.json['value'] as Record<string, unknown>[];
    assert.equal(first.length, 2);
    assert.equal(first[0]!['type'], 'workflows/triggers/histories');
    assert.equal(dig(first[0], 'properties', 'fired'), true);
    assert.match(String(dig(first[0], 'properties', 'run', 'id')), /^\/api\/workflows\/history\/runs\/run\d$/);
    const page2 = await req('GET', String(page1.json['nextLink']));
    const all = [...first, ...(page2.json['value'] as Record<string, unknown>[])].map((h) => h['name']);
    assert.deepEqual(all.sort(), ['h0', 'h1', 'h2']);
    assert.equal((await req('GET', '/api/workflows/history/triggers/other/histories')).status, 404);
  });

  it('records a trigger history entry, linking its run, each time a trigger fires', async function () {
    const fired = await req('POST', '/api/workflows/shop/triggers/manual/run', { order: 7 });
    const runId = String(fired.json['runId']);
    const histories = await req('GET', '/api/workflows/shop/triggers/manual/histories');
    const entry = (histories.json['value'] as Record<string, unknown>[]).find((h) => String(dig(h, 'properties', 'run', 'id')).endsWith(`/runs/${runId}`));
    assert.ok(entry, histories.text);
    assert.equal(dig(entry, 'properties', 'fired'), true);
    assert.equal(dig(entry, 'properties', 'status'), 'Succeeded');
  });

  it('never shows a securestring parameter value in any response', async function () {
    const secret = 'S3cret-Value-9f81c2';
    const fallback = 'Default-Secret-77ab10';
    const definition = {
      parameters: { apiKey: { type: 'securestring' }, backup: { type: 'SecureString', defaultValue: fallback }, plain: { type: 'string', defaultValue: 'visible' } },
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Use: { type: 'Compose', inputs: "@parameters('apiKey')", runAfter: {} },
        Mix: { type: 'Compose', inputs: "@concat('key=', parameters('apiKey'), ';', parameters('backup'))", runAfter: { Use: ['Succeeded'] } },
        Loop: { type: 'Foreach', foreach: '@createArray(1, 2)', actions: { Each: { type: 'Compose', inputs: "@parameters('apiKey')", runAfter: {} } }, runAfter: { Mix: ['Succeeded'] } },
      },
    };
    const put = await req('PUT', '/api/workflows/vault', { definition, parameters: { apiKey: { value: secret } } });
    assert.equal(put.status, 201, put.text);
    const runId = await fire('vault', { hello: 'world' });
    const bodies: string[] = [put.text];
    const paths = [
      '/api/workflows',
      '/api/workflows/vault',
      '/api/workflows/vault/versions',
      '/api/workflows/vault/runs',
      `/api/workflows/vault/runs/${runId}`,
      `/api/workflows/vault/runs/${runId}/actions`,
      ...['Use', 'Mix', 'Loop', 'Each'].flatMap((a) => [`/api/workflows/vault/runs/${runId}/actions/${a}`, `/api/workflows/vault/runs/${runId}/actions/${a}/repetitions`]),
      '/api/workflows/vault/triggers/manual/histories',
    ];
    for (const path of paths) {
      const res = await req('GET', path);
      assert.equal(res.status, 200, `${path}: ${res.text}`);
      bodies.push(res.text);
    }
    for (const text of bodies) {
      assert.ok(!text.includes(secret), `the secret leaked: ${text}`);
      assert.ok(!text.includes(fallback), `the secret default leaked: ${text}`);
    }
    const workflow = await req('GET', '/api/workflows/vault');
    assert.deepEqual(dig(workflow.json, 'properties', 'parameters', 'apiKey'), { type: 'SecureString' });
    assert.equal(dig(workflow.json, 'properties', 'definition', 'parameters', 'plain', 'defaultValue'), 'visible');
    const run = await req('GET', `/api/workflows/vault/runs/${runId}`);
    assert.equal(dig(run.json, 'properties', 'status'), 'Succeeded');
  });
});

describe('management API: retry attempts in an action\'s history', function () {
  let server: ApiServer;
  let stub: Server;
  let stubUrl: string;
  let calls = 0;

  before(async function () {
    stub = createServer((_req, res) => {
      calls++;
      const ok = calls > 1;
      res.writeHead(ok ? 200 : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { ok: true } : { error: 'try again' }));
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/flaky`;
    // Retry delays pass at once on a virtual clock, while the recorded times still advance.
    server = await startApiServer({ clock: new VirtualClock() });
  });
  after(async function () {
    await server.close();
    await new Promise<void>((resolve) => stub.close(() => resolve()));
  });

  it('shows the failed attempt as retryHistory of the action and of its repetition', async function () {
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Call: { type: 'Http', inputs: { method: 'GET', uri: stubUrl, retryPolicy: { type: 'fixed', count: 2, interval: 'PT10S' } }, runAfter: {} },
      },
    };
    assert.equal((await call(server.url, 'PUT', '/api/workflows/flaky', { definition })).status, 201);
    const fired = await call(server.url, 'POST', '/api/workflows/flaky/triggers/manual/run', {});
    const runId = String(fired.json['runId']);
    await server.engine.whenCompleted(runId);
    const action = await call(server.url, 'GET', `/api/workflows/flaky/runs/${runId}/actions/Call`);
    assert.equal(dig(action.json, 'properties', 'status'), 'Succeeded', action.text);
    const history = dig(action.json, 'properties', 'retryHistory') as Record<string, unknown>[];
    assert.equal(history.length, 1, action.text);
    assert.equal(typeof history[0]!['startTime'], 'string');
    assert.match(JSON.stringify(history[0]), /500|InternalServerError/);
    const reps = await call(server.url, 'GET', `/api/workflows/flaky/runs/${runId}/actions/Call/repetitions`);
    const list = reps.json['value'] as Record<string, unknown>[];
    assert.equal(list.length, 1);
    assert.equal((dig(list[0], 'properties', 'retryHistory') as unknown[]).length, 1);
    assert.deepEqual(dig(list[0], 'properties', 'repetitionIndexes'), []);
  });
});
