/**
 * Checks of the pipeline's parameters and compute targets: typed defaults (a default is mandatory,
 * as for PipelineParameter), DataPath parameters with a default datastore and a safe path.
 */
import { issue, type Issue } from '../../definitions/issue.js';
import { pointerOf } from '../../definitions/json-pointer.js';
import { describe } from '../../definitions/unwrap.js';
import { relativePathProblem } from './datastore-path.js';
import type { ParameterType, PipelineDefinition, PipelineParameterDefinition } from './definition.js';

export const BUILTIN_COMPUTE = 'local';

export function checkParameters(definition: PipelineDefinition): Issue[] {
  const issues: Issue[] = [];
  for (const [name, p] of Object.entries(definition.parameters ?? {})) {
    issues.push(...(p.type === 'datapath' ? dataPathIssues(name, p) : scalarIssues(name, p)));
  }
  return issues;
}

function dataPathIssues(name: string, p: PipelineParameterDefinition): Issue[] {
  const at = (...tokens: string[]): string => pointerOf('parameters', name, ...tokens);
  const issues: Issue[] = [];
  if (p.default !== undefined) {
    issues.push(issue('InvalidParameterDefault', at('default'), `DataPath parameter '${name}' takes its default from 'datastore' and 'path', not 'default'`));
  }
  if (p.datastore === undefined) issues.push(issue('InvalidParameterDefault', at(), `DataPath parameter '${name}' needs a default 'datastore'`));
  if (p.path === undefined) issues.push(issue('InvalidParameterDefault', at(), `DataPath parameter '${name}' needs a default 'path'`));
  const problem = p.path === undefined ? undefined : relativePathProblem(p.path);
  if (problem) issues.push(issue('InvalidDatastorePath', at('path'), `the default path of DataPath parameter '${name}' ${problem}`));
  return issues;
}

function scalarIssues(name: string, p: PipelineParameterDefinition): Issue[] {
  const at = (...tokens: string[]): string => pointerOf('parameters', name, ...tokens);
  const issues: Issue[] = [];
  for (const key of ['datastore', 'path'] as const) {
    if (p[key] !== undefined) issues.push(issue('InvalidParameterDefault', at(key), `'${key}' applies to datapath parameters only; '${name}' is of type ${p.type}`));
  }
  if (p.default === undefined) {
    issues.push(issue('InvalidParameterDefault', at(), `parameter '${name}' (${p.type}) needs a default; pipeline parameters always have one`));
  } else if (!matchesType(p.type, p.default)) {
    issues.push(issue('InvalidParameterDefault', at('default'), `the default of parameter '${name}' must be ${typeLabel(p.type)}, got ${describe(p.default)}`));
  }
  return issues;
}

export function matchesType(type: ParameterType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'datapath':
      return false;
  }
}

export function typeLabel(type: ParameterType): string {
  return { string: 'a string', int: 'an int', float: 'a float', bool: 'a bool', datapath: 'a DataPath' }[type];
}

/** `local` always exists; `computeTargets` adds more (or resizes `local`). */
export function checkComputeTargets(definition: PipelineDefinition): Issue[] {
  const known = new Set([BUILTIN_COMPUTE, ...Object.keys(definition.computeTargets ?? {})]);
  const list = [...known].map((k) => `'${k}'`).join(', ');
  const issues: Issue[] = [];
  if (definition.defaultCompute !== undefined && !known.has(definition.defaultCompute)) {
    issues.push(issue('UnknownComputeTarget', '/defaultCompute', `defaultCompute names the compute target '${definition.defaultCompute}', which is not declared (known: ${list})`));
  }
  for (const [name, step] of Object.entries(definition.steps)) {
    if (step.compute !== undefined && !known.has(step.compute)) {
      issues.push(issue('UnknownComputeTarget', pointerOf('steps', name, 'compute'), `step '${name}' runs on the compute target '${step.compute}', which is not declared (known: ${list})`));
    }
  }
  return issues;
}

/** Only when the caller knows the registered datastores (the engine's config). */
export function checkDatastores(definition: PipelineDefinition, known: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  const check = (name: string | undefined, pointer: string, what: string): void => {
    if (name !== undefined && !known.includes(name)) {
      issues.push(issue('UnknownDatastore', pointer, `${what} names the datastore '${name}', which is not registered (known: ${known.map((k) => `'${k}'`).join(', ')})`));
    }
  };
  check(definition.defaultDatastore, '/defaultDatastore', 'defaultDatastore');
  for (const [name, p] of Object.entries(definition.parameters ?? {})) check(p.datastore, pointerOf('parameters', name, 'datastore'), `DataPath parameter '${name}'`);
  for (const [stepName, step] of Object.entries(definition.steps)) {
    for (const [i, input] of Object.entries(step.inputs ?? {})) {
      if ('datastore' in input) check(input.datastore, pointerOf('steps', stepName, 'inputs', i, 'datastore'), `input '${i}' of step '${stepName}'`);
    }
    for (const [o, output] of Object.entries(step.outputs ?? {})) {
      check(output.datastore, pointerOf('steps', stepName, 'outputs', o, 'datastore'), `output '${o}' of step '${stepName}'`);
    }
  }
  return issues;
}
