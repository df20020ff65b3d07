/**
 * End to end: blobs land in an Azurite container; the workflow's "when a blob is added or modified"
 * trigger (the Logic Apps managed-connector shape, poll size 10) fires one run per blob version
 * through the trigger host and the engine, across an engine restart in the middle.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { pollingTriggers } from '../../connectors/index.js';
import { defaultConfig, type SluiceConfig } from '../../engine/config.js';
import { SystemClock } from '../../engine/runtime/clock.js';
import { createEngine, type Engine } from '../../engine/runtime/engine.js';
import { TriggerHost } from '../../engine/runtime/trigger-host.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';

const definition = {
  parameters: { $connections: { type: 'Object', defaultValue: {} } },
  triggers: {
    When_a_blob_is_added_or_modified_properties_only: {
      type: 'ApiConnection',
      inputs: {
        host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } },
        method: 'get',
        path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('devstoreaccount1'))}/triggers/batch/onupdatedfile",
        queries: { folderId: '/landing', maxFileCount: 10 },
      },
      recurrence: { frequency: 'Second', interval: 1 },
      splitOn: '@triggerBody()',
    },
  },
  actions: { Name: { type: 'Compose', inputs: "@triggerBody()?['Name']" } },
};

interface Running {
  store: SqliteStore;
  engine: Engine;
  host: TriggerHost;
}

async function until(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('blob trigger through the trigger host and the engine (Azurite)', function () {
  this.timeout(90_000);
  let azurite: Azurite;
  let container: ContainerClient;
  let dir: string;
  let config: SluiceConfig;

  before(async function () {
    azurite = await startAzurite();
    container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('landing');
    await container.create();
    dir = mkdtempSync(join(tmpdir(), 'sluice-blob-e2e-'));
    config = { ...defaultConfig(), connections: { azureblob: { connectionString: azurite.connectionString } } };
  });

  after(async function () {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<Running> {
    const store = new SqliteStore({ path: join(dir, 'sluice.db') });
    const clock = new SystemClock();
    const engine = createEngine({ store, clock, retentionDays: 0 });
    await engine.start();
    const host = new TriggerHost({ engine, store, clock, config, triggers: pollingTriggers });
    host.start();
    return { store, engine, host };
  }

  async function stop(running: Running): Promise<void> {
    await running.host.stop();
    await running.engine.stop();
    running.store.close();
  }

  function names(store: SqliteStore): string[] {
    const runs = store.listRuns('landing-watch', { top: 250 }).value;
    return runs.map((run) => String(store.listActionRows(run.runId).find((row) => row.name === 'Name')?.outputs ?? '?'));
  }

  const upload = (name: string, text: string): Promise<unknown> => container.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));

  it('fires exactly once per added or modified blob, none for deletions or subfolders, across a restart', async function () {
    const files = Array.from({ length: 25 }, (_, i) => `file-${String(i + 1).padStart(3, '0')}.csv`);
    await Promise.all([...files.map((f) => upload(f, `v1 ${f}`)), upload('archive/old.csv', 'not watched')]);

    let running = await start();
    assert.ok(running.engine.saveWorkflow({ name: 'landing-watch', definition }).ok);
    await until('the first poll to fire', () => running.store.listRuns('landing-watch', { top: 250 }).value.length >= 10);
    await stop(running); // in the middle of the burst: 15 blobs are still to fire

    running = await start();
    await until('all 25 blobs to fire', () => names(running.store).length >= 25);
    await Promise.all([upload(files[0]!, 'v2'), upload(files[1]!, 'v2'), upload(files[2]!, 'v2')]);
    await Promise.all([container.deleteBlob(files[10]!), container.deleteBlob(files[11]!)]);
    await until('the 3 modified blobs to fire', () => names(running.store).length >= 28);
    // A few more polls: nothing else may fire (deletions, the subfolder, already-seen versions).
    const polls = running.store.listTriggerHistories('landing-watch', 'When_a_blob_is_added_or_modified_properties_only', { top: 250 }).value.length;
    await until('three more polls', () => running.store.listTriggerHistories('landing-watch', 'When_a_blob_is_added_or_modified_properties_only', { top: 250 }).value.length >= polls + 3);
    const fired = names(running.store);
    await until('runs to finish', () => running.store.listRuns('landing-watch', { top: 250 }).value.every((r) => r.status !== 'Running'));
    await stop(running);

    assert.equal(fired.length, 28, fired.join(' '));
    const counts = new Map<string, number>();
    for (const name of fired) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const [i, file] of files.entries()) assert.equal(counts.get(file), i < 3 ? 2 : 1, file);
    assert.equal(counts.get('old.csv'), undefined, 'the subfolder is not watched');
  });
});
