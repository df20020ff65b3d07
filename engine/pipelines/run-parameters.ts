/**
 * Parameter values of one run: the definition's defaults overlaid with the submission's
 * assignments, checked and converted to the declared types; DataPath parameters resolved to a
 * datastore location. Everything wrong is reported at once, each issue naming its field, before
 * anything is stored or started.
 */
import { DefinitionError } from '../errors.js';
import type { PipelineDefinition } from './definition.js';
import type { Location } from './materialize.js';
import { checkRelativeAssignment } from './safe-paths.js';
import type { SubmitRequest } from './runner-types.js';

export type ScalarValue = string | number | boolean;

export interface RunParameters {
  scalars: Record<string, ScalarValue>;
  dataPaths: Record<string, Location>;
}

export function resolveRunParameters(definition: PipelineDefinition, request: SubmitRequest, datastoreExists: (name: string) => boolean): RunParameters {
  const declared = definition.parameters ?? {};
  const issues: string[] = [];
  const scalars: Record<string, ScalarValue> = {};
  const dataPaths: Record<string, Location> = {};
  for (const [name, parameter] of Object.entries(declared)) {
    if (parameter.type === 'datapath') {
      if (parameter.datastore !== undefined && parameter.path !== undefined) dataPaths[name] = { datastore: parameter.datastore, path: parameter.path };
    } else if (parameter.default !== undefined) {
      scalars[name] = parameter.default;
    }
  }
  for (const [name, value] of Object.entries(request.parameterAssignments ?? {})) {
    const parameter = declared[name];
    if (parameter === undefined) issues.push(`ParameterAssignments.${name}: the pipeline has no parameter '${name}'`);
    else if (parameter.type === 'datapath') issues.push(`ParameterAssignments.${name}: '${name}' is a DataPath parameter; assign it in DataPathAssignments`);
    else {
      const converted = convert(value, parameter.type);
      if (converted === undefined) issues.push(`ParameterAssignments.${name}: expected ${parameter.type}, got ${JSON.stringify(value)}`);
      else scalars[name] = converted;
    }
  }
  for (const [name, value] of Object.entries(request.dataPathAssignments ?? {})) {
    const field = `DataPathAssignments.${name}`;
    if (declared[name]?.type !== 'datapath') {
      issues.push(`${field}: the pipeline has no DataPath parameter '${name}'`);
      continue;
    }
    try {
      const path = checkRelativeAssignment(String(value?.RelativePath ?? ''), `${field}.RelativePath`);
      if (!datastoreExists(value.DataStoreName)) issues.push(`${field}.DataStoreName: no datastore named '${value.DataStoreName}'`);
      else dataPaths[name] = { datastore: value.DataStoreName, path };
    } catch (err) {
      issues.push((err as Error).message);
    }
  }
  for (const [name, location] of Object.entries(dataPaths)) {
    if (!(name in (request.dataPathAssignments ?? {})) && !datastoreExists(location.datastore)) {
      issues.push(`parameters.${name}: its default datastore '${location.datastore}' is not configured`);
    }
  }
  if (issues.length > 0) throw new DefinitionError('InvalidArgument', issues.join('; '));
  return { scalars, dataPaths };
}

function convert(value: ScalarValue, type: 'string' | 'int' | 'float' | 'bool'): ScalarValue | undefined {
  switch (type) {
    case 'string':
      return String(value);
    case 'int': {
      const n = typeof value === 'number' ? value : /^[+-]?\d+$/.test(String(value).trim()) ? Number(String(value).trim()) : NaN;
      return Number.isSafeInteger(n) ? n : undefined;
    }
    case 'float': {
      const text = String(value).trim();
      const n = typeof value === 'number' ? value : text === '' ? NaN : Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (/^(true|false)$/i.test(String(value))) return String(value).toLowerCase() === 'true';
      return undefined;
  }
}
