import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../engine/api/app.js';
import { isApiPath } from '../../engine/api/routes/designer.js';
import { startApiServer, type ApiServer } from '../helpers/api-server.js';

describe('the designer at / (ui/dist served statically, SPA fallback, 503 without a build)', function () {
  let api: ApiServer;
  let dir: string;
  const servers: Server[] = [];

  async function listen(designerDir: string): Promise<string> {
    const app = createApp({ engine: api.engine, store: api.store, designerDir });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  before(async function () {
    api = await startApiServer();
    dir = mkdtempSync(join(tmpdir(), 'sluice-ui-'));
    mkdirSync(join(dir, 'built', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'built', 'index.html'), '<!doctype html><title>Sluice</title><div id="root"></div>');
    writeFileSync(join(dir, 'built', 'assets', 'app-1234.js'), 'console.log(1)');
  });
  after(async function () {
    for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for unknown page paths, and the assets', async function () {
    const url = await listen(join(dir, 'built'));
    for (const path of ['/', '/workflows-page', '/some/deep/page']) {
      const res = await fetch(new URL(path, url));
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /<div id="root">/);
    }
    const asset = await fetch(new URL('/assets/app-1234.js', url));
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await fetch(new URL('/assets/missing.js', url))).status, 404);
  });

  it('never shadows the API: unknown API paths keep their JSON 404, API routes still answer', async function () {
    const url = await listen(join(dir, 'built'));
    for (const path of ['/api/nope', '/workflows/x/nope', '/pipelines/nope', '/identity/nope', '/.well-known/nope', '/api']) {
      const res = await fetch(new URL(path, url));
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as Record<string, unknown>)['code'], 'NotFound', path);
    }
    const list = await fetch(new URL('/api/workflows', url));
    assert.equal(list.status, 200);
    assert.deepEqual(await list.json(), { value: [] });
    assert.equal((await fetch(new URL('/some/page', url), { method: 'POST' })).status, 404);
    assert.ok(isApiPath('/api/workflows') && !isApiPath('/apiary'));
  });

  it('answers 503 with how to build when ui/dist is missing', async function () {
    const url = await listen(join(dir, 'missing'));
    for (const path of ['/', '/page']) {
      const res = await fetch(new URL(path, url));
      assert.equal(res.status, 503);
      assert.match(await res.text(), /npm run build:ui/);
    }
    assert.equal((await fetch(new URL('/api/workflows', url))).status, 200);
  });

  it('the default build serves at / from the repository ui/dist', async function () {
    const res = await fetch(api.url);
    assert.ok(res.status === 200 || res.status === 503, String(res.status));
    if (res.status === 200) assert.match(await res.text(), /<div id="root">/);
  });
});
