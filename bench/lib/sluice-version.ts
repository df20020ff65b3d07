/**
 * Which Sluice was measured: package version and git commit, and whether the engine had
 * uncommitted changes (figures move while the engine is being optimized).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './sluice-server.js';

export interface SluiceVersion {
  version: string;
  commit?: string;
  /** Files under engine/ and connectors/ that differ from the commit. */
  uncommitted_engine_files?: number;
}

export function sluiceVersion(): SluiceVersion {
  const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'engine', 'connectors'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return { version, commit, uncommitted_engine_files: dirty };
  } catch {
    return { version };
  }
}
