/**
 * The real pipeline API stack on loopback for tests: SQLite in a temp folder, the publishing
 * service, Sluice's token service and verifier, role assignments in the store, a folder datastore
 * `files`, and the given runner (the test decides which).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../engine/api/server.js';
import { defaultConfig, type SluiceConfig } from '../../engine/config.js';
import { PrincipalDirectory } from '../../engine/identity/principals.js';
import { RoleAssignments } from '../../engine/identity/role-assignments.js';
import { TokenService } from '../../engine/identity/token-service.js';
import { TokenVerifier } from '../../engine/identity/verifier.js';
import { configDatastores } from '../../engine/pipelines/datastore-catalog.js';
import { PipelinePublishing, type PipelineToolkit } from '../../engine/pipelines/publishing.js';
import { PublishingStore } from '../../engine/pipelines/publishing-store.js';
import type { PipelineRunner } from '../../engine/pipelines/runner-types.js';
import { createEngine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';

export const ISSUER = 'https://sluice.test/';
export const WORKSPACE = 'ws';

export interface PipelineServer {
  url: string;
  dir: string;
  /** Root of the folder datastore `files`. */
  filesRoot: string;
  config: SluiceConfig;
  store: SqliteStore;
  tokens: TokenService;
  /** The signing key of `tokens`: another TokenService on it signs tokens the server trusts. */
  keyFile: string;
  principals: PrincipalDirectory;
  roles: RoleAssignments;
  publishing: PipelinePublishing;
  close(): Promise<void>;
}

export async function startPipelineServer(makeRunner: (ctx: { store: SqliteStore; config: SluiceConfig; dir: string }) => PipelineRunner, tools?: PipelineToolkit): Promise<PipelineServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-pipelines-'));
  const filesRoot = join(dir, 'files');
  mkdirSync(filesRoot, { recursive: true });
  const config: SluiceConfig = { ...defaultConfig(), dataDir: join(dir, 'data'), datastores: { files: { kind: 'folder', path: filesRoot } } };
  const store = new SqliteStore({ path: join(dir, 'sluice.db') });
  const engine = createEngine({ store });
  await engine.start();
  const keyFile = join(dir, 'identity-key.json');
  const tokens = new TokenService({ issuer: ISSUER, keyFile });
  const principals = new PrincipalDirectory(tokens.tenantId);
  const roles = new RoleAssignments({ db: store.db });
  const runner = makeRunner({ store, config, dir });
  await runner.start();
  const datastores = configDatastores(config);
  let base = '';
  const publishing = new PipelinePublishing({
    store: new PublishingStore(store.db),
    runner,
    dataDir: config.dataDir,
    datastoreNames: () => datastores.names(),
    endpointUrl: (id) => `${base}pipelines/v1.0/workspaces/${WORKSPACE}/PipelineRuns/PipelineSubmit/${id}`,
    ...(tools === undefined ? {} : { tools }),
  });
  const verifier = new TokenVerifier({ jwks: tokens.jwks(), issuer: ISSUER });
  const server = await startServer({ host: '127.0.0.1', port: 0, engine, store, pipelines: { runner, publishing, verifier, roles, datastores, principals, workspace: WORKSPACE } });
  base = server.url;
  return {
    url: server.url,
    dir,
    filesRoot,
    config,
    store,
    tokens,
    keyFile,
    principals,
    roles,
    publishing,
    close: async () => {
      await server.close();
      await runner.stop();
      await engine.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
