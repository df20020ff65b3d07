/**
 * Functions Sluice adds beyond the Logic Apps reference, for selecting data without code.
 * `jsonPath(value, path)` returns every match of a JSONPath query (jsonpath-plus syntax) as an array.
 */
import { JSONPath } from 'jsonpath-plus';
import { toPlain, type Value } from '../value.js';
import { argString, failArg } from './args.js';
import { fn, type FunctionDef } from './function-def.js';

export const extensionFunctions: FunctionDef[] = [
  fn('jsonPath', 2, 2, (args, ctx) => {
    const path = argString(ctx, args, 1);
    if (!path.startsWith('$')) failArg(ctx, 1, `must be a JSONPath starting with '$', got '${path}'`);
    let matches: unknown[];
    try {
      matches = JSONPath({ path, json: toPlain(args[0]!) as object, wrap: true }) as unknown[];
    } catch (err) {
      return failArg(ctx, 1, `is not a valid JSONPath: ${(err as Error).message}`);
    }
    return matches.map((m) => (m === undefined ? null : m)) as Value[];
  }),
];
