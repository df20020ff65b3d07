/**
 * The composition root: configuration → store → identity → connector registry → engine → trigger
 * host → API. The only place that knows every part; each part receives what it needs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { actionTypes, pollingTriggers, registrySupport, triggerTypes } from '../connectors/index.js';
import { createHttpAction } from '../connectors/http/http-action.js';
import { createHttpPollingTrigger } from '../connectors/http/http-trigger.js';
import { PrincipalDirectory } from './identity/principals.js';
import { RoleAssignments } from './identity/role-assignments.js';
import { TokenVerifier } from './identity/verifier.js';
import { createPipelineParts, DEFAULT_WORKSPACE, type PipelineParts } from './pipelines/wiring.js';
import { responseAction } from './actions/response.js';
import { workflowAction } from './actions/workflow-action.js';
import { startServer, type RunningServer } from './api/server.js';
import type { SluiceConfig } from './config.js';
import { createTokenProvider } from './identity/platform-identity.js';
import { TokenService } from './identity/token-service.js';
import { SystemClock, type Clock } from './runtime/clock.js';
import { startEmbeddedAzurite, type EmbeddedAzurite } from './runtime/embedded-azurite.js';
import { createEngine, type Engine } from './runtime/engine.js';
import { TriggerHost } from './runtime/trigger-host.js';
import { SqliteStore } from './store/sqlite-store.js';

export interface StartOptions {
  config: SluiceConfig;
  /** Folder of workflow definitions saved at start when no workflow of that name exists. */
  examples?: string;
  clock?: Clock;
  /**
   * Start Azurite for datastores whose `azureblob` connection has no connection string.
   * @default true
   */
  embeddedAzurite?: boolean;
}

export interface RunningSluice {
  readonly url: string;
  readonly engine: Engine;
  readonly store: SqliteStore;
  /** The secret local processes send as `X-IDENTITY-HEADER` to get managed-identity tokens. */
  readonly identityHeader: string;
  readonly pipelines: PipelineParts;
  stop(): Promise<void>;
}

/** A port to listen on: the configured one, or a free one picked now (the token issuer needs it up front). */
async function choosePort(host: string, port: number): Promise<number> {
  if (port !== 0) return port;
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const chosen = (probe.address() as { port: number }).port;
      probe.close(() => resolve(chosen));
    });
  });
}

/** The identity header secret, kept in the data folder so local tools can read it. */
function identityHeaderOf(dataDir: string): string {
  const file = join(dataDir, 'identity-header');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Whether a datastore needs the `azureblob` connection and nobody configured it. */
function needsEmbeddedAzurite(config: SluiceConfig): boolean {
  const usesBlob = Object.values(config.datastores).some((d) => d.kind === 'azureblob' && (d.connection ?? 'azureblob') === 'azureblob');
  return usesBlob && config.connections['azureblob']?.connectionString === undefined;
}

export async function startSluice(options: StartOptions): Promise<RunningSluice> {
  let config = options.config;
  const clock = options.clock ?? new SystemClock();
  mkdirSync(config.dataDir, { recursive: true });
  let azurite: EmbeddedAzurite | undefined;
  if (options.embeddedAzurite !== false && needsEmbeddedAzurite(config)) {
    azurite = await startEmbeddedAzurite(config.dataDir);
    config = { ...config, connections: { ...config.connections, azureblob: { ...config.connections['azureblob'], connectionString: azurite.connectionString } } };
  }
  const port = await choosePort(config.host, config.port);
  const baseUrl = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const store = new SqliteStore({ path: join(config.dataDir, 'sluice.db') });
  const tokenService = new TokenService({ issuer: config.identity.issuer ?? baseUrl, keyFile: join(config.dataDir, 'identity-key.json'), clock });
  const directory = new PrincipalDirectory(tokenService.tenantId);
  const tokens = createTokenProvider({ service: tokenService, directory, clock });
  const http = createHttpAction({ tokens });
  const identityHeader = identityHeaderOf(config.dataDir);
  const engine = createEngine({
    store,
    clock,
    retentionDays: config.retentionDays,
    support: registrySupport(),
    effects: [http, responseAction, workflowAction],
  });
  // Each workflow's system-assigned identity is known to the token endpoint by its principal id.
  for (const workflow of store.listWorkflows()) directory.registerWorkflow(workflow.name);
  engine.onWorkflowChange((change) => {
    if (change.kind === 'saved') directory.registerWorkflow(change.name);
  });
  const triggers = pollingTriggers.map((t) => (t.type === 'Http' ? createHttpPollingTrigger(http) : t));
  const host = new TriggerHost({ engine, store, clock, config, triggers });
  const pipelines = createPipelineParts({ db: store.db, config, clock, baseUrl });
  const roles = new RoleAssignments({ db: store.db });
  const verifier = new TokenVerifier({ jwks: tokenService.jwks(), issuer: tokenService.issuer, clock });
  let server: RunningServer | undefined;
  try {
    await engine.start();
    if (azurite !== undefined) await createContainers(pipelines, config);
    await pipelines.start();
    if (options.examples !== undefined) {
      await loadExamplePipelines(pipelines, join(options.examples, 'pipelines'));
      loadExamples(engine, options.examples);
    }
    host.start();
    server = await startServer({
      host: config.host,
      port,
      engine,
      store,
      baseUrl,
      hooks: config.hooks,
      identity: { tokens, tokenService, identityHeader },
      connectors: { actions: actionTypes, triggers: triggerTypes },
      pipelines: {
        runner: pipelines.runner,
        publishing: pipelines.publishing,
        verifier,
        roles,
        datastores: pipelines.datastores,
        principals: directory,
        workspace: DEFAULT_WORKSPACE,
      },
      schedules: { service: pipelines.schedules, host: pipelines.scheduleHost },
    });
  } catch (err) {
    await host.stop();
    await pipelines.stop();
    await engine.stop();
    store.close();
    await azurite?.stop();
    throw err;
  }
  const running = server;
  return {
    url: running.url,
    engine,
    store,
    identityHeader,
    pipelines,
    stop: async () => {
      await running.close();
      await host.stop();
      await pipelines.stop();
      await engine.stop();
      store.close();
      await azurite?.stop();
    },
  };
}

/** The embedded storage starts empty: create the containers of its blob datastores. */
async function createContainers(pipelines: PipelineParts, config: SluiceConfig): Promise<void> {
  for (const [name, datastore] of Object.entries(config.datastores)) {
    if (datastore.kind !== 'azureblob') continue;
    try {
      await pipelines.datastores.open(name).ensureContainer();
    } catch (err) {
      process.stderr.write(`sluice: datastore ${name}: ${(err as Error).message}\n`);
    }
  }
}

/**
 * Publishes each `<folder>/<name>/pipeline.json` (with its folder as the source) under a pipeline
 * endpoint of the same name, unless a pipeline of that name is published already: the seed workflow
 * reaches `seed-score` through its endpoint's stable URL.
 */
async function loadExamplePipelines(pipelines: PipelineParts, folder: string): Promise<void> {
  if (!existsSync(folder)) return;
  const published = new Set(pipelines.publishing.list().map((p) => p.name));
  for (const name of readdirSync(folder).sort()) {
    const file = join(folder, name, 'pipeline.json');
    if (!existsSync(file)) continue;
    try {
      const definition = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (published.has(definition.name ?? name)) continue;
      const pipeline = await pipelines.publishing.publish({ definition, sourceRoot: join(folder, name) });
      pipelines.publishing.createEndpoint({ name: pipeline.name, pipelineId: pipeline.id });
    } catch (err) {
      process.stderr.write(`sluice: example pipeline ${name} not published: ${(err as Error).message}\n`);
    }
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
