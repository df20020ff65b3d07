/**
 * Blob paths inside a container, shared by both datastore kinds: `folder/sub/file.csv`, with `/`
 * as the only separator, never a leading or trailing slash, never `.` or `..` segments (a folder
 * datastore must not be steered outside its root).
 */
import { DefinitionError } from '../../engine/errors.js';
import type { BlobEntry } from './datastore.js';

/** `"/a/b/"`, `"a//b"`, `"a\\b"` → `"a/b"`; `""` and `"/"` → `""` (the container's top level). */
export function normalizeFolder(folder: string): string {
  const segments = folder.replace(/\\/g, '/').split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s === '.' || s === '..') throw new DefinitionError('InvalidArgument', `blob path '${folder}' must not contain '.' or '..' segments`);
  }
  return segments.join('/');
}

/** A blob's path: like a folder, but it must name something. */
export function normalizeBlobPath(path: string): string {
  const normalized = normalizeFolder(path);
  if (normalized === '') throw new DefinitionError('InvalidArgument', `'${path}' does not name a blob`);
  return normalized;
}

export function joinBlobPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

const MEDIA_TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  md: 'text/markdown',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * The media type a file's extension suggests; Azure's own default otherwise. Local files have no
 * stored content type, and uploads without one should still read back as Logic Apps users expect.
 */
export function guessMediaType(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
  return MEDIA_TYPES[ext] ?? 'application/octet-stream';
}

/** Oldest first; the name breaks ties so the order is total and repeatable. */
export function byAge(a: BlobEntry, b: BlobEntry): number {
  if (a.lastModified !== b.lastModified) return a.lastModified < b.lastModified ? -1 : 1;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
