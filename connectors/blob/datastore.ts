/**
 * A datastore is one blob container (or one local folder standing in for one): the blob trigger
 * lists it, actions and pipelines read and write it. Two kinds share the interface — a local folder
 * and Azure Blob Storage — and `openDatastore` finds either by name in `sluice.config.json`.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { SluiceConfig } from '../../engine/config.js';
import { DefinitionError } from '../../engine/errors.js';
import { AzureBlobDatastore } from './azure-blob-datastore.js';
import { FolderDatastore } from './folder-datastore.js';

export interface BlobEntry {
  /** The blob's own name (last path segment). */
  name: string;
  /** The blob's path inside the container: `folder/file.csv`. */
  path: string;
  size: number;
  /** ISO 8601, UTC. */
  lastModified: string;
  /** Quoted, as HTTP and Azure write it: `"0x8D7B976C3E20740"`. Changes with every write. */
  etag: string;
  contentType: string;
  createdOn?: string;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Stop listing after this many entries (the caller detects "too many" by getting limit entries). */
  limit?: number;
}

export interface OperationOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends OperationOptions {
  /** Defaults to the type the file's extension suggests. */
  contentType?: string;
}

export interface Datastore {
  readonly kind: 'folder' | 'azureblob';
  /** The container's name as it appears in blob paths (`/container/folder/file.csv`). */
  readonly container: string;
  /**
   * The blobs directly inside `folder` ("" = the container's top level), oldest first. Blobs in
   * subfolders are not listed — as Logic Apps' blob trigger, which watches one folder level.
   * A missing container fails with `NotFound`, unreachable storage with `StorageUnavailable`.
   */
  list(folder: string, options?: ListOptions): Promise<BlobEntry[]>;
  /**
   * The blob named `path` itself, if there is one, and every blob below `path/` at any depth
   * ("" = the whole container), sorted by path. Pipelines use it to read folder inputs and to see
   * whether earlier outputs still exist. A missing container lists nothing.
   */
  listRecursive(path: string, options?: ListOptions): Promise<BlobEntry[]>;
  read(path: string, options?: OperationOptions): Promise<Buffer>;
  /** Creates or replaces the blob (intermediate folders are implied). */
  write(path: string, data: Buffer | string, options?: WriteOptions): Promise<void>;
  /** Whether there was something to delete. */
  delete(path: string, options?: OperationOptions): Promise<boolean>;
  /** Creates the container (or folder) when it does not exist yet. */
  ensureContainer(options?: OperationOptions): Promise<void>;
}

/** A name to resolve: a datastore, a connection, or either (datastores first). */
export type DatastoreRef = string | { datastore: string } | { connection: string };

export interface OpenDatastoreOptions {
  /** The container inside a connection; a datastore already names its own. */
  container?: string;
}

/**
 * Resolves a datastore or connection name from the configuration. A connection is a storage
 * account (`connectionString`) or, as a Sluice extension, a local folder (`path`) whose
 * subfolders are its containers; a datastore is one container of a connection or one folder.
 * Nothing is contacted here: unreachable storage shows when the datastore is used.
 */
export function openDatastore(ref: DatastoreRef, config: SluiceConfig, options: OpenDatastoreOptions = {}): Datastore {
  const wanted = typeof ref === 'string' ? { name: ref, datastore: true, connection: true } : 'datastore' in ref
    ? { name: ref.datastore, datastore: true, connection: false }
    : { name: ref.connection, datastore: false, connection: true };
  if (wanted.datastore && Object.prototype.hasOwnProperty.call(config.datastores, wanted.name)) {
    return fromDatastoreConfig(wanted.name, config, options);
  }
  if (wanted.connection && Object.prototype.hasOwnProperty.call(config.connections, wanted.name)) {
    return fromConnection(wanted.name, config, requireContainer(wanted.name, options.container));
  }
  const what = wanted.datastore && wanted.connection ? 'connection or datastore' : wanted.datastore ? 'datastore' : 'connection';
  const known = [...(wanted.connection ? Object.keys(config.connections) : []), ...(wanted.datastore ? Object.keys(config.datastores) : [])];
  throw new DefinitionError(
    'ConnectionNotFound',
    `no ${what} named '${wanted.name}' in the configuration (sluice.config.json)` + (known.length ? `; configured: ${known.join(', ')}` : ''),
  );
}

function fromDatastoreConfig(name: string, config: SluiceConfig, options: OpenDatastoreOptions): Datastore {
  const store = config.datastores[name]!;
  if (store.kind === 'folder') {
    if (typeof store.path !== 'string' || store.path === '') {
      throw new DefinitionError('ConnectionNotFound', `datastore '${name}' (kind folder) has no 'path'`);
    }
    checkSameContainer(name, name, options.container);
    return new FolderDatastore(resolve(store.path), name);
  }
  if (store.kind === 'azureblob') {
    const connection = store.connection ?? 'azureblob';
    if (typeof store.container !== 'string' || store.container === '') {
      throw new DefinitionError('ConnectionNotFound', `datastore '${name}' (kind azureblob) has no 'container'`);
    }
    checkSameContainer(name, store.container, options.container);
    if (!Object.prototype.hasOwnProperty.call(config.connections, connection)) {
      throw new DefinitionError('ConnectionNotFound', `datastore '${name}' uses connection '${connection}', which is not in the configuration (sluice.config.json)`);
    }
    return fromConnection(connection, config, store.container);
  }
  throw new DefinitionError('ConnectionNotFound', `datastore '${name}' has an unknown kind '${String((store as { kind: unknown }).kind)}'`);
}

function fromConnection(name: string, config: SluiceConfig, container: string): Datastore {
  const connection = config.connections[name]!;
  if (typeof connection.connectionString === 'string' && connection.connectionString !== '') {
    return new AzureBlobDatastore(connection.connectionString, container);
  }
  const path = connection['path'];
  if (typeof path === 'string' && path !== '') {
    const root = isAbsolute(path) ? path : resolve(path);
    return new FolderDatastore(join(root, folderContainer(container)), container);
  }
  throw new DefinitionError('ConnectionNotFound', `connection '${name}' has neither a 'connectionString' (Azure Storage) nor a 'path' (local folder)`);
}

function requireContainer(connection: string, container: string | undefined): string {
  if (container === undefined || container === '') {
    throw new DefinitionError('InvalidArgument', `connection '${connection}' is a storage account: say which container`);
  }
  return container;
}

function checkSameContainer(datastore: string, own: string, asked: string | undefined): void {
  if (asked !== undefined && asked !== '' && asked !== own) {
    throw new DefinitionError('InvalidArgument', `datastore '${datastore}' is container '${own}', not '${asked}': give a folder path inside it instead`);
  }
}

/** A container of a folder connection is one subfolder: never a path. */
function folderContainer(container: string): string {
  if (/[\\/]/.test(container) || container === '.' || container === '..') {
    throw new DefinitionError('InvalidArgument', `container name '${container}' must be a single name`);
  }
  return container;
}
