/**
 * `sluice serve`: opens the store in the data folder, starts the engine (resuming runs a previous
 * process left), and serves the API on loopback until SIGINT/SIGTERM, then shuts down in order:
 * server, engine, store.
 */
import { join } from 'node:path';
import { startServer, type RunningServer } from '../api/server.js';
import { createEngine } from '../runtime/engine.js';
import { SqliteStore } from '../store/sqlite-store.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** Folder holding `sluice.db`. */
  data: string;
}

export interface Serving {
  server: RunningServer;
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const store = new SqliteStore({ path: join(options.data, 'sluice.db') });
  const engine = createEngine({ store });
  try {
    await engine.start();
    const server = await startServer({ host: options.host, port: options.port, engine, store });
    const stop = async (): Promise<void> => {
      await server.close();
      await engine.stop();
      store.close();
    };
    return { server, stop };
  } catch (err) {
    await engine.stop();
    store.close();
    throw err;
  }
}
