import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from `test/` or compiled `dist/test/`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith(`${'/'}dist`)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
  return dir;
}

/** `../shared` beside the repository: the conformance vectors and specs we did not write. */
export function sharedDir(): string {
  return join(repoRoot(), '..', 'shared');
}
