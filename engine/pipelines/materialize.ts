/**
 * Data in and out of a step's working directory. A location on a datastore is a single blob or a
 * folder (every blob below it, at any depth); inputs are downloaded (or, from a local folder
 * datastore, used in place), outputs uploaded when the step succeeds. Every blob name read from a
 * listing is checked before it becomes a local path: Azure allows `..` in blob names.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { BlobEntry, Datastore } from '../../connectors/blob/datastore.js';
import { FolderDatastore } from '../../connectors/blob/folder-datastore.js';
import { SluiceError } from '../errors.js';
import { checkDatastorePath, insideRoot } from './safe-paths.js';

export interface Location {
  datastore: string;
  path: string;
}

export interface LocationContents {
  kind: 'file' | 'folder' | 'missing';
  entries: BlobEntry[];
}

const PARALLEL_TRANSFERS = 8;

/** What is at `path`: one blob, a folder of blobs, or nothing. */
export async function describeLocation(store: Datastore, path: string): Promise<LocationContents> {
  const clean = checkDatastorePath(path, 'datastore path');
  const entries = await store.listRecursive(clean);
  if (entries.length === 0) return { kind: 'missing', entries };
  const exact = entries.find((e) => e.path === clean);
  if (exact !== undefined && clean !== '') return { kind: 'file', entries: [exact] };
  return { kind: 'folder', entries };
}

/**
 * Makes the contents at `path` available under `dest` and returns the local path a script gets: the
 * file itself (`dest/<name>`) or the folder (`dest`). A local folder datastore in `mount` mode is
 * used in place, as a mount would be.
 */
export async function materialize(options: { store: Datastore; path: string; contents: LocationContents; dest: string; mode: 'mount' | 'download' }): Promise<string> {
  const { store, contents, dest } = options;
  const clean = checkDatastorePath(options.path, 'datastore path');
  if (options.mode === 'mount' && store instanceof FolderDatastore) {
    return insideRoot(store.root, clean, 'datastore path');
  }
  if (contents.kind === 'file') {
    const entry = contents.entries[0]!;
    const target = insideRoot(dest, entry.name, 'blob name');
    await mkdir(dest, { recursive: true });
    await writeFile(target, await store.read(entry.path));
    return target;
  }
  await mkdir(dest, { recursive: true });
  await inParallel(contents.entries, async (entry) => {
    const below = clean === '' ? entry.path : entry.path.slice(clean.length + 1);
    const target = insideRoot(dest, below, `blob name '${entry.path}' under`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await store.read(entry.path));
  });
  return dest;
}

/** Uploads a file to `path`, or every regular file of a folder below `path`. Returns the count. */
export async function uploadOutput(store: Datastore, localPath: string, path: string, isFile: boolean): Promise<number> {
  const clean = checkDatastorePath(path, 'output path');
  if (isFile) {
    await store.write(clean, await readFile(localPath));
    return 1;
  }
  const files = await regularFiles(localPath);
  await inParallel(files, async (file) => {
    const below = relative(localPath, file).split(sep).join('/');
    await store.write(`${clean}/${below}`, await readFile(file));
  });
  return files.length;
}

/** Whether every output still exists on its datastore (outputs may be deleted behind Sluice's back). */
export async function allExist(outputs: Record<string, Location>, open: (name: string) => Datastore): Promise<boolean> {
  for (const location of Object.values(outputs)) {
    try {
      const entries = await open(location.datastore).listRecursive(location.path, { limit: 1 });
      if (entries.length === 0) return false;
    } catch (err) {
      if (err instanceof SluiceError && err.code === 'NotFound') return false;
      throw err;
    }
  }
  return true;
}

/** Symbolic links are not followed: they could point anywhere on the machine. */
async function regularFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  await walk(folder);
  return found.sort();
}

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_TRANSFERS, items.length) }, worker));
}
