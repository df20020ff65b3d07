/**
 * Submit-time values (REST `ParameterAssignments` / `DataPathAssignments`, schedules, the CLI)
 * checked against the definition and merged with its defaults. Azure's SDK sends scalars as
 * strings (`str(value)`, spec §1.7), so "0.5" is a fine float and "True" a fine bool. Every issue
 * names the field (`ParameterAssignments.alpha: ...`) because the REST layer returns them as 400.
 */
import { issue, type Issue } from '../../definitions/issue.js';
import { pointerOf } from '../../definitions/json-pointer.js';
import { describe, isPlainObject } from '../../definitions/unwrap.js';
import { relativePathProblem } from './datastore-path.js';
import type { ParameterType, PipelineDefinition } from './definition.js';
import { typeLabel } from './parameter-checks.js';

export interface Assignments {
  parameterAssignments?: Record<string, unknown>;
  dataPathAssignments?: Record<string, unknown>;
}

export interface AssignmentOptions {
  /** Registered datastore names; unknown DataStoreNames are issues when given. */
  knownDatastores?: readonly string[];
}

export interface ResolvedParameters {
  /** Every scalar parameter: the assigned value converted to its type, else the default. */
  values: Record<string, string | number | boolean>;
  /** Every DataPath parameter: the assigned location, else the default. */
  dataPaths: Record<string, { datastore: string; path: string }>;
}

export function validateAssignments(definition: PipelineDefinition, assignments: Assignments, options: AssignmentOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const declared = definition.parameters ?? {};
  for (const [name, value] of Object.entries(assignments.parameterAssignments ?? {})) {
    const field = `ParameterAssignments.${name}`;
    const at = pointerOf('ParameterAssignments', name);
    const p = declared[name];
    if (!p) issues.push(issue('UnknownPipelineParameter', at, `${field}: the pipeline has no parameter '${name}'${known(definition, false)}`));
    else if (p.type === 'datapath') issues.push(issue('InvalidParameterBinding', at, `${field}: '${name}' is a DataPath parameter; assign it in DataPathAssignments as {DataStoreName, RelativePath}`));
    else if (convert(p.type, value) === undefined) issues.push(issue('InvalidParameterValue', at, `${field}: expected ${typeLabel(p.type)}, got ${shown(value)}`));
  }
  for (const [name, value] of Object.entries(assignments.dataPathAssignments ?? {})) {
    issues.push(...dataPathIssues(definition, name, value, options));
  }
  return issues;
}

function dataPathIssues(definition: PipelineDefinition, name: string, value: unknown, options: AssignmentOptions): Issue[] {
  const field = `DataPathAssignments.${name}`;
  const at = (...tokens: string[]): string => pointerOf('DataPathAssignments', name, ...tokens);
  const p = definition.parameters?.[name];
  if (!p) return [issue('UnknownPipelineParameter', at(), `${field}: the pipeline has no DataPath parameter '${name}'${known(definition, true)}`)];
  if (p.type !== 'datapath') return [issue('InvalidParameterBinding', at(), `${field}: '${name}' is ${typeLabel(p.type)} parameter; assign it in ParameterAssignments`)];
  if (!isPlainObject(value)) return [issue('InvalidParameterValue', at(), `${field}: expected {DataStoreName, RelativePath}, got ${describe(value)}`)];
  const issues: Issue[] = [];
  const store = value['DataStoreName'];
  const path = value['RelativePath'];
  if (typeof store !== 'string' || store === '') {
    issues.push(issue('InvalidParameterValue', at('DataStoreName'), `${field}.DataStoreName: expected a datastore name, got ${describe(store)}`));
  } else if (options.knownDatastores && !options.knownDatastores.includes(store)) {
    issues.push(issue('UnknownDatastore', at('DataStoreName'), `${field}.DataStoreName: no datastore is registered as '${store}'`));
  }
  if (typeof path !== 'string') {
    issues.push(issue('InvalidParameterValue', at('RelativePath'), `${field}.RelativePath: expected a path on the datastore, got ${describe(path)}`));
  } else {
    const problem = relativePathProblem(path);
    if (problem) issues.push(issue('InvalidDatastorePath', at('RelativePath'), `${field}.RelativePath ${problem}, got ${JSON.stringify(path)}`));
  }
  return issues;
}

/** Values to run with, after validateAssignments found nothing. Throws on an invalid value. */
export function resolveParameters(definition: PipelineDefinition, assignments: Assignments): ResolvedParameters {
  const resolved: ResolvedParameters = { values: {}, dataPaths: {} };
  for (const [name, p] of Object.entries(definition.parameters ?? {})) {
    if (p.type === 'datapath') {
      const assigned = assignments.dataPathAssignments?.[name] as { DataStoreName: string; RelativePath: string } | undefined;
      resolved.dataPaths[name] = assigned ? { datastore: assigned.DataStoreName, path: assigned.RelativePath } : { datastore: p.datastore ?? '', path: p.path ?? '' };
      continue;
    }
    const raw = assignments.parameterAssignments?.[name];
    const value = raw === undefined ? p.default : convert(p.type, raw);
    if (value === undefined) throw new Error(`parameter '${name}' has no valid value; call validateAssignments first`);
    resolved.values[name] = value;
  }
  return resolved;
}

/** The value as its declared type, or undefined when it is not one. */
export function convert(type: ParameterType, value: unknown): string | number | boolean | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    case 'int': {
      const n = typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'float': {
      const n = typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) return value.trim().toLowerCase() === 'true';
      return undefined;
    case 'datapath':
      return undefined;
  }
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describe(value);
}

function known(definition: PipelineDefinition, dataPath: boolean): string {
  const names = Object.entries(definition.parameters ?? {})
    .filter(([, p]) => (p.type === 'datapath') === dataPath)
    .map(([n]) => n);
  return names.length ? ` (it has: ${names.join(', ')})` : '';
}
