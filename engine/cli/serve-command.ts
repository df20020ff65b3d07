/**
 * `sluice serve`: opens the store in the data folder, starts the engine (resuming runs a previous
 * process left), and serves the API on loopback until SIGINT/SIGTERM, then shuts down in order:
 * server, engine, store.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startServer, type RunningServer } from '../api/server.js';
import { createEngine, type Engine } from '../runtime/engine.js';
import { SqliteStore } from '../store/sqlite-store.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** Folder holding `sluice.db`. */
  data: string;
  /** Folder of workflow definitions saved at start when no workflow of that name exists yet. */
  examples?: string;
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
    if (options.examples !== undefined) loadExamples(engine, options.examples);
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

/**
 * Saves each `*.json` of the folder as a workflow named after the file, unless a workflow of that
 * name exists (a user's edits are never overwritten). A file that does not load is reported and skipped.
 */
function loadExamples(engine: Engine, folder: string): void {
  if (!existsSync(folder)) return;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const name = basename(file, '.json');
    if (engine.store.getWorkflow(name) !== undefined) continue;
    try {
      const saved = engine.saveWorkflow({ name, definition: JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown });
      if (!saved.ok) process.stderr.write(`sluice: example ${file} not loaded: ${saved.issues.map((i) => `${i.pointer}: ${i.message}`).join('; ')}\n`);
    } catch (err) {
      process.stderr.write(`sluice: example ${file} not loaded: ${(err as Error).message}\n`);
    }
  }
}
