/**
 * The body of a pipeline submission as Azure ML's pipeline service takes it (spec §5.3): PascalCase
 * keys, matched ignoring case so camelCase callers (ADF's `continueOnStepFailure`, `tags`) work too.
 * Scalar parameter values may be strings or JSON scalars; they are checked against the published
 * pipeline's declared types and converted to them. Every problem is reported at once, each naming
 * its field (`ParameterAssignments.alpha`), and nothing is started when there is one.
 */
import type { PipelineDefinition, PipelineParameterDefinition } from './definition.js';
import { invalidRequest, type ErrorDetail } from './publishing-errors.js';

export type ScalarValue = string | number | boolean;
export type DataPathValue = { DataStoreName: string; RelativePath: string };

export interface SubmitBody {
  experimentName: string;
  parameterAssignments: Record<string, ScalarValue>;
  dataPathAssignments: Record<string, DataPathValue>;
  description?: string;
  displayName?: string;
  tags: Record<string, string>;
  runSource?: string;
  continueOnStepFailure?: boolean;
  parentRunId?: string;
  /** Sluice extension: run every step even when an earlier run could be reused. */
  regenerateOutputs?: boolean;
}

/** Experiment names as Azure ML allows them: letters, digits, `_` and `-`, up to 255 characters. */
const EXPERIMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of the first of `names` present, compared ignoring case; with the key as sent. */
function member(body: Json, ...names: string[]): { key: string; value: unknown } | undefined {
  for (const name of names) {
    const wanted = name.toLowerCase();
    const key = Object.keys(body).find((k) => k.toLowerCase() === wanted);
    if (key !== undefined) return { key, value: body[key] };
  }
  return undefined;
}

function optionalString(body: Json, field: string, details: ErrorDetail[], ...aliases: string[]): string | undefined {
  const found = member(body, field, ...aliases);
  if (found === undefined || found.value === null) return undefined;
  if (typeof found.value !== 'string') {
    details.push({ target: field, message: 'must be a string' });
    return undefined;
  }
  return found.value;
}

function optionalBool(body: Json, field: string, details: ErrorDetail[], ...aliases: string[]): boolean | undefined {
  const found = member(body, field, ...aliases);
  if (found === undefined || found.value === null) return undefined;
  if (typeof found.value === 'boolean') return found.value;
  if (typeof found.value === 'string' && /^(true|false)$/i.test(found.value)) return found.value.toLowerCase() === 'true';
  details.push({ target: field, message: 'must be true or false' });
  return undefined;
}

function stringMap(body: Json, field: string, details: ErrorDetail[]): Record<string, string> {
  const found = member(body, field);
  if (found === undefined || found.value === null) return {};
  if (!isRecord(found.value)) {
    details.push({ target: field, message: 'must be a JSON object of strings' });
    return {};
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(found.value)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
    else details.push({ target: `${field}.${key}`, message: 'must be a string' });
  }
  return out;
}

function rawAssignments(body: Json, field: string, details: ErrorDetail[]): Json {
  const found = member(body, field);
  if (found === undefined || found.value === null) return {};
  if (!isRecord(found.value)) {
    details.push({ target: field, message: 'must be a JSON object' });
    return {};
  }
  return found.value;
}

/** Reads the body's shape; values are checked against the pipeline by `checkAssignments`. */
export function parseSubmitBody(input: unknown, query: { parentRunId?: string } = {}): { body: SubmitBody; raw: { parameters: Json; dataPaths: Json } } {
  const details: ErrorDetail[] = [];
  if (!isRecord(input)) throw invalidRequest([{ target: 'body', message: 'must be a JSON object with at least ExperimentName' }]);
  const experimentName = optionalString(input, 'ExperimentName', details);
  if (experimentName === undefined) {
    if (!details.some((d) => d.target === 'ExperimentName')) details.push({ target: 'ExperimentName', message: 'is required' });
  } else if (!EXPERIMENT_NAME.test(experimentName)) {
    details.push({ target: 'ExperimentName', message: `'${experimentName}' is not a valid experiment name: use letters, digits, '_' and '-' (up to 255), starting with a letter or digit` });
  }
  const body: SubmitBody = {
    experimentName: experimentName ?? '',
    parameterAssignments: {},
    dataPathAssignments: {},
    tags: stringMap(input, 'Tags', details),
  };
  const assign = <K extends keyof SubmitBody>(key: K, value: SubmitBody[K] | undefined): void => {
    if (value !== undefined) body[key] = value;
  };
  assign('description', optionalString(input, 'Description', details));
  assign('displayName', optionalString(input, 'DisplayName', details));
  assign('runSource', optionalString(input, 'RunSource', details));
  assign('continueOnStepFailure', optionalBool(input, 'ContinueOnStepFailure', details, 'ContinueRunOnStepFailure'));
  assign('regenerateOutputs', optionalBool(input, 'RegenerateOutputs', details));
  assign('parentRunId', query.parentRunId ?? optionalString(input, 'ParentRunId', details));
  const raw = { parameters: rawAssignments(input, 'ParameterAssignments', details), dataPaths: rawAssignments(input, 'DataPathAssignments', details) };
  if (details.length > 0) throw invalidRequest(details);
  return { body, raw };
}

/** A scalar value converted to the parameter's type, or a message saying why it cannot be. */
function scalarOf(definition: PipelineParameterDefinition, value: unknown): ScalarValue | string[] {
  const type = definition.type;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return [`must be a ${type} value (a string or a JSON scalar)`];
  const text = String(value).trim();
  if (type === 'string') return typeof value === 'string' ? value : String(value);
  if (type === 'int') {
    if (typeof value === 'boolean' || !/^[-+]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) return [`expected an int, got ${JSON.stringify(value)}`];
    return Number(text);
  }
  if (type === 'float') {
    if (typeof value === 'boolean' || text === '' || !Number.isFinite(Number(text))) return [`expected a float, got ${JSON.stringify(value)}`];
    return Number(text);
  }
  if (type === 'bool') {
    if (typeof value === 'boolean') return value;
    if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
    return [`expected a bool (true or false), got ${JSON.stringify(value)}`];
  }
  return ['is a DataPath parameter: assign it in DataPathAssignments'];
}

/** Why a relative path could leave its datastore's root, or undefined when it cannot. */
export function unsafeRelativePath(path: string): string | undefined {
  if (path.includes('\\')) return 'must not contain a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'must be relative to the datastore root, not absolute';
  if (path.split('/').some((s) => s === '..' || s === '.')) return "must not contain '.' or '..' segments";
  if (path.includes('\0')) return 'must not contain NUL characters';
  return undefined;
}

function dataPathOf(target: string, value: unknown, datastores: ReadonlySet<string>, details: ErrorDetail[]): DataPathValue | undefined {
  if (!isRecord(value)) {
    details.push({ target, message: 'must be an object {"DataStoreName", "RelativePath"}' });
    return undefined;
  }
  const store = member(value, 'DataStoreName');
  const path = member(value, 'RelativePath');
  const before = details.length;
  if (typeof store?.value !== 'string' || store.value === '') details.push({ target: `${target}.DataStoreName`, message: 'is required (a string)' });
  else if (!datastores.has(store.value)) details.push({ target: `${target}.DataStoreName`, message: `unknown datastore '${store.value}'; configured: ${[...datastores].join(', ') || 'none'}` });
  if (typeof path?.value !== 'string' || path.value === '') details.push({ target: `${target}.RelativePath`, message: 'is required (a string)' });
  else {
    const unsafe = unsafeRelativePath(path.value);
    if (unsafe !== undefined) details.push({ target: `${target}.RelativePath`, message: `'${path.value}' ${unsafe}` });
  }
  if (details.length > before) return undefined;
  return { DataStoreName: store!.value as string, RelativePath: path!.value as string };
}

/**
 * Checks the assignments against the pipeline's parameters and fills `body`'s typed maps; throws a
 * 400 naming every field at fault.
 */
export function checkAssignments(definition: PipelineDefinition, parsed: { body: SubmitBody; raw: { parameters: Json; dataPaths: Json } }, datastores: ReadonlySet<string>): SubmitBody {
  const details: ErrorDetail[] = [];
  const declared = definition.parameters ?? {};
  const known = Object.keys(declared);
  const { body, raw } = parsed;
  for (const [name, value] of Object.entries(raw.parameters)) {
    const target = `ParameterAssignments.${name}`;
    const parameter = Object.prototype.hasOwnProperty.call(declared, name) ? declared[name]! : undefined;
    if (parameter === undefined) {
      details.push({ target, message: `the pipeline has no parameter '${name}'${known.length ? `; its parameters: ${known.join(', ')}` : ''}` });
      continue;
    }
    const scalar = scalarOf(parameter, value);
    if (Array.isArray(scalar)) details.push({ target, message: scalar[0]! });
    else body.parameterAssignments[name] = scalar;
  }
  for (const [name, value] of Object.entries(raw.dataPaths)) {
    const target = `DataPathAssignments.${name}`;
    const parameter = Object.prototype.hasOwnProperty.call(declared, name) ? declared[name]! : undefined;
    if (parameter === undefined || parameter.type !== 'datapath') {
      const datapaths = known.filter((k) => declared[k]!.type === 'datapath');
      details.push({ target, message: `the pipeline has no DataPath parameter '${name}'${datapaths.length ? `; its DataPath parameters: ${datapaths.join(', ')}` : ''}` });
      continue;
    }
    const path = dataPathOf(target, value, datastores, details);
    if (path !== undefined) body.dataPathAssignments[name] = path;
  }
  if (details.length > 0) throw invalidRequest(details);
  return body;
}
