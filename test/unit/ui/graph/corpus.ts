/** The definitions the designer must open losslessly: examples, golden workflows, real Logic Apps ones. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedDir } from '../../../helpers/paths.js';
import type { WorkflowDefinition } from '../../../../ui/src/graph/index.js';

export interface CorpusEntry {
  readonly file: string;
  /** The file's definition exactly as written, re-serialised with JSON.stringify. */
  readonly text: string;
  readonly definition: WorkflowDefinition;
}

function readFolder(folder: string, member?: string): CorpusEntry[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
    .sort()
    .flatMap((f) => {
      const parsed = JSON.parse(readFileSync(join(folder, f), 'utf8')) as Record<string, unknown>;
      const definition = (member === undefined ? parsed : parsed[member]) as WorkflowDefinition | undefined;
      if (definition === undefined || definition === null || typeof definition !== 'object') return [];
      return [{ file: join(folder, f), text: JSON.stringify(definition), definition }];
    });
}

export function corpus(): CorpusEntry[] {
  return [
    ...readFolder(join(repoRoot(), 'definitions', 'examples')),
    ...readFolder(join(repoRoot(), 'test', 'fixtures', 'workflows'), 'definition'),
    ...readFolder(join(sharedDir(), 'conformance', 'real-definitions')),
  ];
}
