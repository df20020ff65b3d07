/**
 * The blob trigger's watermark: for each blob in the watched folder, the ETag it had when it last
 * fired. A blob fires when its name is new or its ETag differs, so each added or modified blob
 * version fires exactly once — no clock comparisons, no skew, no same-second ties to get wrong.
 *
 * - Per poll, at most `maxFileCount` of the changed blobs fire, oldest first (last-modified, then
 *   name); only those enter the map. The others stay "changed" and fire on the next polls, so a
 *   burst of 25 with 10 per poll fires 10 + 10 + 5, none lost or repeated. A blob modified again
 *   before its turn fires once, with its latest version.
 * - Names no longer listed are dropped: deletions fire nothing, and a blob re-created under the
 *   same name fires again.
 * - The map holds at most 30,000 names, the number of items Logic Apps tracks in one folder;
 *   since deleted names leave it, that is a bound on the folder itself (the trigger refuses a
 *   bigger folder rather than forget what it has seen and fire old blobs again).
 * - The state names the folder it belongs to (`scope`): pointing the trigger elsewhere starts
 *   afresh instead of comparing against another folder's blobs.
 * - The first poll has no map: every blob already in the folder fires (as the Standard built-in
 *   trigger does; the managed connector's first-poll behaviour is not documented).
 */
import { isObject, type Value } from '../../engine/expressions/value.js';
import type { BlobEntry } from './datastore.js';

export const MAX_TRACKED_BLOBS = 30_000;
const STATE_VERSION = 1;

export interface WatermarkStep {
  /** The blobs to fire, oldest first. */
  fire: BlobEntry[];
  /** Whether changed blobs beyond `maxFileCount` are waiting. */
  morePending: boolean;
  /** The new state to commit with the runs. */
  state: Value;
}

/** The ETags seen in `scope`, from a previous state (empty when there is none or it is another folder's). */
export function readWatermark(state: Value | undefined, scope: string): Map<string, string> {
  const seen = new Map<string, string>();
  if (!isObject(state) || state['version'] !== STATE_VERSION || state['scope'] !== scope || !isObject(state['seen'])) return seen;
  for (const [name, etag] of Object.entries(state['seen'])) if (typeof etag === 'string') seen.set(name, etag);
  return seen;
}

/** `entries` is the folder's whole listing, oldest first. */
export function advanceWatermark(previous: ReadonlyMap<string, string>, entries: readonly BlobEntry[], maxFileCount: number, scope: string): WatermarkStep {
  const present = new Set(entries.map((e) => e.name));
  const seen = new Map<string, string>();
  for (const [name, etag] of previous) if (present.has(name)) seen.set(name, etag);
  const changed = entries.filter((e) => seen.get(e.name) !== e.etag);
  const fire = changed.slice(0, maxFileCount);
  for (const entry of fire) seen.set(entry.name, entry.etag);
  return { fire, morePending: changed.length > fire.length, state: writeWatermark(scope, seen) };
}

function writeWatermark(scope: string, seen: ReadonlyMap<string, string>): Value {
  // fromEntries defines own properties, so a blob named "__proto__" is kept like any other.
  return { version: STATE_VERSION, scope, seen: Object.fromEntries(seen) };
}
