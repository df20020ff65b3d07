/**
 * `sluice datastore upload LOCAL DATASTORE[:REMOTE]` (a file or a folder, recursively) and
 * `sluice datastore list DATASTORE [PREFIX]`, through a running Sluice's `/api/datastores`.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { ApiClient, CliError } from './api-client.js';
import { guarded, table, type Io } from './pipeline-command.js';

function target(spec: string): { datastore: string; remote: string } {
  const colon = spec.indexOf(':');
  const datastore = colon < 0 ? spec : spec.slice(0, colon);
  const remote = colon < 0 ? '' : spec.slice(colon + 1).replace(/^\/+|\/+$/g, '');
  if (datastore === '') throw new CliError(`'${spec}' must be DATASTORE or DATASTORE:PATH`);
  return { datastore, remote };
}

async function localFiles(root: string, dir = root, out: string[] = []): Promise<string[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await localFiles(root, full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function filesPath(datastore: string, path: string): string {
  return `/api/datastores/${encodeURIComponent(datastore)}/files/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export async function uploadCommand(local: string, spec: string, options: { url?: string }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const { datastore, remote } = target(spec);
    const client = new ApiClient(options.url);
    const info = await stat(local);
    const files = info.isDirectory() ? await localFiles(local) : [local];
    for (const file of files) {
      const rel = info.isDirectory() ? relative(local, file).split(sep).join('/') : basename(file);
      const path = remote === '' ? rel : info.isDirectory() || spec.endsWith('/') ? `${remote}/${rel}` : remote;
      await client.raw('PUT', filesPath(datastore, path), await readFile(file));
      io.out(`uploaded ${file} -> ${datastore}:${path}\n`);
    }
    return 0;
  });
}

interface Entry {
  path: string;
  size: number;
  lastModified: string;
}

export async function listFilesCommand(datastore: string, prefix: string | undefined, options: { url?: string }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const query = prefix === undefined ? '' : `?prefix=${encodeURIComponent(prefix)}`;
    const { value } = await new ApiClient(options.url).json<{ value: Entry[] }>('GET', `/api/datastores/${encodeURIComponent(datastore)}/files${query}`);
    io.out(table(['PATH', 'SIZE', 'MODIFIED'], value.map((e) => [e.path, String(e.size), e.lastModified])));
    return 0;
  });
}
