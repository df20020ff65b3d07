/**
 * The actions whose outputs an action may read: those that run before it. Within its container,
 * every action reachable backwards through `runAfter` (transitively); above it, the same for each
 * enclosing container's owner; and the actions nested inside any of those (a Scope that ran before
 * has run its body). Pure, in definition order.
 */
import { collectActions, indexActions, type WorkflowDefinition } from '../graph/index.js';
import { isObject, type JsonObject } from '../graph/json.js';

/** Names in `siblings` that `name` runs after, directly or through others. */
function upstreamIn(siblings: JsonObject, name: string): Set<string> {
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const current = siblings[stack.pop()!];
    const runAfter = isObject(current) && isObject(current['runAfter']) ? current['runAfter'] : {};
    for (const p of Object.keys(runAfter)) {
      if (p === name || seen.has(p) || !isObject(siblings[p])) continue;
      seen.add(p);
      stack.push(p);
    }
  }
  return seen;
}

export function predecessorsOf(definition: WorkflowDefinition, name: string): string[] {
  const index = indexActions(definition);
  const site = index.get(name);
  if (!site) return [];
  const before = new Set<string>(upstreamIn(site.siblings, name));
  for (const owner of site.ancestors) {
    const ownerSite = index.get(owner);
    if (ownerSite) for (const p of upstreamIn(ownerSite.siblings, owner)) before.add(p);
  }
  const out: string[] = [];
  for (const s of collectActions(definition)) {
    if (s.name === name) continue;
    if (before.has(s.name) || s.ancestors.some((a) => before.has(a))) out.push(s.name);
  }
  return out;
}
