/**
 * A local folder as a blob container. Subfolders are virtual folders.
 *
 * ETag: a hash of (inode, size, mtime in nanoseconds), written like Azure's (`"0x…"`, 15 hex
 * digits). Stat-derived rather than a content hash so a poll of a big folder costs one stat per
 * file, not reading every byte. It changes whenever the file is rewritten in place (mtime), replaced
 * by rename (inode) or grows or shrinks (size) — like Azure, where every write yields a new ETag
 * even with identical bytes. It cannot see a rewrite with the same size inside one mtime tick;
 * nanosecond mtimes make that practically impossible on the file systems Sluice runs on.
 *
 * Writes go to a hidden temporary file renamed into place, so a poll never lists a half-written
 * file; listings skip those temporaries.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import type { BigIntStats, Dirent } from 'node:fs';
import { dirname, join } from 'node:path';
import { SluiceError, TransientError } from '../../engine/errors.js';
import type { BlobEntry, Datastore, ListOptions, OperationOptions, WriteOptions } from './datastore.js';
import { baseName, byAge, guessMediaType, joinBlobPath, normalizeBlobPath, normalizeFolder } from './datastore-paths.js';

const TEMP_PREFIX = '.sluice-tmp-';

export class FolderDatastore implements Datastore {
  readonly kind = 'folder' as const;

  /** `root` is the container's folder (absolute). */
  constructor(
    readonly root: string,
    readonly container: string,
  ) {}

  async list(folder: string, options: ListOptions = {}): Promise<BlobEntry[]> {
    const prefix = normalizeFolder(folder);
    await this.requireRoot();
    let names: string[];
    try {
      names = (await readdir(this.local(prefix))).sort();
    } catch (err) {
      // A virtual folder with nothing in it does not exist: an empty listing, as in Azure.
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return [];
      throw this.failure(err, `list '${prefix}'`);
    }
    const entries: BlobEntry[] = [];
    for (const name of names) {
      options.signal?.throwIfAborted();
      if (name.startsWith(TEMP_PREFIX)) continue;
      const path = joinBlobPath(prefix, name);
      const stats = await statOrUndefined(this.local(path));
      if (stats === undefined || !stats.isFile()) continue;
      entries.push(toEntry(path, stats));
      if (options.limit !== undefined && entries.length >= options.limit) break;
    }
    return entries.sort(byAge);
  }

  async listRecursive(path: string, options: ListOptions = {}): Promise<BlobEntry[]> {
    const prefix = normalizeFolder(path);
    const top = await statOrUndefined(this.local(prefix));
    if (top === undefined) return [];
    if (top.isFile()) return prefix === '' ? [] : [toEntry(prefix, top)];
    const entries: BlobEntry[] = [];
    await this.walk(prefix, entries, options);
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Regular files only: a symbolic link could lead outside the datastore's folder. */
  private async walk(folder: string, into: BlobEntry[], options: ListOptions): Promise<void> {
    let children: Dirent[];
    try {
      children = await readdir(this.local(folder), { withFileTypes: true });
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return;
      throw this.failure(err, `list '${folder}'`);
    }
    for (const child of children) {
      options.signal?.throwIfAborted();
      if (options.limit !== undefined && into.length >= options.limit) return;
      if (child.name.startsWith(TEMP_PREFIX)) continue;
      const path = joinBlobPath(folder, child.name);
      if (child.isDirectory()) await this.walk(path, into, options);
      else if (child.isFile()) {
        const stats = await statOrUndefined(this.local(path));
        if (stats !== undefined && stats.isFile()) into.push(toEntry(path, stats));
      }
    }
  }

  async read(path: string, options: OperationOptions = {}): Promise<Buffer> {
    const blob = normalizeBlobPath(path);
    try {
      return await readFile(this.local(blob), { signal: options.signal });
    } catch (err) {
      if (isCode(err, 'ENOENT') || isCode(err, 'EISDIR')) {
        await this.requireRoot();
        throw new SluiceError('NotFound', `blob '${blob}' does not exist in '${this.container}'`);
      }
      throw this.failure(err, `read '${blob}'`);
    }
  }

  async write(path: string, data: Buffer | string, options: WriteOptions = {}): Promise<void> {
    const blob = normalizeBlobPath(path);
    await this.requireRoot();
    const target = this.local(blob);
    const temp = join(dirname(target), `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(temp, data, { signal: options.signal });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw this.failure(err, `write '${blob}'`);
    }
  }

  async delete(path: string): Promise<boolean> {
    const blob = normalizeBlobPath(path);
    try {
      await unlink(this.local(blob));
      return true;
    } catch (err) {
      if (isCode(err, 'ENOENT')) return false;
      throw this.failure(err, `delete '${blob}'`);
    }
  }

  async ensureContainer(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true });
    } catch (err) {
      throw this.failure(err, 'create the folder');
    }
  }

  private local(path: string): string {
    return path === '' ? this.root : join(this.root, ...path.split('/'));
  }

  /** The container itself missing is `NotFound`, as Azure's ContainerNotFound. */
  private async requireRoot(): Promise<void> {
    const stats = await statOrUndefined(this.root);
    if (stats === undefined || !stats.isDirectory()) {
      throw new SluiceError('NotFound', `container '${this.container}' does not exist (folder ${this.root})`);
    }
  }

  private failure(err: unknown, what: string): SluiceError {
    if (err instanceof SluiceError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new TransientError('StorageUnavailable', `cannot ${what} in folder datastore '${this.container}' (${this.root}): ${message}`, { cause: err });
  }
}

function toEntry(path: string, stats: BigIntStats): BlobEntry {
  const name = baseName(path);
  const entry: BlobEntry = {
    name,
    path,
    size: Number(stats.size),
    lastModified: stats.mtime.toISOString(),
    etag: folderEtag(stats),
    contentType: guessMediaType(name),
  };
  if (stats.birthtimeMs > 0n) entry.createdOn = stats.birthtime.toISOString();
  return entry;
}

export function folderEtag(stats: BigIntStats): string {
  const digest = createHash('sha256').update(`${stats.ino}:${stats.size}:${stats.mtimeNs}`).digest('hex');
  return `"0x${digest.slice(0, 15).toUpperCase()}"`;
}

async function statOrUndefined(path: string): Promise<BigIntStats | undefined> {
  try {
    return await stat(path, { bigint: true });
  } catch {
    return undefined;
  }
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
