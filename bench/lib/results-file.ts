/**
 * Where benchmark results are kept: `bench/results/<prefix><UTC stamp>.json`, one file per run
 * (ISO basic time, so names sort by date and repeated runs on one day do not overwrite).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './sluice-server.js';

export const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');

/** 2026-11-21T085012Z */
export function utcStamp(date = new Date()): string {
  return date.toISOString().replace(/:/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Writes atomically (temp file + rename), returns the path relative to the project root. */
export function writeResult(prefix: string, stamp: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const name = `${prefix}${stamp}.json`;
  const tmp = join(RESULTS_DIR, `${name}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(tmp, join(RESULTS_DIR, name));
  return `bench/results/${name}`;
}

/** Newest result file whose name is `<prefix><stamp>.json` (prefix '' = the peers runs), parsed. */
export function latestResult<T>(prefix: string): { file: string; data: T } | undefined {
  const pattern = new RegExp(`^${prefix}\\d{4}-\\d{2}-\\d{2}T\\d{6}Z\\.json$`);
  let names: string[];
  try { names = readdirSync(RESULTS_DIR).filter((n) => pattern.test(n)).sort(); } catch { return undefined; }
  const name = names.at(-1);
  if (name === undefined) return undefined;
  return { file: `bench/results/${name}`, data: JSON.parse(readFileSync(join(RESULTS_DIR, name), 'utf8')) as T };
}
