import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';
import { startApiServer, type ApiServer } from '../helpers/api-server.js';

describe('sluice serve (HTTP API on loopback)', function () {
  let server: ApiServer;
  before(async function () {
    server = await startApiServer();
  });
  after(async function () {
    await server.close();
  });

  async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it('serves the playground page at /playground', async function () {
    const res = await fetch(new URL('/playground', server.url));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    const text = await res.text();
    assert.match(text, /<title>Sluice<\/title>/);
    assert.match(text, /api\/expressions\/evaluate/);
  });

  it('evaluates an expression against a context', async function () {
    const { status, json } = await post('/api/expressions/evaluate', { expr: "@triggerBody()?['Size']", context: { triggerBody: { Size: 5 } } });
    assert.equal(status, 200);
    assert.equal(json['value'], 5);
  });

  it('answers a bad expression with 400 and a typed error with the position', async function () {
    const { status, json } = await post('/api/expressions/evaluate', { expr: '@add(1,' });
    assert.equal(status, 400);
    assert.equal(json['code'], 'ExpressionSyntaxError');
    assert.deepEqual((json['where'] as Record<string, unknown>)['position'], 7);
  });

  it('answers a body that is not JSON with 400', async function () {
    const res = await fetch(new URL('/api/expressions/evaluate', server.url), { method: 'POST', body: '{nope' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as Record<string, unknown>)['code'], 'InvalidJson');
  });

  it('lists the functions with their arities', async function () {
    const res = await fetch(new URL('/api/functions', server.url));
    const list = (await res.json()) as { name: string; minArgs: number; maxArgs: number | null }[];
    assert.deepEqual(list.find((f) => f.name === 'triggerBody'), { name: 'triggerBody', minArgs: 0, maxArgs: 0 });
  });

  it('validates a definition and lists its issues with pointers', async function () {
    const { status, json } = await post('/api/definitions/validate', {
      definition: { triggers: {}, actions: { A: { type: 'Compose', inputs: '@concat(', runAfter: { Nope: ['Succeeded'] } } } },
    });
    assert.equal(status, 200);
    assert.equal(json['valid'], false);
    const pointers = (json['issues'] as { pointer: string }[]).map((i) => i.pointer);
    assert.ok(pointers.includes('/actions/A/inputs'), pointers.join(' '));
    assert.ok(pointers.some((p) => p.startsWith('/actions/A/runAfter')), pointers.join(' '));
  });
});

describe('sluice serve (the command)', function () {
  it('serves the API from a data folder and stops on SIGTERM', async function () {
    this.timeout(30000);
    const data = mkdtempSync(join(tmpdir(), 'sluice-serve-'));
    const child = spawn(process.execPath, [join(repoRoot(), 'bin', 'sluice.js'), 'serve', '--port', '0', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /serving at (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`sluice serve exited with ${code}`)));
      });
      const res = await fetch(new URL('/api/workflows', url));
      assert.equal(res.status, 200);
      const names = ((await res.json()) as { value: { name: string }[] }).value.map((w) => w.name);
      const examples = readdirSync(join(repoRoot(), 'definitions', 'examples')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
      assert.deepEqual(names.sort(), examples.sort(), 'the example workflows are saved on first start');
      assert.ok(existsSync(join(data, 'sluice.db')));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  });
});
