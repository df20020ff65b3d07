/**
 * The function table: every family's entries, keyed by lower-cased name because Logic Apps matches
 * function names ignoring case. Explicit imports, no directory scan, so the table is what it says.
 */
import { collectionFunctions } from './collection.js';
import { conversionFunctions } from './conversion.js';
import { dateFunctions } from './date.js';
import { extensionFunctions } from './extensions.js';
import type { FunctionDef } from './function-def.js';
import { logicalFunctions } from './logical.js';
import { manipulationFunctions } from './manipulation.js';
import { mathFunctions } from './math.js';
import { numberConversionFunctions } from './number-conversion.js';
import { stringFunctions } from './string.js';
import { uriFunctions } from './uri.js';
import { workflowFunctions } from './workflow.js';

export type { FunctionDef } from './function-def.js';

const families: readonly (readonly FunctionDef[])[] = [
  stringFunctions,
  collectionFunctions,
  logicalFunctions,
  mathFunctions,
  numberConversionFunctions,
  conversionFunctions,
  dateFunctions,
  uriFunctions,
  manipulationFunctions,
  workflowFunctions,
  extensionFunctions,
];

function buildTable(): ReadonlyMap<string, FunctionDef> {
  const table = new Map<string, FunctionDef>();
  for (const family of families) {
    for (const def of family) {
      const key = def.name.toLowerCase();
      if (table.has(key)) throw new Error(`function '${def.name}' is declared twice`);
      table.set(key, def);
    }
  }
  return table;
}

export const FUNCTIONS: ReadonlyMap<string, FunctionDef> = buildTable();

export function lookupFunction(name: string): FunctionDef | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}
