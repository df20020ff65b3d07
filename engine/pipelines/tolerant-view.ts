/**
 * The parts of a (possibly schema-invalid) document that have the right shape, typed as a
 * PipelineDefinition, so the semantic checks can run even when the schema check failed and a user
 * sees every issue in one pass. Wrongly shaped parts are dropped (the schema check reports them);
 * keys and array indexes are kept so pointers stay true.
 */
import { isPlainObject } from '../../definitions/unwrap.js';
import type {
  ComputeTargetDefinition,
  ParameterType,
  PipelineDefinition,
  PipelineParameterDefinition,
  StepDefinition,
  StepInputDefinition,
  StepOutputDefinition,
} from './definition.js';

const PARAMETER_TYPES: readonly string[] = ['string', 'int', 'float', 'bool', 'datapath'];
const RUNTIMES: readonly string[] = ['python', 'node', 'command'];

export function tolerantView(raw: Record<string, unknown>): PipelineDefinition {
  const view: PipelineDefinition = { name: str(raw['name']) ?? '', steps: mapOf(raw['steps'], step) };
  if (isPlainObject(raw['parameters'])) view.parameters = mapOf(raw['parameters'], parameter);
  if (isPlainObject(raw['computeTargets'])) view.computeTargets = mapOf(raw['computeTargets'], computeTarget);
  copyString(raw, view, 'defaultCompute');
  copyString(raw, view, 'defaultDatastore');
  return view;
}

function parameter(raw: unknown): PipelineParameterDefinition | undefined {
  if (!isPlainObject(raw) || !PARAMETER_TYPES.includes(String(raw['type']))) return undefined;
  const out: PipelineParameterDefinition = { type: raw['type'] as ParameterType };
  const d = raw['default'];
  if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean') out.default = d;
  copyString(raw, out, 'datastore');
  copyString(raw, out, 'path');
  return out;
}

function computeTarget(raw: unknown): ComputeTargetDefinition | undefined {
  return isPlainObject(raw) ? { maxNodes: typeof raw['maxNodes'] === 'number' ? raw['maxNodes'] : 1 } : undefined;
}

function step(raw: unknown): StepDefinition | undefined {
  if (!isPlainObject(raw)) return undefined;
  const runtime = RUNTIMES.includes(String(raw['runtime'])) ? (raw['runtime'] as StepDefinition['runtime']) : undefined;
  if (!runtime) return undefined;
  const out: StepDefinition = { runtime };
  copyString(raw, out, 'script');
  copyString(raw, out, 'sourceDirectory');
  copyString(raw, out, 'compute');
  if (Array.isArray(raw['command'])) out.command = strings(raw['command']);
  if (Array.isArray(raw['arguments'])) out.arguments = strings(raw['arguments']);
  if (isPlainObject(raw['inputs'])) out.inputs = mapOf(raw['inputs'], input);
  if (isPlainObject(raw['outputs'])) out.outputs = mapOf(raw['outputs'], output);
  if (typeof raw['allowReuse'] === 'boolean') out.allowReuse = raw['allowReuse'];
  if (isPlainObject(raw['environment'])) out.environment = mapOf(raw['environment'], str);
  return out;
}

function input(raw: unknown): StepInputDefinition | undefined {
  if (!isPlainObject(raw)) return undefined;
  const [step, output, datastore, path, parameter] = ['step', 'output', 'datastore', 'path', 'parameter'].map((k) => str(raw[k]));
  if (step !== undefined && output !== undefined) return { step, output };
  if (datastore !== undefined && path !== undefined) return { datastore, path };
  if (parameter !== undefined) return { parameter };
  return undefined;
}

function output(raw: unknown): StepOutputDefinition | undefined {
  if (!isPlainObject(raw)) return undefined;
  const out: StepOutputDefinition = {};
  copyString(raw, out, 'datastore');
  copyString(raw, out, 'path');
  if (typeof raw['isDirectory'] === 'boolean') out.isDirectory = raw['isDirectory'];
  return out;
}

function mapOf<T>(raw: unknown, read: (value: unknown) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isPlainObject(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    const read_ = read(value);
    if (read_ !== undefined) out[key] = read_;
  }
  return out;
}

/** Non-strings become '' so the indexes of the others stay what the document says. */
function strings(raw: unknown[]): string[] {
  return raw.map((v) => (typeof v === 'string' ? v : ''));
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function copyString<K extends string>(from: Record<string, unknown>, to: Partial<Record<K, unknown>>, key: K): void {
  const value = from[key];
  if (typeof value === 'string') to[key] = value;
}
