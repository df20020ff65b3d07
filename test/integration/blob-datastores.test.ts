/**
 * Both datastore kinds against the real thing: a temp folder and Azurite on loopback.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatastore, type Datastore } from '../../connectors/blob/datastore.js';
import { defaultConfig, type SluiceConfig } from '../../engine/config.js';
import { SluiceError } from '../../engine/errors.js';
import { devConnectionString, startAzurite, type Azurite } from '../helpers/azurite.js';

interface Kind {
  label: string;
  open(container: string): Promise<Datastore>;
}

describe('blob datastores', function () {
  let azurite: Azurite;
  let dir: string;
  let config: SluiceConfig;
  let counter = 0;

  before(async () => {
    azurite = await startAzurite();
    dir = mkdtempSync(join(tmpdir(), 'sluice-datastores-'));
    config = defaultConfig();
    config.connections = { azureblob: { connectionString: azurite.connectionString }, localfiles: { path: dir } };
  });
  after(async () => {
    await azurite?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kinds: Kind[] = [
    { label: 'folder', open: async (c) => openDatastore({ connection: 'localfiles' }, config, { container: c }) },
    { label: 'azureblob', open: async (c) => openDatastore({ connection: 'azureblob' }, config, { container: c }) },
  ];

  for (const kind of kinds) {
    describe(kind.label, () => {
      let store: Datastore;
      beforeEach(async () => {
        store = await kind.open(`box${++counter}`);
        await store.ensureContainer();
      });

      it('lists the top level of a folder only, oldest first, with sizes, media types and ETags', async () => {
        await store.write('in/a.csv', 'x,y\n1,2\n');
        await store.write('in/b.json', '{"a":1}');
        await store.write('in/sub/deep.txt', 'not listed');
        await store.write('top.txt', 'top');
        const listed = await store.list('in');
        assert.deepEqual(listed.map((e) => e.name).sort(), ['a.csv', 'b.json']);
        const a = listed.find((e) => e.name === 'a.csv')!;
        assert.equal(a.path, 'in/a.csv');
        assert.equal(a.size, 8);
        assert.equal(a.contentType, 'text/csv');
        assert.match(a.etag, /^"0x[0-9A-F]+"$/);
        assert.ok(!Number.isNaN(Date.parse(a.lastModified)));
        assert.deepEqual((await store.list('/in/')).map((e) => e.name).sort(), ['a.csv', 'b.json'], 'slashes around the folder do not matter');
        assert.deepEqual((await store.list('')).map((e) => e.path), ['top.txt']);
        assert.deepEqual((await store.list('in/sub')).map((e) => e.name), ['deep.txt']);
        assert.deepEqual(await store.list('nothing/here'), []);
      });

      it('reads back what it wrote, and a rewrite changes the ETag', async () => {
        await store.write('f/data.bin', Buffer.from([0, 1, 2, 255]));
        assert.deepEqual([...(await store.read('f/data.bin'))], [0, 1, 2, 255]);
        const before = (await store.list('f'))[0]!;
        await store.write('f/data.bin', Buffer.from([0, 1, 2, 255]));
        const after = (await store.list('f'))[0]!;
        assert.notEqual(after.etag, before.etag);
      });

      it('deletes, and says whether there was something to delete', async () => {
        await store.write('d/x.txt', 'x');
        assert.equal(await store.delete('d/x.txt'), true);
        assert.equal(await store.delete('d/x.txt'), false);
        assert.deepEqual(await store.list('d'), []);
        await assert.rejects(store.read('d/x.txt'), (err: SluiceError) => err.code === 'NotFound');
      });

      it('lists a missing container as NotFound', async () => {
        const missing = await kind.open(`missing${++counter}`);
        await assert.rejects(missing.list(''), (err: SluiceError) => {
          assert.equal(err.code, 'NotFound');
          assert.match(err.message, /container 'missing\d+' does not exist/);
          return true;
        });
      });

      it('refuses paths that climb out of the container', async () => {
        await assert.rejects(store.read('../secret'), (err: SluiceError) => err.code === 'InvalidArgument');
      });
    });
  }

  it('resolves datastores by name (folder and azureblob) and connections by name', async () => {
    config.datastores = {
      files: { kind: 'folder', path: join(dir, 'files-store') },
      blobs: { kind: 'azureblob', connection: 'azureblob', container: 'blobs-store' },
    };
    const files = openDatastore('files', config);
    const blobs = openDatastore({ datastore: 'blobs' }, config);
    assert.equal(files.kind, 'folder');
    assert.equal(files.container, 'files');
    assert.equal(blobs.kind, 'azureblob');
    assert.equal(blobs.container, 'blobs-store');
    await blobs.ensureContainer();
    await blobs.write('one.txt', '1');
    assert.equal((await openDatastore('azureblob', config, { container: 'blobs-store' }).read('one.txt')).toString(), '1');
  });

  it('fails with ConnectionNotFound for unknown names and incomplete configuration', () => {
    const expectCode = (fn: () => unknown, code: string, pattern: RegExp): void =>
      assert.throws(fn, (err: SluiceError) => err.code === code && pattern.test(err.message));
    expectCode(() => openDatastore('nope', config), 'ConnectionNotFound', /no connection or datastore named 'nope'/);
    expectCode(() => openDatastore({ datastore: 'azureblob' }, config), 'ConnectionNotFound', /no datastore named 'azureblob'/);
    const bare = defaultConfig();
    expectCode(() => openDatastore('workspaceblobstore', bare), 'ConnectionNotFound', /uses connection 'azureblob', which is not in the configuration/);
    expectCode(() => openDatastore('azureblob', config), 'InvalidArgument', /say which container/);
  });

  it('fails with StorageUnavailable when the storage endpoint is unreachable', async () => {
    const port = await closedPort();
    const unreachable = defaultConfig();
    unreachable.connections = { azureblob: { connectionString: devConnectionString(`http://127.0.0.1:${port}/devstoreaccount1`) } };
    const store = openDatastore('azureblob', unreachable, { container: 'c' });
    await assert.rejects(store.list(''), (err: SluiceError) => {
      assert.equal(err.code, 'StorageUnavailable');
      assert.equal(err.retryable, true);
      assert.match(err.message, /storage unreachable/);
      assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      return true;
    });
  });
});

/** A loopback port nothing listens on (taken, then released). */
function closedPort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
