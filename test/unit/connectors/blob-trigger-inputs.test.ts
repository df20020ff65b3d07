/**
 * The three blob trigger definition shapes reduce to one set of inputs; the BlobMetadata ids; the
 * ETag watermark's arithmetic.
 */
import assert from 'node:assert/strict';
import { decodeFileId, encodeFileId, toBlobMetadata } from '../../../connectors/blob/blob-metadata.js';
import { blobTriggerShape, normalizeBlobTriggerInputs } from '../../../connectors/blob/blob-trigger-inputs.js';
import { advanceWatermark, readWatermark } from '../../../connectors/blob/blob-watermark.js';
import type { BlobEntry } from '../../../connectors/blob/datastore.js';
import { SluiceError } from '../../../engine/errors.js';
import type { Value } from '../../../engine/expressions/value.js';

type Node = Record<string, unknown>;

function apiConnection(path: string, queries: Record<string, Value>, extra: Node = {}): Node {
  return {
    type: 'ApiConnection',
    inputs: { host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } }, method: 'get', path, queries },
    ...extra,
  };
}

function normalize(node: Node): ReturnType<typeof normalizeBlobTriggerInputs> {
  return normalizeBlobTriggerInputs(node, node['inputs'] as Value);
}

describe('blob trigger inputs', () => {
  it('reads the managed connector V2 shape with the designer folder id', () => {
    const node = apiConnection(
      "/v2/datasets/@{encodeURIComponent(encodeURIComponent('mystorageacct'))}/triggers/batch/onupdatedfile",
      { folderId: 'JTJmZG9jdW1lbnRz', maxFileCount: 25, checkBothCreatedAndModifiedDateTime: true },
      { metadata: { JTJmZG9jdW1lbnRz: '/documents' } },
    );
    assert.equal(blobTriggerShape(node), 'apiConnection');
    const inputs = normalizeBlobTriggerInputs(node, {
      ...(node['inputs'] as Record<string, Value>),
      path: '/v2/datasets/https%253A%252F%252Facct.blob.core.windows.net/triggers/batch/onupdatedfile',
    });
    assert.deepEqual(inputs, {
      connection: { connection: 'azureblob' },
      container: 'documents',
      folderPath: '',
      maxFileCount: 25,
      checkBothCreatedAndModifiedDateTime: true,
      dataset: 'https://acct.blob.core.windows.net',
    });
  });

  it('reads V1 folder ids as plain paths, plain names and metadata keys, and defaults maxFileCount to 10', () => {
    const v1 = '/datasets/default/triggers/batch/onupdatedfile';
    assert.deepEqual(normalize(apiConnection(v1, { folderId: '/incoming/2024/' })), {
      connection: { connection: 'azureblob' },
      container: 'incoming',
      folderPath: '2024',
      maxFileCount: 10,
      checkBothCreatedAndModifiedDateTime: false,
    });
    assert.equal(normalize(apiConnection(v1, { folderId: 'source-documents' })).container, 'source-documents');
    const opaque = apiConnection(v1, { folderId: 'opaque-id' }, { metadata: { 'opaque-id': '/box/in' } });
    assert.deepEqual([normalize(opaque).container, normalize(opaque).folderPath], ['box', 'in']);
    assert.equal(normalize(apiConnection(v1, { folderId: encodeFileId('/a b/c+d') })).folderPath, 'c+d');
  });

  it('takes the connection from referenceName (Standard) and from an evaluated connection id', () => {
    const node: Node = { type: 'ApiConnection', inputs: { host: { connection: { referenceName: 'blobs' } }, path: '/datasets/default/triggers/batch/onupdatedfile', queries: { folderId: '/c' } } };
    assert.deepEqual(normalize(node).connection, { connection: 'blobs' });
    const evaluated = { host: { connection: { name: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/connections/azureblob-2' } }, path: '/datasets/default/triggers/batch/onupdatedfile', queries: { folderId: '/c' } };
    assert.deepEqual(normalizeBlobTriggerInputs({ type: 'ApiConnection', inputs: evaluated }, evaluated).connection, { connection: 'azureblob-2' });
  });

  it('leaves other connectors and other operations alone', () => {
    const ftp: Node = { type: 'ApiConnection', inputs: { host: { connection: { name: "@parameters('$connections')['ftp']['connectionId']" } }, path: '/datasets/default/triggers/batch/onupdatedfile' } };
    assert.equal(blobTriggerShape(ftp), undefined);
    assert.equal(blobTriggerShape(apiConnection('/datasets/default/files', {})), undefined);
    assert.equal(blobTriggerShape({ type: 'ServiceProvider', inputs: { serviceProviderConfiguration: { serviceProviderId: '/serviceProviders/AzureBlob', operationId: 'readBlob' } } }), undefined);
    assert.equal(blobTriggerShape({ type: 'Recurrence' }), undefined);
  });

  it('reads the Standard built-in path with or without {name} and a folder', () => {
    const sp = (path: string): Node => ({
      type: 'ServiceProvider',
      inputs: { parameters: { path }, serviceProviderConfiguration: { connectionName: 'AzureBlob', operationId: 'whenABlobIsAddedOrModified', serviceProviderId: '/serviceProviders/AzureBlob' } },
    });
    for (const [path, container, folder] of [['orders/{name}', 'orders', ''], ['orders/in/{name}', 'orders', 'in'], ['lakehouse/data/', 'lakehouse', 'data'], ['kyriba-input', 'kyriba-input', '']]) {
      const inputs = normalize(sp(path!));
      assert.deepEqual([inputs.connection, inputs.container, inputs.folderPath, inputs.maxFileCount], [{ connection: 'AzureBlob' }, container, folder, 10], path);
    }
  });

  it('reads Sluice\'s own type with a connection or a datastore', () => {
    const own = (inputs: Record<string, Value>): Node => ({ type: 'SluiceBlobAddedOrModified', inputs });
    assert.deepEqual(normalize(own({ datastore: 'workspaceblobstore', folderPath: '/drop/', maxFileCount: '3' })), {
      connection: { datastore: 'workspaceblobstore' },
      folderPath: 'drop',
      maxFileCount: 3,
      checkBothCreatedAndModifiedDateTime: false,
    });
    assert.equal(normalize(own({ connection: 'azureblob', container: 'c' })).container, 'c');
  });

  it('says what is unusable', () => {
    const own = (inputs: Record<string, Value>): Node => ({ type: 'SluiceBlobAddedOrModified', inputs });
    const cases: Array<[Node, RegExp]> = [
      [own({ connection: 'a', datastore: 'b' }), /exactly one of 'connection' and 'datastore'/],
      [own({ connection: 'a' }), /container is required with connection 'a'/],
      [own({ datastore: 'a', maxFileCount: 0 }), /maxFileCount must be an integer from 1 to 100, got 0/],
      [own({ datastore: 'a', maxFileCount: 2.5 }), /maxFileCount must be an integer/],
      [own({ datastore: 'a', folderPath: '../up' }), /must not contain '\.' or '\.\.'/],
      [own({ datastore: 'a', checkBothCreatedAndModifiedDateTime: 'maybe' }), /must be true or false/],
      [apiConnection('/datasets/default/triggers/batch/onupdatedfile', {}), /queries\.folderId .* is required/],
      [apiConnection('/datasets/default/triggers/batch/onupdatedfile', { folderId: '/' }), /names no container/],
    ];
    for (const [node, message] of cases) {
      assert.throws(() => normalize(node), (err: SluiceError) => err.code === 'InvalidArgument' && message.test(err.message), message.source);
    }
  });
});

describe('BlobMetadata ids', () => {
  it('encode the path as the connector does (base64 of the lowercase URL-encoded path)', () => {
    assert.equal(encodeFileId('/simulations/postal_codes_oh.csv'), 'JTJmc2ltdWxhdGlvbnMlMmZwb3N0YWxfY29kZXNfb2guY3N2');
    assert.equal(encodeFileId('/folder/1.txt'), 'JTJmZm9sZGVyJTJmMS50eHQ=');
    assert.equal(decodeFileId('JTJmZG9jdW1lbnRz'), '/documents');
    assert.equal(decodeFileId(encodeFileId('/c/ünï cødé (1).txt')), '/c/ünï cødé (1).txt');
    assert.equal(decodeFileId('documents'), undefined);
  });

  it('write whole-second times and the container into the path', () => {
    const entry: BlobEntry = { name: 'a.csv', path: 'in/a.csv', size: 3, lastModified: '2024-07-03T04:18:13.789Z', etag: '"0x1"', contentType: 'text/csv' };
    const meta = toBlobMetadata('box', entry);
    assert.equal(meta.Path, '/box/in/a.csv');
    assert.equal(meta.LastModified, '2024-07-03T04:18:13Z');
  });
});

describe('blob watermark', () => {
  const entry = (name: string, etag: string, second: number): BlobEntry => ({
    name,
    path: name,
    size: 1,
    lastModified: new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString(),
    etag,
    contentType: 'text/plain',
  });

  it('fires changed blobs oldest first, at most maxFileCount, and remembers only those', () => {
    const listing = [entry('c', '1', 1), entry('a', '1', 2), entry('b', '1', 2)];
    const first = advanceWatermark(new Map(), listing, 2, 's');
    assert.deepEqual(first.fire.map((e) => e.name), ['c', 'a']);
    assert.equal(first.morePending, true);
    const second = advanceWatermark(readWatermark(first.state, 's'), listing, 2, 's');
    assert.deepEqual(second.fire.map((e) => e.name), ['b']);
    assert.equal(second.morePending, false);
    const third = advanceWatermark(readWatermark(second.state, 's'), listing, 2, 's');
    assert.deepEqual(third.fire, []);
  });

  it('forgets deleted names and ignores another folder\'s state', () => {
    const first = advanceWatermark(new Map(), [entry('a', '1', 1), entry('__proto__', '1', 1)], 10, 's');
    assert.deepEqual([...readWatermark(first.state, 's').keys()].sort(), ['__proto__', 'a']);
    const afterDelete = advanceWatermark(readWatermark(first.state, 's'), [entry('a', '1', 1)], 10, 's');
    assert.deepEqual(afterDelete.fire, []);
    assert.deepEqual([...readWatermark(afterDelete.state, 's').keys()], ['a']);
    assert.equal(readWatermark(first.state, 'other').size, 0);
  });
});
