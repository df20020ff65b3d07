/**
 * The BlobMetadata object of Logic Apps' Azure Blob Storage connector, as its "When a blob is added
 * or modified (properties only) (V2)" trigger returns it. A real output (captured by users):
 *
 *   { "Id": "JTJmc2ltdWxhdGlvbnMlMmZwb3N0YWxfY29kZXNfb2guY3N2", "Name": "postal_codes_oh.csv",
 *     "DisplayName": "postal_codes_oh.csv", "Path": "/simulations/postal_codes_oh.csv",
 *     "LastModified": "2020-02-21T17:06:32Z", "Size": 80376, "MediaType": "text/csv",
 *     "IsFolder": false, "ETag": "\"0x8D7B6F0667C1F47\"",
 *     "FileLocator": "JTJmc2ltdWxhdGlvbnMlMmZwb3N0YWxfY29kZXNfb2guY3N2", "LastModifiedBy": null }
 *
 * What the captures show, and what follows from them:
 * - `Id` and `FileLocator` are equal: standard base64 (with `=` padding) of the URL-encoded
 *   `Path`, with lowercase hex escapes — `%2fsimulations%2fpostal_codes_oh.csv`. Lowercase
 *   escapes are what .NET's HttpUtility.UrlEncode writes (which also turns a space into `+`, the
 *   reason the connector documents that names containing `+` or `%XX` are unsupported); Sluice
 *   encodes the same way. Folder ids in definitions use the same scheme (`JTJmZG9jdW1lbnRz` =
 *   `%2fdocuments`).
 * - `Path` is `/container/folder/name`; `LastModified` has whole seconds and a `Z`; `ETag` keeps
 *   its quotes; `LastModifiedBy` is null; `DisplayName` equals `Name`.
 */
import type { ValueObject } from '../../engine/expressions/value.js';
import type { BlobEntry } from './datastore.js';

export interface BlobMetadata extends ValueObject {
  Id: string;
  Name: string;
  DisplayName: string;
  Path: string;
  LastModified: string;
  Size: number;
  MediaType: string;
  IsFolder: boolean;
  ETag: string;
  FileLocator: string;
  LastModifiedBy: null;
}

export function toBlobMetadata(container: string, entry: BlobEntry): BlobMetadata {
  const path = `/${container}/${entry.path}`;
  const id = encodeFileId(path);
  return {
    Id: id,
    Name: entry.name,
    DisplayName: entry.name,
    Path: path,
    LastModified: wholeSeconds(entry.lastModified),
    Size: entry.size,
    MediaType: entry.contentType,
    IsFolder: false,
    ETag: entry.etag,
    FileLocator: id,
    LastModifiedBy: null,
  };
}

/** `/container/a b.csv` → base64 of `%2fcontainer%2fa+b.csv`. */
export function encodeFileId(path: string): string {
  return Buffer.from(dotnetUrlEncode(path), 'ascii').toString('base64');
}

/**
 * The inverse, for folder ids the designer writes into definitions. `undefined` when the text is
 * not such an id (a plain path, a container name).
 */
export function decodeFileId(id: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id) || id.length % 4 !== 0) return undefined;
  const text = Buffer.from(id, 'base64').toString('latin1');
  // Every id encodes an absolute path, so its text starts with an escaped slash.
  if (!/^%2f/i.test(text) || /[^\x21-\x7e]/.test(text)) return undefined;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

const URL_SAFE = /[A-Za-z0-9\-_.!*()]/;

/** .NET HttpUtility.UrlEncode: UTF-8, lowercase hex escapes, space as `+`. */
function dotnetUrlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (byte < 0x80 && URL_SAFE.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** `2020-02-21T17:06:32.123Z` → `2020-02-21T17:06:32Z` (Azure's Last-Modified has whole seconds). */
function wholeSeconds(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
