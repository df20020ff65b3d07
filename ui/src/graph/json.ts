/**
 * JSON values as a definition holds them. The designer never trusts a definition's shape: every
 * read goes through `isObject`, and every write keeps key order, because key order is what the
 * author sees in code view and what a lossless round trip has to preserve.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A workflow definition: `triggers`, `actions`, `outputs`… kept as plain JSON. */
export type WorkflowDefinition = JsonObject;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own property even for names like `__proto__`, which plain assignment would turn into a
 * prototype change (JSON.parse makes such keys own properties, so a definition can hold them).
 */
export function setOwn(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function cloneJson<T extends Json>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value)) setOwn(out, key, cloneJson(value[key]!));
    return out as T;
  }
  return value;
}

/** Replaces the entries of `target` in place, in the given order (renames keep their position). */
export function replaceEntries(target: JsonObject, entries: readonly (readonly [string, Json])[]): void {
  for (const key of Object.keys(target)) delete target[key];
  for (const [key, value] of entries) setOwn(target, key, value);
}

/** Inserts `key` right after `anchor` (or before it), or at the end when the anchor is absent. */
export function insertEntry(target: JsonObject, key: string, value: Json, anchor?: { after?: string; before?: string }): void {
  const entries: [string, Json][] = Object.entries(target).filter(([k]) => k !== key);
  let index = entries.length;
  const after = anchor?.after === undefined ? -1 : entries.findIndex(([k]) => k === anchor.after);
  const before = anchor?.before === undefined ? -1 : entries.findIndex(([k]) => k === anchor.before);
  if (after >= 0) index = after + 1;
  else if (before >= 0) index = before;
  entries.splice(index, 0, [key, value]);
  replaceEntries(target, entries);
}

export function renameEntry(target: JsonObject, from: string, to: string): void {
  replaceEntries(target, Object.entries(target).map(([k, v]) => [k === from ? to : k, v] as const));
}
