/**
 * The durability rule with real SIGKILLs: `sluice serve` runs as a child process, is killed in the
 * middle of runs (inside a Foreach of HTTP calls, during a Wait, during a slow HTTP call) and started
 * again on the same data folder. Every run must then complete, and every action that had completed
 * before the kill must not run again (the loopback stub counts the calls).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

interface Engine {
  child: ChildProcessWithoutNullStreams;
  url: string;
}

function startEngine(dataDir: string): Promise<Engine> {
  const child = spawn(process.execPath, [join(repoRoot(), 'bin', 'sluice.js'), 'serve', '--port', '0', '--data', dataDir], { stdio: 'pipe' });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`engine did not start: ${out}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving at (http:\/\/\S+?)\/?\s/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`engine exited with ${code}: ${out}`)));
  });
}

function kill(engine: Engine): Promise<void> {
  return new Promise((resolve) => {
    engine.child.removeAllListeners('exit');
    engine.child.once('exit', () => resolve());
    engine.child.kill('SIGKILL');
  });
}

async function api<T>(engine: Engine, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${engine.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const request = { type: 'Request', kind: 'Http' };

function workflows(stub: string): Record<string, unknown> {
  return {
    'crash-foreach': {
      triggers: { manual: request },
      actions: {
        Loop: {
          type: 'Foreach',
          foreach: '@range(0, 6)',
          operationOptions: 'Sequential',
          actions: {
            Fetch: { type: 'Http', inputs: { method: 'GET', uri: `${stub}/item/@{item()}` } },
            Keep: { type: 'Compose', inputs: "@body('Fetch')", runAfter: { Fetch: ['Succeeded'] } },
          },
        },
      },
    },
    'crash-wait': {
      triggers: { manual: request },
      actions: {
        Before: { type: 'Http', inputs: { method: 'POST', uri: `${stub}/before-wait` } },
        Pause: { type: 'Wait', inputs: { interval: { count: 3, unit: 'Second' } }, runAfter: { Before: ['Succeeded'] } },
        After: { type: 'Http', inputs: { method: 'POST', uri: `${stub}/after-wait` }, runAfter: { Pause: ['Succeeded'] } },
      },
    },
    'crash-http': {
      triggers: { manual: request },
      actions: {
        First: { type: 'Http', inputs: { method: 'POST', uri: `${stub}/first` } },
        Slow: { type: 'Http', inputs: { method: 'POST', uri: `${stub}/slow` }, runAfter: { First: ['Succeeded'] } },
        Last: { type: 'Http', inputs: { method: 'POST', uri: `${stub}/last` }, runAfter: { Slow: ['Succeeded'] } },
      },
    },
  };
}

describe('durability: SIGKILL in the middle of runs, then restart', function () {
  this.timeout(120_000);
  const calls = new Map<string, number>();
  let stub: Server;
  let stubUrl = '';
  let dataDir = '';
  let engine: Engine | undefined;

  before(async function () {
    dataDir = mkdtempSync(join(tmpdir(), 'sluice-crash-'));
    stub = createServer((req, res) => {
      const path = req.url ?? '/';
      calls.set(path, (calls.get(path) ?? 0) + 1);
      const delay = path === '/slow' ? 2_500 : path.startsWith('/item/') ? 400 : 0;
      req.resume();
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ path }));
      }, delay);
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });

  after(async function () {
    if (engine !== undefined) await kill(engine);
    stub.closeAllConnections();
    await new Promise<void>((resolve) => stub.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes every run and never repeats a completed action', async function () {
    engine = await startEngine(dataDir);
    for (const [name, definition] of Object.entries(workflows(stubUrl))) {
      await api(engine, 'PUT', `/api/workflows/${name}`, { definition });
    }
    const runIds: Record<string, string> = {};
    for (const name of ['crash-foreach', 'crash-wait', 'crash-http']) {
      runIds[name] = (await api<{ runId: string }>(engine, 'POST', `/api/workflows/${name}/triggers/manual/run`, {})).runId;
    }
    const current = engine;
    // In the middle: two Foreach iterations done, the Wait waiting, the slow call in flight.
    await until('the foreach to be part-way', async () => ((calls.get('/item/2') ?? 0) > 0 ? true : undefined));
    await until('the wait to start', async () => {
      const actions = await api<{ value: { name: string; properties: { status: string } }[] }>(current, 'GET', `/api/workflows/crash-wait/runs/${runIds['crash-wait']}/actions`);
      return actions.value.some((a) => a.name === 'Pause' && a.properties.status === 'Waiting') ? true : undefined;
    });
    await until('the slow call to be in flight', async () => ((calls.get('/slow') ?? 0) > 0 ? true : undefined));
    const repetitions = await api<{ value: { name: string; properties: { status: string } }[] }>(
      current, 'GET', `/api/workflows/crash-foreach/runs/${runIds['crash-foreach']}/actions/Fetch/repetitions`);
    const completedItems = repetitions.value.filter((r) => r.properties.status === 'Succeeded').map((r) => Number(r.name));
    assert.ok(completedItems.length >= 1, 'some iterations completed before the kill');

    await kill(current);
    engine = await startEngine(dataDir);
    const restarted = engine;

    for (const [name, runId] of Object.entries(runIds)) {
      const status = await until(`${name} to finish`, async () => {
        const run = await api<{ properties: { status: string } }>(restarted, 'GET', `/api/workflows/${name}/runs/${runId}`);
        return run.properties.status === 'Running' ? undefined : run.properties.status;
      });
      assert.equal(status, 'Succeeded', `${name} after the restart`);
    }
    // Completed before the kill: exactly once. In flight at the kill: at least once, at most twice.
    for (const item of completedItems) assert.equal(calls.get(`/item/${item}`), 1, `item ${item} completed before the kill`);
    for (let item = 0; item < 6; item++) {
      const count = calls.get(`/item/${item}`) ?? 0;
      assert.ok(count >= 1 && count <= 2, `item ${item} called ${count} times`);
    }
    assert.equal(calls.get('/before-wait'), 1);
    assert.equal(calls.get('/after-wait'), 1);
    assert.equal(calls.get('/first'), 1);
    assert.ok((calls.get('/slow') ?? 0) >= 1 && (calls.get('/slow') ?? 0) <= 2);
    assert.equal(calls.get('/last'), 1);

    const foreachActions = await api<{ value: { name: string; properties: { status: string } }[] }>(
      restarted, 'GET', `/api/workflows/crash-foreach/runs/${runIds['crash-foreach']}/actions/Keep/repetitions`);
    assert.equal(foreachActions.value.length, 6, 'each iteration of Keep ran once');
    assert.ok(foreachActions.value.every((r) => r.properties.status === 'Succeeded'));
  });
});
