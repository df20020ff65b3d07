/**
 * Loads a pipeline definition: the JSON Schema, then the cross-reference checks, reporting every
 * issue with its JSON pointer (CONVENTIONS §8). Semantic checks run even when the schema check
 * failed, over the parts that have the right shape, so one pass shows everything. Never throws:
 * anything unexpected becomes an `InternalError` issue.
 */
import { issue, type Issue } from '../../definitions/issue.js';
import { describe, isPlainObject } from '../../definitions/unwrap.js';
import type { PipelineDefinition } from './definition.js';
import { checkComputeTargets, checkDatastores, checkParameters } from './parameter-checks.js';
import { checkPipelineSchema } from './pipeline-schema.js';
import { checkCycles, checkDuplicateOutputPaths, checkSteps } from './step-checks.js';
import { tolerantView } from './tolerant-view.js';

export { validateAssignments, resolveParameters, type Assignments, type ResolvedParameters } from './assignments.js';
export type { Issue } from '../../definitions/issue.js';

export interface LoadPipelineOptions {
  /** Registered datastore names (from the config); when given, unknown datastores are issues. */
  knownDatastores?: readonly string[];
}

export type LoadPipelineResult = { ok: true; definition: PipelineDefinition } | { ok: false; issues: Issue[] };

export function loadPipeline(json: unknown, options: LoadPipelineOptions = {}): LoadPipelineResult {
  if (!isPlainObject(json)) {
    return { ok: false, issues: [issue('NotADefinition', '', `expected a pipeline definition (a JSON object with name and steps), got ${describe(json)}`)] };
  }
  // A deep copy: later changes to the caller's object do not reach the loaded definition.
  const copy = structuredClone(json);
  const issues: Issue[] = [];
  const run = (what: string, check: () => Issue[]): void => {
    try {
      issues.push(...check());
    } catch (err) {
      issues.push(issue('InternalError', '', `${what} failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  run('the schema check', () => checkPipelineSchema(copy));
  const view = tolerantView(copy);
  run('the parameter checks', () => checkParameters(view));
  run('the compute target checks', () => checkComputeTargets(view));
  if (options.knownDatastores) {
    const known = options.knownDatastores;
    run('the datastore checks', () => checkDatastores(view, known));
  }
  run('the step checks', () => checkSteps(view));
  run('the cycle check', () => checkCycles(view));
  run('the output path check', () => checkDuplicateOutputPaths(view));
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, definition: copy as unknown as PipelineDefinition };
}
