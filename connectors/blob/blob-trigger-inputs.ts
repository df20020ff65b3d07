/**
 * The three ways a definition says "when a blob is added or modified", reduced to one shape:
 * (a) Sluice's own `SluiceBlobAddedOrModified`; (b) the Logic Apps managed connector
 * (`ApiConnection`, path `…/triggers/batch/onupdatedfile`, V1 and V2); (c) the Standard built-in
 * (`ServiceProvider` `/serviceProviders/AzureBlob`, `whenABlobIsAddedOrModified`). See
 * `../shared/spec/wdl.md` §3.5–3.7.
 */
import { DefinitionError } from '../../engine/errors.js';
import { isObject, type Value, type ValueObject } from '../../engine/expressions/value.js';
import { decodeFileId } from './blob-metadata.js';
import type { DatastoreRef } from './datastore.js';
import { normalizeFolder } from './datastore-paths.js';

export const SLUICE_BLOB_TRIGGER_TYPE = 'SluiceBlobAddedOrModified';

export type BlobTriggerShape = 'sluice' | 'apiConnection' | 'serviceProvider';

export interface BlobTriggerInputs {
  /** What `openDatastore` resolves: a connection (with `container`) or a datastore. */
  connection: DatastoreRef;
  /** Absent when a datastore names its own container. */
  container?: string;
  /** Inside the container, without leading or trailing slashes; "" = the top level. */
  folderPath: string;
  /** Blobs returned per poll, 1–100. @default 10 */
  maxFileCount: number;
  /** Accepted for fidelity; ETag tracking already sees every kind of change (see README). */
  checkBothCreatedAndModifiedDateTime: boolean;
  /** V2 managed connector: the storage account name or blob endpoint in the path (informative). */
  dataset?: string;
}

export const DEFAULT_MAX_FILE_COUNT = 10;
const ON_UPDATED_FILE = /\/triggers\/batch\/onupdatedfile\/?$/i;
const V2_DATASET = /^\/?v2\/datasets\/([^/]+)\/triggers\/batch\/onupdatedfile\/?$/i;
const V2_PREFIX = /^\/?v2\/datasets\//i;
const OTHER_FILE_CONNECTORS = /^(ftp|sftp|sftpwithssh|filesystem)(_\d+)?$/i;
const CONNECTIONS_KEY = /parameters\(\s*'\$connections'\s*\)\s*(?:\[\s*'([^']+)'\s*\]|\.([A-Za-z0-9_]+))/i;

/** Which shape a trigger definition has, or undefined when it is no blob trigger. */
export function blobTriggerShape(node: Readonly<Record<string, unknown>>): BlobTriggerShape | undefined {
  const type = typeof node['type'] === 'string' ? node['type'].toLowerCase() : '';
  const inputs = record(node['inputs']);
  if (type === SLUICE_BLOB_TRIGGER_TYPE.toLowerCase()) return 'sluice';
  if (type === 'apiconnection') {
    const path = inputs['path'];
    if (typeof path !== 'string' || !ON_UPDATED_FILE.test(path)) return undefined;
    // FTP, SFTP and File System share the V1 path (the blob connector alone has V2 datasets):
    // their connections, named by the designer after the connector, are left to other connectors.
    if (V2_PREFIX.test(path)) return 'apiConnection';
    return OTHER_FILE_CONNECTORS.test(connectionKey(connectionNameText(node) ?? '')) ? undefined : 'apiConnection';
  }
  if (type === 'serviceprovider') {
    const sp = record(inputs['serviceProviderConfiguration']);
    const provider = typeof sp['serviceProviderId'] === 'string' ? sp['serviceProviderId'].toLowerCase() : '';
    const operation = typeof sp['operationId'] === 'string' ? sp['operationId'].toLowerCase() : '';
    return provider === '/serviceproviders/azureblob' && operation === 'whenablobisaddedormodified' ? 'serviceProvider' : undefined;
  }
  return undefined;
}

/**
 * `node` is the trigger as written (expressions unevaluated), `inputs` its evaluated inputs.
 * Throws DefinitionError (InvalidArgument) saying what is unusable.
 */
export function normalizeBlobTriggerInputs(node: Readonly<Record<string, unknown>>, inputs: Value): BlobTriggerInputs {
  const shape = blobTriggerShape(node);
  const given = isObject(inputs) ? inputs : {};
  switch (shape) {
    case 'sluice':
      return fromSluice(given);
    case 'apiConnection':
      return fromApiConnection(node, given);
    case 'serviceProvider':
      return fromServiceProvider(given);
    default:
      throw invalid(`trigger of type '${String(node['type'])}' is not a "blob added or modified" trigger`);
  }
}

function fromSluice(inputs: ValueObject): BlobTriggerInputs {
  const connection = optionalString(inputs, 'connection');
  const datastore = optionalString(inputs, 'datastore');
  if ((connection === undefined) === (datastore === undefined)) throw invalid("inputs need exactly one of 'connection' and 'datastore'");
  const container = optionalString(inputs, 'container');
  if (connection !== undefined && container === undefined) throw invalid(`inputs.container is required with connection '${connection}'`);
  const result: BlobTriggerInputs = {
    connection: connection !== undefined ? { connection } : { datastore: datastore! },
    folderPath: folder(optionalString(inputs, 'folderPath') ?? ''),
    maxFileCount: maxFileCount(inputs['maxFileCount']),
    checkBothCreatedAndModifiedDateTime: flag(inputs['checkBothCreatedAndModifiedDateTime'], 'checkBothCreatedAndModifiedDateTime'),
  };
  if (container !== undefined) result.container = container;
  return result;
}

function fromApiConnection(node: Readonly<Record<string, unknown>>, inputs: ValueObject): BlobTriggerInputs {
  const name = connectionNameText(node) ?? connectionNameText({ inputs });
  if (name === undefined) throw invalid('inputs.host.connection names no connection');
  const queries = isObject(inputs['queries']) ? inputs['queries'] : {};
  const folderId = queries['folderId'];
  if (typeof folderId !== 'string' || folderId.trim() === '') throw invalid('queries.folderId (the container or folder to watch) is required');
  const { container, folderPath } = splitContainer(resolveFolderId(folderId, record(node['metadata'])), 'queries.folderId');
  const result: BlobTriggerInputs = {
    connection: { connection: connectionKey(name) },
    container,
    folderPath,
    maxFileCount: maxFileCount(queries['maxFileCount']),
    checkBothCreatedAndModifiedDateTime: flag(queries['checkBothCreatedAndModifiedDateTime'], 'checkBothCreatedAndModifiedDateTime'),
  };
  const dataset = typeof inputs['path'] === 'string' ? V2_DATASET.exec(inputs['path'])?.[1] : undefined;
  if (dataset !== undefined) result.dataset = decodeTwice(dataset);
  return result;
}

function fromServiceProvider(inputs: ValueObject): BlobTriggerInputs {
  const config = isObject(inputs['serviceProviderConfiguration']) ? inputs['serviceProviderConfiguration'] : {};
  const connectionName = optionalString(config, 'connectionName');
  if (connectionName === undefined) throw invalid('serviceProviderConfiguration.connectionName is required');
  const parameters = isObject(inputs['parameters']) ? inputs['parameters'] : {};
  const path = optionalString(parameters, 'path');
  if (path === undefined) throw invalid("parameters.path (like 'container/{name}') is required");
  const segments = path.split('/').filter((s) => s !== '');
  // The built-in's path is a pattern; Sluice watches a folder, so only a trailing {name} is taken.
  if (segments.length > 0 && /^\{[^{}]*\}$/.test(segments[segments.length - 1]!)) segments.pop();
  if (segments.some((s) => /[{}]/.test(s))) {
    throw invalid(`parameters.path '${path}': only a trailing '{name}' is supported, not patterns like '{name}.csv'`);
  }
  const { container, folderPath } = splitContainer(segments.join('/'), 'parameters.path');
  return { connection: { connection: connectionName }, container, folderPath, maxFileCount: DEFAULT_MAX_FILE_COUNT, checkBothCreatedAndModifiedDateTime: false };
}

/** The connection as the definition writes it: `host.connection.name` (Consumption) or `referenceName` (Standard). */
function connectionNameText(node: Readonly<Record<string, unknown>>): string | undefined {
  const connection = record(record(record(node['inputs'])['host'])['connection']);
  for (const key of ['name', 'referenceName']) {
    const value = connection[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/**
 * `@parameters('$connections')['azureblob']['connectionId']` → `azureblob` (the `$connections`
 * key, which sluice.config.json's connections use); an evaluated connection resource id → its last
 * segment; anything else as it is.
 */
function connectionKey(text: string): string {
  const match = CONNECTIONS_KEY.exec(text);
  if (match) return (match[1] ?? match[2])!;
  const trimmed = text.replace(/\/+$/, '');
  return /\/connections\//i.test(trimmed) ? trimmed.slice(trimmed.lastIndexOf('/') + 1) : trimmed;
}

/** folderId: a plain path, the designer's opaque id (base64 of the URL-encoded path), or a key of `metadata`. */
function resolveFolderId(folderId: string, metadata: Record<string, unknown>): string {
  if (folderId.startsWith('/')) return folderId;
  const decoded = decodeFileId(folderId);
  if (decoded !== undefined) return decoded;
  const readable = metadata[folderId];
  return typeof readable === 'string' && readable !== '' ? readable : folderId;
}

function splitContainer(path: string, what: string): { container: string; folderPath: string } {
  const normalized = folder(path);
  if (normalized === '') throw invalid(`${what} names no container`);
  const slash = normalized.indexOf('/');
  return slash < 0 ? { container: normalized, folderPath: '' } : { container: normalized.slice(0, slash), folderPath: normalized.slice(slash + 1) };
}

function folder(path: string): string {
  try {
    return normalizeFolder(path);
  } catch (err) {
    throw invalid((err as Error).message);
  }
}

function maxFileCount(value: Value | undefined): number {
  if (value === undefined || value === null || value === '') return DEFAULT_MAX_FILE_COUNT;
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100) {
    throw invalid(`maxFileCount must be an integer from 1 to 100, got ${JSON.stringify(typeof value === 'bigint' ? String(value) : value)}`);
  }
  return n;
}

function flag(value: Value | undefined, name: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalid(`${name} must be true or false`);
}

function optionalString(obj: ValueObject, key: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${key} must be a string`);
  return value;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The V2 path encodes the dataset twice (`encodeURIComponent(encodeURIComponent(...))`). */
function decodeTwice(text: string): string {
  try {
    return decodeURIComponent(decodeURIComponent(text));
  } catch {
    return text;
  }
}

function invalid(message: string): DefinitionError {
  return new DefinitionError('InvalidArgument', `blob trigger: ${message}`);
}
