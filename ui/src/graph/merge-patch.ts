/**
 * JSON Merge Patch (RFC 7396), pure. Existing keys keep their place and new keys go last, so a
 * form edit does not reshuffle the action in code view.
 */
import { cloneJson, isObject, setOwn, type Json, type JsonObject } from './json.js';

export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return cloneJson(patch);
  const out: JsonObject = isObject(target) ? cloneJson(target) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key]!;
    if (value === null) delete out[key];
    else setOwn(out, key, applyMergePatch(Object.prototype.hasOwnProperty.call(out, key) ? out[key]! : null, value));
  }
  return out;
}
