/**
 * runAfter bookkeeping shared by the edits: statuses, healing the flow around a removed action,
 * and the checks a new runAfter has to pass. All functions work on a draft and mutate it.
 */
import { DesignerError } from './errors.js';
import { isObject, replaceEntries, setOwn, type Json, type JsonObject } from './json.js';

export const RUN_STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'] as const;

export function statusesOf(value: Json | undefined): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

const isPlainSuccess = (statuses: readonly string[]): boolean =>
  statuses.length === 0 || (statuses.length === 1 && statuses[0]!.toLowerCase() === 'succeeded');

function union(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a];
  for (const s of b) if (!out.some((o) => o.toLowerCase() === s.toLowerCase())) out.push(s);
  return out;
}

/**
 * Statuses for S → P once X is removed from P → X → S. The condition that is not plain success is
 * the one the author meant (`A -Failed-> Notify -> Log` keeps Log on A's failure); both → union.
 */
function bridge(pToX: readonly string[], xToS: readonly string[]): string[] {
  if (isPlainSuccess(xToS)) return [...pToX];
  if (isPlainSuccess(pToX)) return [...xToS];
  return union(pToX, xToS);
}

/**
 * Every sibling that ran after `removed` now runs after `removed`'s own predecessors instead,
 * in the same place of its runAfter; statuses for a predecessor it already had are merged.
 */
export function healAround(siblings: JsonObject, removed: string, predecessors: JsonObject): void {
  for (const name of Object.keys(siblings)) {
    const action = siblings[name];
    if (!isObject(action) || !isObject(action['runAfter'])) continue;
    const runAfter = action['runAfter'];
    if (!Object.prototype.hasOwnProperty.call(runAfter, removed)) continue;
    const viaRemoved = statusesOf(runAfter[removed]);
    const merged = new Map<string, string[]>();
    for (const [key, value] of Object.entries(runAfter)) {
      if (key !== removed) {
        merged.set(key, union(merged.get(key) ?? [], statusesOf(value)));
        continue;
      }
      for (const [pred, statuses] of Object.entries(predecessors)) {
        if (pred === name) continue;
        merged.set(pred, union(merged.get(pred) ?? [], bridge(statusesOf(statuses), viaRemoved)));
      }
    }
    replaceEntries(runAfter, [...merged].map(([k, v]) => [k, v] as const));
  }
}

/** Removes runAfter entries naming `removed` from every sibling (the action left this container). */
export function dropReferences(siblings: JsonObject, removed: string): void {
  for (const action of Object.values(siblings)) {
    if (isObject(action) && isObject(action['runAfter'])) delete action['runAfter'][removed];
  }
}

/** Renames a runAfter key in every action of one container, keeping its place. */
export function renameReferences(siblings: JsonObject, from: string, to: string): void {
  for (const action of Object.values(siblings)) {
    if (!isObject(action) || !isObject(action['runAfter'])) continue;
    const runAfter = action['runAfter'];
    if (!Object.prototype.hasOwnProperty.call(runAfter, from)) continue;
    replaceEntries(runAfter, Object.entries(runAfter).map(([k, v]) => [k === from ? to : k, v] as const));
  }
}

/** Checks a runAfter for `name` against its siblings: known names, real statuses, no cycle. */
export function checkRunAfter(siblings: JsonObject, name: string, runAfter: Json): void {
  if (!isObject(runAfter)) throw new DesignerError('InvalidRunAfter', `runAfter of '${name}' must be an object`);
  for (const [pred, statuses] of Object.entries(runAfter)) {
    if (pred === name) throw new DesignerError('InvalidRunAfter', `'${name}' cannot run after itself`);
    if (!isObject(siblings[pred])) {
      throw new DesignerError('InvalidRunAfter', `'${name}' cannot run after '${pred}': not an action of the same container`);
    }
    if (!Array.isArray(statuses) || statuses.some((s) => typeof s !== 'string' || !RUN_STATUSES.some((r) => r.toLowerCase() === s.toLowerCase()))) {
      throw new DesignerError('InvalidRunAfter', `runAfter '${pred}' of '${name}' must list statuses among ${RUN_STATUSES.join(', ')}`);
    }
  }
  const cycle = findCycle(siblings, name, runAfter);
  if (cycle) throw new DesignerError('InvalidRunAfter', `runAfter of '${name}' would make a cycle: ${cycle.join(' → ')}`);
}

/** A path from `name` back to itself through the proposed runAfter, if one exists. */
function findCycle(siblings: JsonObject, name: string, runAfter: JsonObject): string[] | undefined {
  const predsOf = (n: string): string[] => {
    if (n === name) return Object.keys(runAfter);
    const action = siblings[n];
    return isObject(action) && isObject(action['runAfter']) ? Object.keys(action['runAfter']) : [];
  };
  const seen = new Set<string>();
  const stack: [string, string[]][] = Object.keys(runAfter).map((p) => [p, [name, p]]);
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (current === name) return path.reverse();
    if (seen.has(current)) continue;
    seen.add(current);
    for (const pred of predsOf(current)) stack.push([pred, [...path, pred]]);
  }
  return undefined;
}

export function setRunAfter(action: JsonObject, runAfter: JsonObject): void {
  setOwn(action, 'runAfter', runAfter);
}
