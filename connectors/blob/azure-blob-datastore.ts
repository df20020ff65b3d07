/**
 * One container of an Azure Storage account (or Azurite) through @azure/storage-blob.
 * Listing uses the `/` hierarchy with the folder as prefix, so blobs in virtual subfolders come
 * back as prefixes and are left out — the top level of the folder only, as Logic Apps.
 *
 * The SDK (some fifteen megabytes of heap with its core libraries) is imported when a datastore
 * is first used, not when Sluice starts or the datastore is opened: a server whose datastores are
 * local folders never loads it. A malformed connection string therefore fails at the first
 * operation, with the same error it failed with at opening before.
 */
import type { ContainerClient, RestError } from '@azure/storage-blob';
import { DefinitionError, SluiceError, TransientError } from '../../engine/errors.js';
import type { BlobEntry, Datastore, ListOptions, OperationOptions, WriteOptions } from './datastore.js';
import { baseName, byAge, guessMediaType, normalizeBlobPath, normalizeFolder } from './datastore-paths.js';

/**
 * The SDK's default (4 tries, exponential from 4 s) keeps a poll of unreachable storage busy for
 * half a minute; the trigger polls again on its recurrence anyway, so fail fast instead.
 */
const RETRY_OPTIONS = { maxTries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000, tryTimeoutInMs: 30_000 };

type StorageBlob = typeof import('@azure/storage-blob');

let sdkLoading: Promise<StorageBlob> | undefined;
let sdk: StorageBlob | undefined;

function loadSdk(): Promise<StorageBlob> {
  sdkLoading ??= import('@azure/storage-blob').then((module) => (sdk = module));
  return sdkLoading;
}

/** Whether `err` is the SDK's RestError; nothing the SDK threw exists before it is loaded. */
function isRestError(err: unknown): err is RestError {
  return sdk !== undefined && err instanceof sdk.RestError;
}

export class AzureBlobDatastore implements Datastore {
  readonly kind = 'azureblob' as const;
  private connected: Promise<ContainerClient> | undefined;
  /** The blob endpoint, for error messages; known once connected. */
  private endpoint: string | undefined;

  constructor(private readonly connectionString: string, readonly container: string) {}

  /** The container's client, made at the first operation (a bad connection string fails every one alike). */
  private client(): Promise<ContainerClient> {
    this.connected ??= loadSdk().then(({ BlobServiceClient }) => {
      let service;
      try {
        service = BlobServiceClient.fromConnectionString(this.connectionString, { retryOptions: RETRY_OPTIONS });
      } catch (err) {
        throw new DefinitionError('InvalidArgument', `invalid Azure Storage connection string: ${(err as Error).message}`, { cause: err });
      }
      this.endpoint = service.url;
      return service.getContainerClient(this.container);
    });
    return this.connected;
  }

  async list(folder: string, options: ListOptions = {}): Promise<BlobEntry[]> {
    const prefix = normalizeFolder(folder);
    const entries: BlobEntry[] = [];
    try {
      const client = await this.client();
      const items = client.listBlobsByHierarchy('/', { prefix: prefix === '' ? undefined : `${prefix}/`, abortSignal: options.signal });
      for await (const item of items) {
        if (item.kind === 'prefix' || item.name.endsWith('/')) continue;
        const p = item.properties;
        const entry: BlobEntry = {
          name: baseName(item.name),
          path: item.name,
          size: p.contentLength ?? 0,
          lastModified: p.lastModified.toISOString(),
          etag: quoted(p.etag),
          contentType: p.contentType || 'application/octet-stream',
        };
        if (p.createdOn !== undefined) entry.createdOn = p.createdOn.toISOString();
        entries.push(entry);
        if (options.limit !== undefined && entries.length >= options.limit) break;
      }
    } catch (err) {
      throw this.failure(err, `list '${prefix === '' ? '/' : prefix}'`);
    }
    return entries.sort(byAge);
  }

  async listRecursive(path: string, options: ListOptions = {}): Promise<BlobEntry[]> {
    const prefix = normalizeFolder(path);
    const entries: BlobEntry[] = [];
    try {
      // A flat listing by the bare prefix also returns `prefix-other`: keep the exact name and what is below it.
      const client = await this.client();
      for await (const item of client.listBlobsFlat({ prefix: prefix === '' ? undefined : prefix, abortSignal: options.signal })) {
        if (prefix !== '' && item.name !== prefix && !item.name.startsWith(`${prefix}/`)) continue;
        if (item.name.endsWith('/')) continue;
        entries.push(toBlobEntry(item.name, item.properties));
        if (options.limit !== undefined && entries.length >= options.limit) break;
      }
    } catch (err) {
      if (isRestError(err) && storageErrorCode(err) === 'ContainerNotFound') return [];
      throw this.failure(err, `list '${prefix === '' ? '/' : prefix}' recursively`);
    }
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async read(path: string, options: OperationOptions = {}): Promise<Buffer> {
    const blob = normalizeBlobPath(path);
    try {
      const client = await this.client();
      return await client.getBlobClient(blob).downloadToBuffer(0, undefined, { abortSignal: options.signal });
    } catch (err) {
      throw this.failure(err, `read '${blob}'`);
    }
  }

  async write(path: string, data: Buffer | string, options: WriteOptions = {}): Promise<void> {
    const blob = normalizeBlobPath(path);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    try {
      const client = await this.client();
      await client.getBlockBlobClient(blob).uploadData(bytes, {
        blobHTTPHeaders: { blobContentType: options.contentType ?? guessMediaType(blob) },
        abortSignal: options.signal,
      });
    } catch (err) {
      throw this.failure(err, `write '${blob}'`);
    }
  }

  async delete(path: string, options: OperationOptions = {}): Promise<boolean> {
    const blob = normalizeBlobPath(path);
    try {
      const client = await this.client();
      const result = await client.getBlobClient(blob).deleteIfExists({ abortSignal: options.signal });
      return result.succeeded;
    } catch (err) {
      throw this.failure(err, `delete '${blob}'`);
    }
  }

  async ensureContainer(options: OperationOptions = {}): Promise<void> {
    try {
      const client = await this.client();
      await client.createIfNotExists({ abortSignal: options.signal });
    } catch (err) {
      throw this.failure(err, 'create the container');
    }
  }

  /** Storage answers become typed errors: a missing container or blob is NotFound, the rest StorageUnavailable. */
  private failure(err: unknown, what: string): SluiceError {
    if (err instanceof SluiceError) return err;
    const where = `Azure Blob Storage${this.endpoint === undefined ? '' : ` ${this.endpoint}`}, container '${this.container}'`;
    if (isRestError(err) && err.statusCode !== undefined) {
      const storageCode = storageErrorCode(err);
      if (storageCode === 'ContainerNotFound') return new SluiceError('NotFound', `cannot ${what}: container '${this.container}' does not exist (${where})`, { cause: err });
      if (storageCode === 'BlobNotFound' || err.statusCode === 404) return new SluiceError('NotFound', `cannot ${what}: not found (${where})`, { cause: err });
      return new TransientError('StorageUnavailable', `cannot ${what}: storage answered ${err.statusCode} ${storageCode} (${where})`, { cause: err });
    }
    const message = err instanceof Error ? err.message : String(err);
    return new TransientError('StorageUnavailable', `cannot ${what}: storage unreachable (${where}): ${message}`, { cause: err });
  }
}

/** Answers to HEAD requests carry no body: the storage error code is then only in a header. */
function storageErrorCode(err: RestError): string {
  if (typeof err.code === 'string' && err.code !== '') return err.code;
  const header = err.response?.headers.get('x-ms-error-code');
  return header ?? String(err.statusCode);
}

/** Listings give ETags bare, headers quoted; Logic Apps shows them quoted. */
function quoted(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

type BlobProperties = { contentLength?: number; lastModified: Date; etag?: string; contentType?: string; createdOn?: Date };

function toBlobEntry(path: string, p: BlobProperties): BlobEntry {
  const entry: BlobEntry = {
    name: baseName(path),
    path,
    size: p.contentLength ?? 0,
    lastModified: p.lastModified.toISOString(),
    etag: quoted(p.etag ?? ''),
    contentType: p.contentType || 'application/octet-stream',
  };
  if (p.createdOn !== undefined) entry.createdOn = p.createdOn.toISOString();
  return entry;
}
