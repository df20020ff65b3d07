/**
 * A step's inputs before it runs: where each one is, what feeds the fingerprint (an upstream
 * output by the upstream step's fingerprint; datastore data by location and the ETag of every blob,
 * so changed data invalidates reuse), and how to make it a local path once the step does run.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Datastore } from '../../connectors/blob/datastore.js';
import { DefinitionError, SluiceError } from '../errors.js';
import type { StepDefinition, StepInputDefinition } from './definition.js';
import type { InputBinding } from './fingerprint.js';
import { describeLocation, materialize, type Location, type LocationContents } from './materialize.js';
import { checkDatastorePath } from './safe-paths.js';

/** What a finished upstream step hands on. */
export interface UpstreamResult {
  fingerprint: string;
  outputs: Record<string, Location>;
  /** Local folders or files of outputs written in this run (absent for reused steps). */
  localOutputs: Record<string, string>;
}


export interface PreparedInput {
  name: string;
  binding: InputBinding;
  /** Makes the input local under `inputsDir/<name>` (or in place) and returns its path. */
  localize(inputsDir: string): Promise<string>;
}

export interface InputContext {
  step: StepDefinition;
  upstream: ReadonlyMap<string, UpstreamResult>;
  dataPaths: Readonly<Record<string, Location>>;
  open: (datastore: string) => Datastore;
  signal: AbortSignal;
}

export async function prepareInputs(context: InputContext): Promise<PreparedInput[]> {
  const prepared: PreparedInput[] = [];
  for (const [name, input] of Object.entries(context.step.inputs ?? {})) {
    context.signal.throwIfAborted();
    prepared.push(await prepareInput(name, input, context));
  }
  return prepared;
}

async function prepareInput(name: string, input: StepInputDefinition, context: InputContext): Promise<PreparedInput> {
  const mode = input.mode ?? 'mount';
  if ('step' in input) {
    const upstream = context.upstream.get(input.step);
    const location = upstream?.outputs[input.output];
    if (upstream === undefined || location === undefined) {
      throw new DefinitionError('InvalidArgument', `input '${name}': step '${input.step}' has no output '${input.output}'`);
    }
    const local = upstream.localOutputs[input.output];
    const binding: InputBinding = { kind: 'step', fingerprint: upstream.fingerprint, output: input.output };
    // Written in this run: used where the upstream step wrote it. Reused: fetched from its datastore.
    if (local !== undefined) return { name, binding, localize: async () => local };
    return fromDatastore(name, location, 'download', context, binding);
  }
  const location = 'parameter' in input ? context.dataPaths[input.parameter] : { datastore: input.datastore, path: input.path };
  if (location === undefined) {
    throw new DefinitionError('InvalidArgument', `input '${name}': DataPath parameter '${(input as { parameter: string }).parameter}' has no value (no default and no assignment)`);
  }
  return fromDatastore(name, location, mode, context);
}

async function fromDatastore(name: string, location: Location, mode: 'mount' | 'download', context: InputContext, stepBinding?: InputBinding): Promise<PreparedInput> {
  const path = checkDatastorePath(location.path, `input '${name}' path`);
  const store = context.open(location.datastore);
  let contents: LocationContents;
  try {
    contents = await describeLocation(store, path);
  } catch (err) {
    if (err instanceof SluiceError && err.code === 'NotFound') contents = { kind: 'missing', entries: [] };
    else throw err;
  }
  if (contents.kind === 'missing') {
    throw new SluiceError('NotFound', `input '${name}': nothing at '${path}' on datastore '${location.datastore}'`);
  }
  const binding: InputBinding = stepBinding ?? {
    kind: 'datastore',
    datastore: location.datastore,
    path,
    etag: versionOf(contents),
  };
  return { name, binding, localize: (inputsDir) => materialize({ store, path, contents, dest: join(inputsDir, name), mode }) };
}

/** A file's own ETag; for a folder, a digest of every blob's path and ETag (any change, addition or removal shows). */
function versionOf(contents: LocationContents): string {
  if (contents.kind === 'file') return contents.entries[0]!.etag;
  const digest = createHash('sha256');
  for (const entry of contents.entries) digest.update(`${entry.path}\u0000${entry.etag}\u0000`);
  return `folder:${digest.digest('hex')}`;
}
