/**
 * The body of a schedule create or update, read field by field: SDK snake_case names (camelCase
 * accepted), each value's type checked, every problem kept with its field.
 */
import { normalizeFolder } from '../../connectors/blob/datastore-paths.js';
import type { ParameterValue } from './schedule-types.js';

export interface FieldIssue {
  /** Dotted path of the field (`recurrence.hours`, `pipeline_parameters.alpha`), '' for the body. */
  field: string;
  message: string;
}

export interface ScheduleInput {
  name?: string;
  pipeline_id?: string;
  pipeline_endpoint_id?: string;
  experiment_name?: string;
  description?: string;
  recurrence?: unknown;
  datastore?: string;
  polling_interval?: number;
  data_path_parameter_name?: string;
  path_on_datastore?: string;
  continue_on_step_failure?: boolean;
  pipeline_parameters?: Record<string, ParameterValue>;
  status?: 'Active' | 'Disabled';
}

type Field = keyof ScheduleInput;
const FIELDS: readonly Field[] = [
  'name', 'pipeline_id', 'pipeline_endpoint_id', 'experiment_name', 'description', 'recurrence', 'datastore', 'polling_interval',
  'data_path_parameter_name', 'path_on_datastore', 'continue_on_step_failure', 'pipeline_parameters', 'status',
];
const camel = (s: string): string => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const BY_NAME = new Map<string, Field>([...FIELDS.map((f) => [f, f] as const), ...FIELDS.map((f) => [camel(f), f] as const), ['datastore_name', 'datastore'], ['datastoreName', 'datastore']]);
const EXPERIMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(field: Field, value: unknown, issues: FieldIssue[]): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  issues.push({ field, message: `${field} must be a non-empty string.` });
  return undefined;
}

function readParameters(value: unknown, issues: FieldIssue[]): Record<string, ParameterValue> | undefined {
  if (!isRecord(value)) {
    issues.push({ field: 'pipeline_parameters', message: 'pipeline_parameters must be an object of parameter names and values.' });
    return undefined;
  }
  const out: Record<string, ParameterValue> = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[name] = v;
    else issues.push({ field: `pipeline_parameters.${name}`, message: 'A parameter value must be a string, a number or a boolean.' });
  }
  return out;
}

function readField(field: Field, value: unknown, input: ScheduleInput, issues: FieldIssue[]): void {
  switch (field) {
    case 'recurrence':
      input.recurrence = value;
      return;
    case 'pipeline_parameters': {
      const parameters = readParameters(value, issues);
      if (parameters !== undefined) input.pipeline_parameters = parameters;
      return;
    }
    case 'continue_on_step_failure':
      if (typeof value === 'boolean') input.continue_on_step_failure = value;
      else issues.push({ field, message: 'continue_on_step_failure must be true or false.' });
      return;
    case 'polling_interval':
      // The SDK's message (update refuses negative values); 0 would poll without pause, so it is refused too.
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1) input.polling_interval = value;
      else issues.push({ field, message: 'The polling interval must be greater' + (typeof value === 'number' && Number.isInteger(value) ? '' : ' than 0 minutes (an integer)') });
      return;
    case 'status':
      if (value === 'Active' || value === 'Disabled') input.status = value;
      else issues.push({ field, message: 'Status must be either Active or Disabled' });
      return;
    case 'path_on_datastore':
      if (typeof value !== 'string') issues.push({ field, message: 'path_on_datastore must be a string (a folder on the datastore).' });
      else if (value.startsWith('/') || value.includes('\\') || /^[A-Za-z]:/.test(value)) issues.push({ field, message: `path_on_datastore '${value}' must be a relative folder path with '/' separators.` });
      else {
        try {
          input.path_on_datastore = normalizeFolder(value);
        } catch (err) {
          issues.push({ field, message: (err as Error).message });
        }
      }
      return;
    default: {
      const s = text(field, value, issues);
      if (s === undefined) return;
      if (field === 'experiment_name' && !EXPERIMENT_NAME.test(s)) {
        issues.push({ field, message: "experiment_name must be 1 to 255 letters, digits, '_' or '-', starting with a letter or digit." });
        return;
      }
      input[field] = s;
    }
  }
}

export function readScheduleInput(raw: unknown, mode: 'create' | 'update'): { input: ScheduleInput; issues: FieldIssue[] } {
  const input: ScheduleInput = {};
  const issues: FieldIssue[] = [];
  if (!isRecord(raw)) return { input, issues: [{ field: '', message: `The ${mode} request body must be a JSON object.` }] };
  for (const [key, value] of Object.entries(raw)) {
    const field = BY_NAME.get(key);
    if (field === undefined) issues.push({ field: key, message: `Unknown schedule property '${key}'.` });
    else if (value !== undefined && value !== null) readField(field, value, input, issues);
  }
  return { input, issues };
}
