/**
 * `sluice serve`: loads the configuration and starts Sluice (engine/main.ts) until SIGINT/SIGTERM.
 */
import { loadConfig } from '../config.js';
import { startSluice, type RunningSluice } from '../main.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Folder holding `sluice.db`. */
  data?: string;
  /** sluice.config.json to read. */
  config?: string;
  /** Folder of workflow definitions saved at start when no workflow of that name exists yet. */
  examples?: string;
  /** Start Azurite for the blob datastore when no connection string is configured. @default true */
  azurite?: boolean;
}

export async function serve(options: ServeOptions): Promise<RunningSluice> {
  const overrides: Record<string, unknown> = {};
  if (options.host !== undefined) overrides['host'] = options.host;
  if (options.port !== undefined) overrides['port'] = options.port;
  if (options.data !== undefined) overrides['dataDir'] = options.data;
  const config = loadConfig({ file: options.config, overrides });
  return startSluice({ config, examples: options.examples, embeddedAzurite: options.azurite });
}
