/**
 * Sluice's configuration: one typed object, loaded once (embedded defaults, then
 * `sluice.config.json`, then `SLUICE_*` environment variables) and passed down. The only module
 * that reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DefinitionError } from './errors.js';

export interface ConnectionConfig {
  /** Azure Storage connection string (`DefaultEndpointsProtocol=...;AccountName=...`). */
  connectionString?: string;
  [key: string]: unknown;
}

export interface DatastoreConfig {
  kind: 'azureblob' | 'folder';
  /** azureblob: the name of a connection in `connections`. */
  connection?: string;
  /** azureblob: the container holding the datastore's files. */
  container?: string;
  /** folder: where the files live (relative paths are resolved against the config's folder). */
  path?: string;
}

export interface SluiceConfig {
  /** Address the server listens on. @default "127.0.0.1" */
  host: string;
  /** @default 7070 */
  port: number;
  /** Folder of sluice.db and local files. @default "./.sluice" */
  dataDir: string;
  /** Named connections; `$connections` of definitions and managed-connector shapes resolve here. */
  connections: Record<string, ConnectionConfig>;
  /** Named datastores (blob containers or local folders). */
  datastores: Record<string, DatastoreConfig>;
  /** Days of run history kept. @default 90 */
  retentionDays: number;
  /** Managed identity: the token issuer's URL; defaults to the server's own URL. */
  identity: { issuer?: string };
  /**
   * Request triggers also served at a fixed path, `/hooks/{name}`, without the signed query of
   * their callback URL: for callers behind a gateway that authenticates them, or on loopback
   * (the way n8n and Node-RED expose webhooks). Anyone who reaches the port can call them.
   */
  hooks: Record<string, HookConfig>;
}

export interface HookConfig {
  workflow: string;
  trigger: string;
}

const HOOK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function defaultConfig(): SluiceConfig {
  return {
    host: '127.0.0.1',
    port: 7070,
    dataDir: './.sluice',
    connections: {},
    datastores: {
      workspacefilestore: { kind: 'folder', path: './.sluice/files' },
      workspaceblobstore: { kind: 'azureblob', connection: 'azureblob', container: 'workspace' },
    },
    retentionDays: 90,
    identity: {},
    hooks: {},
  };
}

export interface LoadConfigOptions {
  /** Path of sluice.config.json; when absent, `./sluice.config.json` is read if it exists. */
  file?: string;
  env?: Record<string, string | undefined>;
  overrides?: Partial<SluiceConfig>;
}

export function loadConfig(options: LoadConfigOptions = {}): Readonly<SluiceConfig> {
  const env = options.env ?? process.env;
  const config = defaultConfig();
  const file = options.file ?? (existsSync('sluice.config.json') ? 'sluice.config.json' : undefined);
  if (file !== undefined) mergeFile(config, file);
  if (env['SLUICE_HOST']) config.host = env['SLUICE_HOST'];
  if (env['SLUICE_PORT']) config.port = Number(env['SLUICE_PORT']);
  if (env['SLUICE_DATA']) config.dataDir = env['SLUICE_DATA'];
  if (env['SLUICE_RETENTION_DAYS']) config.retentionDays = Number(env['SLUICE_RETENTION_DAYS']);
  if (env['SLUICE_AZUREBLOB_CONNECTION_STRING']) {
    config.connections['azureblob'] = { ...config.connections['azureblob'], connectionString: env['SLUICE_AZUREBLOB_CONNECTION_STRING'] };
  }
  Object.assign(config, options.overrides ?? {});
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new DefinitionError('InvalidArgument', `configuration: port must be an integer from 0 to 65535, got ${String(config.port)}`);
  }
  return Object.freeze(config);
}

/** The Azure-managed identity endpoint, when Sluice runs where the platform provides one. */
export function platformIdentityEndpoint(env: Record<string, string | undefined> = process.env): { endpoint: string; header?: string } | undefined {
  const endpoint = env['IDENTITY_ENDPOINT'];
  return endpoint ? { endpoint, header: env['IDENTITY_HEADER'] } : undefined;
}

function mergeFile(config: SluiceConfig, file: string): void {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DefinitionError('InvalidArgument', `${file}: cannot read the configuration: ${(err as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new DefinitionError('InvalidArgument', `${file}: must hold a JSON object`);
  const given = raw as Partial<SluiceConfig>;
  const base = resolve(file, '..');
  if (given.host !== undefined) config.host = given.host;
  if (given.port !== undefined) config.port = given.port;
  if (given.dataDir !== undefined) config.dataDir = resolve(base, given.dataDir);
  if (given.retentionDays !== undefined) config.retentionDays = given.retentionDays;
  if (given.connections !== undefined) config.connections = { ...config.connections, ...given.connections };
  if (given.identity !== undefined) config.identity = { ...given.identity };
  if (given.hooks !== undefined) config.hooks = readHooks(file, given.hooks);
  for (const [name, store] of Object.entries(given.datastores ?? {})) {
    config.datastores[name] = store.kind === 'folder' && store.path !== undefined ? { ...store, path: resolve(base, store.path) } : store;
  }
}

function readHooks(file: string, raw: unknown): Record<string, HookConfig> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new DefinitionError('InvalidArgument', `${file}: /hooks must be an object of {"workflow", "trigger"} by hook name`);
  const hooks: Record<string, HookConfig> = {};
  for (const [name, target] of Object.entries(raw as Record<string, unknown>)) {
    if (!HOOK_NAME.test(name)) throw new DefinitionError('InvalidArgument', `${file}: /hooks/${name}: a hook name is letters, digits, '.', '_' and '-', starting with a letter or digit`);
    const t = target as Partial<HookConfig> | null;
    if (t === null || typeof t !== 'object' || typeof t.workflow !== 'string' || t.workflow === '' || typeof t.trigger !== 'string' || t.trigger === '') {
      throw new DefinitionError('InvalidArgument', `${file}: /hooks/${name}: must be {"workflow": "<name>", "trigger": "<name>"}, got ${JSON.stringify(target)}`);
    }
    hooks[name] = { workflow: t.workflow, trigger: t.trigger };
  }
  return hooks;
}
