/**
 * The blob trigger's `poll`, called directly as the trigger host calls it (state carried from one
 * poll to the next), against Azurite and a temp folder.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { decodeFileId, encodeFileId } from '../../connectors/blob/blob-metadata.js';
import { apiConnectionBlobTrigger, blobTriggers, serviceProviderBlobTrigger, sluiceBlobTrigger } from '../../connectors/blob/blob-trigger.js';
import { openDatastore, type Datastore } from '../../connectors/blob/datastore.js';
import { defaultConfig, type SluiceConfig } from '../../engine/config.js';
import type { Value, ValueObject } from '../../engine/expressions/value.js';
import type { PollResult, PollingTriggerDescriptor } from '../../engine/triggers/descriptor.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';

type Node = Record<string, unknown>;

interface Shape {
  label: string;
  descriptor: PollingTriggerDescriptor;
  /** The trigger as written, and its inputs as the host evaluates them. */
  make(container: string, folder: string, maxFileCount: number): { node: Node; inputs: Value };
}

const SHAPES: Shape[] = [
  {
    label: 'SluiceBlobAddedOrModified',
    descriptor: sluiceBlobTrigger,
    make: (container, folder, maxFileCount) => {
      const inputs = { connection: 'store', container, folderPath: folder, maxFileCount };
      return { node: { type: 'SluiceBlobAddedOrModified', inputs }, inputs };
    },
  },
  {
    label: 'ApiConnection V2 (designer folder id)',
    descriptor: apiConnectionBlobTrigger,
    make: (container, folder, maxFileCount) => {
      const folderId = encodeFileId(`/${container}/${folder}`);
      const queries = { folderId, maxFileCount, checkBothCreatedAndModifiedDateTime: false };
      const node = {
        type: 'ApiConnection',
        inputs: {
          host: { connection: { name: "@parameters('$connections')['store']['connectionId']" } },
          method: 'get',
          path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('devstoreaccount1'))}/triggers/batch/onupdatedfile",
          queries,
        },
        recurrence: { frequency: 'Minute', interval: 3 },
        splitOn: '@triggerBody()',
        metadata: { [folderId]: `/${container}/${folder}` },
      };
      const inputs = {
        host: { connection: { name: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Web/connections/store' } },
        method: 'get',
        path: '/v2/datasets/devstoreaccount1/triggers/batch/onupdatedfile',
        queries,
      };
      return { node, inputs };
    },
  },
  {
    label: 'ApiConnection V1 (plain folder path)',
    descriptor: apiConnectionBlobTrigger,
    make: (container, folder, maxFileCount) => {
      const inputs = {
        host: { connection: { referenceName: 'store' } },
        method: 'get',
        path: '/datasets/default/triggers/batch/onupdatedfile',
        queries: { folderId: `/${container}/${folder}`, maxFileCount: String(maxFileCount) },
      };
      return { node: { type: 'ApiConnection', inputs }, inputs };
    },
  },
  {
    label: 'ServiceProvider',
    descriptor: serviceProviderBlobTrigger,
    make: (container, folder) => {
      const inputs = {
        parameters: { path: `${container}/${folder}/{name}` },
        serviceProviderConfiguration: { connectionName: 'store', operationId: 'whenABlobIsAddedOrModified', serviceProviderId: '/serviceProviders/AzureBlob' },
      };
      return { node: { type: 'ServiceProvider', inputs }, inputs };
    },
  },
];

interface Backend {
  label: string;
  config: SluiceConfig;
  dropContainer(container: string): Promise<void>;
}

/** Polls like the trigger host: carries `state` forward, keeps it on failure. */
class Poller {
  state: Value | undefined;
  constructor(
    private readonly shape: Shape,
    private readonly config: SluiceConfig,
    private readonly target: { node: Node; inputs: Value },
  ) {}

  async poll(): Promise<PollResult> {
    const result = await this.shape.descriptor.poll({
      workflowName: 'wf',
      triggerName: 'When_a_blob_is_added_or_modified',
      node: this.target.node,
      inputs: this.target.inputs,
      state: this.state,
      now: new Date().toISOString(),
      config: this.config,
      signal: new AbortController().signal,
    });
    if (result.status !== 'failed' && result.state !== undefined) this.state = result.state;
    return result;
  }
}

function fired(result: PollResult): ValueObject[] {
  assert.equal(result.status, 'fired', `expected a firing poll, got ${JSON.stringify(result)}`);
  if (result.status !== 'fired') return [];
  assert.deepEqual(result.outputs.headers, {});
  assert.ok(Array.isArray(result.outputs.body));
  return result.outputs.body as ValueObject[];
}

function names(result: PollResult): string[] {
  return fired(result).map((b) => String(b['Name']));
}

describe('blob trigger poll', function () {
  let azurite: Azurite;
  let dir: string;
  let counter = 0;
  const backends: Backend[] = [];

  before(async () => {
    azurite = await startAzurite();
    dir = mkdtempSync(join(tmpdir(), 'sluice-blob-poll-'));
    const azure = defaultConfig();
    azure.connections = { store: { connectionString: azurite.connectionString } };
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    backends.push({ label: 'Azurite', config: azure, dropContainer: async (c) => void (await service.getContainerClient(c).delete()) });
    const folder = defaultConfig();
    folder.connections = { store: { path: dir } };
    backends.push({ label: 'local folder', config: folder, dropContainer: async (c) => rmSync(join(dir, c), { recursive: true, force: true }) });
  });
  after(async () => {
    await azurite?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const backendLabel of ['Azurite', 'local folder']) {
    describe(backendLabel, () => {
      let backend: Backend;
      let container: string;
      let store: Datastore;
      beforeEach(async () => {
        backend = backends.find((b) => b.label === backendLabel)!;
        container = `watch${++counter}`;
        store = openDatastore('store', backend.config, { container });
        await store.ensureContainer();
      });

      const burst = async (): Promise<string[]> => {
        const written = Array.from({ length: 25 }, (_, i) => `file-${String(i).padStart(2, '0')}.csv`);
        await Promise.all(written.map((n) => store.write(`in/${n}`, `row,${n}\n`)));
        return written;
      };

      it('fires a burst of 25 as 10 + 10 + 5, then nothing; modified blobs once; deletions and subfolders never', async () => {
        const poller = new Poller(SHAPES[0]!, backend.config, SHAPES[0]!.make(container, 'in', 10));
        const first = await poller.poll();
        assert.equal(first.status, 'skipped');
        const written = await burst();
        const batches: string[][] = [];
        for (let i = 0; i < 3; i++) {
          const result = await poller.poll();
          batches.push(names(result));
          assert.equal(result.status === 'fired' && result.morePending === true, i < 2, `morePending after poll ${i + 1}`);
        }
        assert.deepEqual(batches.map((b) => b.length), [10, 10, 5]);
        assert.deepEqual(batches.flat().sort(), written, 'every blob exactly once');
        const quiet = await poller.poll();
        assert.equal(quiet.status, 'skipped');
        assert.match(quiet.status === 'skipped' ? quiet.reason : '', new RegExp(`no blob added or modified in /${container}/in`));

        for (const n of ['file-03.csv', 'file-11.csv', 'file-20.csv']) await store.write(`in/${n}`, 'changed\n');
        assert.deepEqual(names(await poller.poll()).sort(), ['file-03.csv', 'file-11.csv', 'file-20.csv']);
        assert.equal((await poller.poll()).status, 'skipped');

        assert.equal(await store.delete('in/file-00.csv'), true);
        assert.equal(await store.delete('in/file-01.csv'), true);
        assert.equal((await poller.poll()).status, 'skipped', 'deletions fire nothing');

        await store.write('in/sub/nested.csv', 'deeper\n');
        await store.write('elsewhere.csv', 'not in the folder\n');
        assert.equal((await poller.poll()).status, 'skipped', 'subfolders and other folders fire nothing');

        await store.write('in/file-00.csv', 'back again\n');
        assert.deepEqual(names(await poller.poll()), ['file-00.csv'], 'a re-created blob fires again');
      });

      it('returns BlobMetadata as the Logic Apps connector does', async () => {
        await store.write('in/report 1.csv', 'a,b\n1,2\n');
        const poller = new Poller(SHAPES[0]!, backend.config, SHAPES[0]!.make(container, 'in', 10));
        const [blob] = fired(await poller.poll());
        assert.ok(blob);
        assert.deepEqual(Object.keys(blob), ['Id', 'Name', 'DisplayName', 'Path', 'LastModified', 'Size', 'MediaType', 'IsFolder', 'ETag', 'FileLocator', 'LastModifiedBy']);
        assert.equal(blob['Name'], 'report 1.csv');
        assert.equal(blob['DisplayName'], 'report 1.csv');
        assert.equal(blob['Path'], `/${container}/in/report 1.csv`);
        assert.equal(blob['Size'], 8);
        assert.equal(blob['MediaType'], 'text/csv');
        assert.equal(blob['IsFolder'], false);
        assert.equal(blob['LastModifiedBy'], null);
        assert.match(String(blob['LastModified']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.match(String(blob['ETag']), /^"0x[0-9A-F]+"$/);
        assert.equal(blob['FileLocator'], blob['Id']);
        assert.equal(Buffer.from(String(blob['Id']), 'base64').toString(), `%2f${container}%2fin%2freport+1.csv`);
        assert.equal(decodeFileId(String(blob['Id'])), blob['Path']);
      });

      it('gives the same result for every definition shape', async () => {
        await burst();
        const sequences: unknown[][] = [];
        for (const shape of SHAPES) {
          const poller = new Poller(shape, backend.config, shape.make(container, 'in', 10));
          const results: unknown[] = [];
          for (let i = 0; i < 4; i++) results.push(await poller.poll());
          sequences.push(results);
        }
        assert.deepEqual(sequences[0]!.map((r) => (r as PollResult).status), ['fired', 'fired', 'fired', 'skipped']);
        for (let i = 1; i < sequences.length; i++) assert.deepEqual(sequences[i], sequences[0], `${SHAPES[i]!.label} vs ${SHAPES[0]!.label}`);
      });

      it('fails with a clear message when the container vanishes, and keeps its watermark', async () => {
        await store.write('in/a.txt', 'a');
        const poller = new Poller(SHAPES[0]!, backend.config, SHAPES[0]!.make(container, 'in', 10));
        assert.deepEqual(names(await poller.poll()), ['a.txt']);
        const kept = poller.state;
        await backend.dropContainer(container);
        const result = await poller.poll();
        assert.equal(result.status, 'failed');
        assert.equal(result.status === 'failed' ? result.error.code : '', 'NotFound');
        assert.match(result.status === 'failed' ? result.error.message : '', new RegExp(`container '${container}' does not exist`));
        assert.deepEqual(poller.state, kept);
      });
    });
  }

  it('fails clearly for an unknown connection, unreachable storage and unusable inputs', async () => {
    const config = defaultConfig();
    config.connections = { store: { connectionString: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;' } };
    const cases: Array<[Node, string, RegExp]> = [
      [{ type: 'SluiceBlobAddedOrModified', inputs: { connection: 'nope', container: 'c' } }, 'ConnectionNotFound', /no connection named 'nope'/],
      [{ type: 'SluiceBlobAddedOrModified', inputs: { connection: 'store', container: 'c' } }, 'StorageUnavailable', /storage unreachable/],
      [{ type: 'SluiceBlobAddedOrModified', inputs: { connection: 'store', container: 'c', maxFileCount: 101 } }, 'InvalidArgument', /maxFileCount must be an integer from 1 to 100/],
      [{ type: 'SluiceBlobAddedOrModified', inputs: { container: 'c' } }, 'InvalidArgument', /exactly one of 'connection' and 'datastore'/],
      [SHAPES[3]!.make('c', 'x', 10).node, 'StorageUnavailable', /storage unreachable/],
      [
        { type: 'ServiceProvider', inputs: { parameters: { path: 'c/{name}.csv' }, serviceProviderConfiguration: { connectionName: 'store', operationId: 'whenABlobIsAddedOrModified', serviceProviderId: '/serviceProviders/AzureBlob' } } },
        'InvalidArgument',
        /only a trailing '\{name\}'/,
      ],
    ];
    for (const [node, code, message] of cases) {
      const descriptor = blobTriggers.find((d) => (d.matches ? d.matches(node) : d.type === node['type']))!;
      const result = await new Poller({ label: '', descriptor, make: () => ({ node, inputs: node['inputs'] as Value }) }, config, { node, inputs: node['inputs'] as Value }).poll();
      assert.equal(result.status, 'failed', JSON.stringify(node));
      if (result.status !== 'failed') continue;
      assert.equal(result.error.code, code, result.error.message);
      assert.match(result.error.message, message);
    }
  });
});
