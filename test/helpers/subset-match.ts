/**
 * The golden workflows' "subset match": every key given in the expectation must match, keys not
 * given are not checked. Objects match as subsets, arrays element by element with the same length,
 * numbers by value. Returns every mismatch with its path, so one failing fixture reports all of them.
 */
import { toPlain, type Value } from '../../engine/expressions/value.js';

/** Plain JSON-compatible JavaScript of an engine value (boxed floats and decimals become numbers). */
export function plain(v: Value | undefined): unknown {
  return v === undefined ? undefined : toPlain(v, true);
}

export function subsetMismatches(expected: unknown, actual: unknown, path = '$'): string[] {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && actual === expected ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
  }
  if (expected === null || typeof expected !== 'object') {
    return actual === expected ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array ${show(expected)}, got ${show(actual)}`];
    if (actual.length !== expected.length) return [`${path}: expected ${expected.length} elements ${show(expected)}, got ${actual.length} ${show(actual)}`];
    return expected.flatMap((e, i) => subsetMismatches(e, actual[i], `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
    return [`${path}: expected an object ${show(expected)}, got ${show(actual)}`];
  }
  const record = actual as Record<string, unknown>;
  return Object.entries(expected as Record<string, unknown>).flatMap(([key, e]) =>
    key in record ? subsetMismatches(e, record[key], `${path}.${key}`) : [`${path}.${key}: missing (expected ${show(e)})`],
  );
}

/** Compact JSON for messages; bigints as numbers, long texts shortened. */
export function show(v: unknown): string {
  if (v === undefined) return 'undefined';
  const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
