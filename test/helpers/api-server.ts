import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../engine/api/server.js';
import type { Clock } from '../../engine/runtime/clock.js';
import { createEngine, type Engine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';

export interface ApiServer {
  url: string;
  engine: Engine;
  store: SqliteStore;
  close(): Promise<void>;
}

/** The real stack on loopback: SQLite in a temp folder, the engine, the express app on a free port. */
export async function startApiServer(options: { maxBodyBytes?: number; clock?: Clock } = {}): Promise<ApiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-api-'));
  const store = new SqliteStore({ path: join(dir, 'sluice.db') });
  const engine = createEngine({ store, clock: options.clock });
  await engine.start();
  const server = await startServer({ host: '127.0.0.1', port: 0, engine, store, maxBodyBytes: options.maxBodyBytes });
  return {
    url: server.url,
    engine,
    store,
    close: async () => {
      await server.close();
      await engine.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
