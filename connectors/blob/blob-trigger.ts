/**
 * "When a blob is added or modified (properties only)": one polling descriptor per definition
 * shape, all polling the same way. A fired poll's body is an array of BlobMetadata; with the
 * default `splitOn: @triggerBody()` each blob starts its own run.
 */
import type { PollContext, PollResult, PollingTriggerDescriptor } from '../../engine/triggers/descriptor.js';
import { asSluiceError } from '../../engine/errors.js';
import { toBlobMetadata } from './blob-metadata.js';
import { blobTriggerShape, normalizeBlobTriggerInputs, SLUICE_BLOB_TRIGGER_TYPE, type BlobTriggerShape } from './blob-trigger-inputs.js';
import { advanceWatermark, MAX_TRACKED_BLOBS, readWatermark } from './blob-watermark.js';
import { openDatastore, type BlobEntry, type Datastore } from './datastore.js';

const BLOB_METADATA_SCHEMA = {
  type: 'object',
  properties: {
    Id: { type: 'string' },
    Name: { type: 'string' },
    DisplayName: { type: 'string' },
    Path: { type: 'string' },
    LastModified: { type: 'string', format: 'date-time' },
    Size: { type: 'integer' },
    MediaType: { type: 'string' },
    IsFolder: { type: 'boolean' },
    ETag: { type: 'string' },
    FileLocator: { type: 'string' },
    LastModifiedBy: {},
  },
};

const OUTPUT_SCHEMA = {
  type: 'object',
  properties: { headers: { type: 'object' }, body: { type: 'array', items: BLOB_METADATA_SCHEMA } },
};

const SLUICE_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    connection: { type: 'string', description: 'A connection in sluice.config.json (a storage account); needs container.' },
    datastore: { type: 'string', description: 'A datastore in sluice.config.json (one container or local folder).' },
    container: { type: 'string', description: 'The container to watch (with connection).' },
    folderPath: { type: 'string', description: 'The folder inside the container; only its top level is watched.' },
    maxFileCount: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'Number of blobs to return per poll.' },
    checkBothCreatedAndModifiedDateTime: { type: 'boolean', default: false },
  },
  oneOf: [{ required: ['connection', 'container'] }, { required: ['datastore'] }],
  additionalProperties: false,
};

export const sluiceBlobTrigger: PollingTriggerDescriptor = descriptor(SLUICE_BLOB_TRIGGER_TYPE, 'sluice', SLUICE_INPUT_SCHEMA);
/** The managed connector (`azureblob`, `…/triggers/batch/onupdatedfile`, V1 and V2). */
export const apiConnectionBlobTrigger: PollingTriggerDescriptor = descriptor('ApiConnection', 'apiConnection');
/** The Standard built-in (`/serviceProviders/AzureBlob`, `whenABlobIsAddedOrModified`). */
export const serviceProviderBlobTrigger: PollingTriggerDescriptor = descriptor('ServiceProvider', 'serviceProvider');

export const blobTriggers: readonly PollingTriggerDescriptor[] = [sluiceBlobTrigger, apiConnectionBlobTrigger, serviceProviderBlobTrigger];

function descriptor(type: string, shape: BlobTriggerShape, inputSchema?: Record<string, unknown>): PollingTriggerDescriptor {
  const result: PollingTriggerDescriptor = {
    type,
    kind: 'polling',
    outputSchema: OUTPUT_SCHEMA,
    defaultSplitOn: '@triggerBody()',
    poll: (ctx) => pollBlobs(ctx),
    ...(inputSchema ? { inputSchema } : {}),
    ...(shape === 'sluice' ? {} : { matches: (node: Readonly<Record<string, unknown>>) => blobTriggerShape(node) === shape }),
  };
  return result;
}

/** Lists the folder and fires what is new or changed since the watermark in `ctx.state`. */
export async function pollBlobs(ctx: PollContext): Promise<PollResult> {
  let store: Datastore;
  let folderPath: string;
  let maxFileCount: number;
  let entries: BlobEntry[];
  try {
    const inputs = normalizeBlobTriggerInputs(ctx.node, ctx.inputs);
    ({ folderPath, maxFileCount } = inputs);
    store = openDatastore(inputs.connection, ctx.config, inputs.container === undefined ? {} : { container: inputs.container });
    entries = await store.list(folderPath, { signal: ctx.signal, limit: MAX_TRACKED_BLOBS + 1 });
  } catch (err) {
    const error = asSluiceError(err);
    return { status: 'failed', error: { code: error.code, message: error.message } };
  }
  const where = `/${store.container}${folderPath === '' ? '' : `/${folderPath}`}`;
  if (entries.length > MAX_TRACKED_BLOBS) {
    return {
      status: 'failed',
      error: { code: 'InvalidArgument', message: `folder ${where} holds more than ${MAX_TRACKED_BLOBS} blobs, the most a blob trigger tracks in one folder (as in Logic Apps); spread the blobs over several folders` },
    };
  }
  const scope = `${store.kind}:${where}`;
  const step = advanceWatermark(readWatermark(ctx.state, scope), entries, maxFileCount, scope);
  if (step.fire.length === 0) {
    return { status: 'skipped', reason: `no blob added or modified in ${where}`, state: step.state };
  }
  return {
    status: 'fired',
    outputs: { headers: {}, body: step.fire.map((entry) => toBlobMetadata(store.container, entry)) },
    state: step.state,
    morePending: step.morePending,
  };
}
