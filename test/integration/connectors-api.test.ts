import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { actionTypes, triggerTypes } from '../../connectors/index.js';
import { createApp } from '../../engine/api/app.js';
import { createEngine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';

describe('GET /api/connectors', function () {
  let server: Server;
  let url: string;
  let store: SqliteStore;
  before(async function () {
    store = new SqliteStore({ path: ':memory:' });
    const engine = createEngine({ store, retentionDays: 0 });
    server = createServer(createApp({ engine, store, connectors: { actions: actionTypes, triggers: triggerTypes } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async function () {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    store.close();
  });

  it('lists every trigger and action type once, with the schema the validator checks', async function () {
    const res = await fetch(`${url}/api/connectors`);
    assert.equal(res.status, 200);
    const { value } = (await res.json()) as { value: { kind: string; type: string; runtime: string; inputSchema: { $defs?: object; allOf?: unknown[] } }[] };
    const keys = value.map((d) => `${d.kind}:${d.type}:${d.runtime}`);
    for (const expected of ['trigger:Request:request', 'trigger:Recurrence:polling', 'trigger:Http:polling', 'action:Compose:pure', 'action:Foreach:control', 'action:Http:effect', 'action:Response:effect']) {
      assert.ok(keys.includes(expected), expected);
    }
    assert.ok(value.some((d) => d.kind === 'trigger' && d.runtime === 'polling' && /Blob|ApiConnection|ServiceProvider/.test(d.type)), 'the blob trigger shapes');
    assert.equal(new Set(keys).size, keys.length, 'declared once');
    const compose = value.find((d) => d.type === 'Compose')!;
    assert.ok(compose.inputSchema.$defs !== undefined && Array.isArray(compose.inputSchema.allOf), 'a self-contained schema');
  });
});
