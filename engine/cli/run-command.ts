/**
 * `sluice run FILE [--trigger-body JSON|@file] [--parameters FILE] [--json]`: runs a workflow once
 * in-process and prints each action's status, duration and outputs, then the run's result; with
 * `--json`, one object `{ status, error?, actions: { name: { status, inputs?, outputs?, error? } },
 * outputs?, response? }`. Exit code 0 when the run Succeeded, 1 otherwise (an invalid definition
 * prints `FILE: /pointer: message` per issue). Values print as the value model writes JSON.
 */
import { readFile } from 'node:fs/promises';
import type { Issue } from '../../definitions/issue.js';
import { formatIssue, jsonErrorMessage } from '../cli-validate.js';
import { isObject, toJsonText, type Value, type ValueObject } from '../expressions/value.js';
import { JsonParseError, parseJson } from '../expressions/json-parse.js';
import type { RunOnceResult } from '../runtime/engine-types.js';
import { readJsonFile, type CommandOutput } from './eval-command.js';

/** The shape of `runWorkflowOnce` (engine/runtime/run-once.ts), injected so tests can pass their own clock. */
export type RunOnce = (options: {
  definition: unknown;
  trigger?: { body?: Value; headers?: Record<string, string>; queries?: Record<string, string> };
  parameters?: Record<string, Value>;
}) => Promise<RunOnceResult>;

export interface RunCommandOptions {
  triggerBody?: string;
  parameters?: string;
  json?: boolean;
}

/** A problem with the command's arguments or files: printed as `error: message`, exit 1. */
class UsageError extends Error {}

async function readDefinition(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    // Definitions load from plain JSON, as `sluice validate` and the REST API read them.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new UsageError(`${file}: ${jsonErrorMessage(text, err)}`);
  }
}

/** `--trigger-body '{"a":1}'` or `--trigger-body @body.json`. */
async function readTriggerBody(argument: string): Promise<Value> {
  if (argument.startsWith('@')) return readJsonFile(argument.slice(1)).catch((err: Error) => Promise.reject(new UsageError(err.message)));
  try {
    return parseJson(argument);
  } catch (err) {
    if (err instanceof JsonParseError) throw new UsageError(`--trigger-body: not JSON (${err.message}); use @FILE to read a file`);
    throw err;
  }
}

const LOGIC_APPS_PARAMETER_KEYS = new Set(['value', 'type', 'metadata', 'description']);

/**
 * `{ "name": value }`, or the Logic Apps shapes `{ "name": { "value": v } }` (also with `type`, as
 * a Standard parameters.json has it) and an ARM parameters file `{ "parameters": { ... } }`.
 */
export function parameterValues(json: Value, file: string): Record<string, Value> {
  if (!isObject(json)) throw new UsageError(`${file}: expected a JSON object of parameter values`);
  const source = isObject(json['parameters']) && ('$schema' in json || 'contentVersion' in json) ? json['parameters'] : json;
  const entries = Object.entries(source);
  const wrapped = entries.length > 0 && entries.every(([, v]) => isObject(v) && 'value' in v && Object.keys(v).every((k) => LOGIC_APPS_PARAMETER_KEYS.has(k)));
  const values: Record<string, Value> = {};
  for (const [name, v] of entries) values[name] = wrapped && isObject(v) ? (v['value'] ?? null) : v;
  return values;
}

interface DefinitionInvalid {
  code: 'DefinitionInvalid';
  issues: readonly Issue[];
}

function isDefinitionInvalid(err: unknown): err is DefinitionInvalid {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'DefinitionInvalid' && Array.isArray((err as { issues?: unknown }).issues);
}

export async function runCommand(file: string, options: RunCommandOptions, runOnce: RunOnce): Promise<CommandOutput> {
  let result: RunOnceResult;
  try {
    const definition = await readDefinition(file);
    const body = options.triggerBody === undefined ? undefined : await readTriggerBody(options.triggerBody);
    const parameters = options.parameters === undefined ? undefined : parameterValues(await readParameterFile(options.parameters), options.parameters);
    const trigger = body === undefined ? undefined : { body, headers: { 'Content-Type': 'application/json' }, queries: {} };
    result = await runOnce({ definition, ...(trigger && { trigger }), ...(parameters && { parameters }) });
  } catch (err) {
    if (isDefinitionInvalid(err)) return { exitCode: 1, stdout: '', stderr: err.issues.map((i) => `${formatIssue(file, i)}\n`).join('') };
    const message = err instanceof Error ? err.message : String(err);
    return { exitCode: 1, stdout: '', stderr: `error: ${message}\n` };
  }
  const stdout = options.json ? `${toJsonText(runResultJson(result))}\n` : formatRunResult(result);
  return { exitCode: result.status === 'Succeeded' ? 0 : 1, stdout, stderr: '' };
}

async function readParameterFile(file: string): Promise<Value> {
  return readJsonFile(file).catch((err: Error) => Promise.reject(new UsageError(err.message)));
}

function errorJson(error: { code: string; message: string }): ValueObject {
  return { code: error.code, message: error.message };
}

/** Exactly the documented object: per action only status, inputs, outputs and error. */
export function runResultJson(result: RunOnceResult): ValueObject {
  const actions: ValueObject = {};
  for (const [name, action] of Object.entries(result.actions)) {
    const entry: ValueObject = { status: action.status };
    if (action.inputs !== undefined) entry['inputs'] = action.inputs;
    if (action.outputs !== undefined) entry['outputs'] = action.outputs;
    if (action.error !== undefined) entry['error'] = errorJson(action.error);
    actions[name] = entry;
  }
  const json: ValueObject = { status: result.status };
  if (result.error !== undefined) json['error'] = errorJson(result.error);
  json['actions'] = actions;
  if (result.outputs !== undefined) json['outputs'] = result.outputs;
  if (result.response !== undefined) {
    json['response'] = { statusCode: result.response.statusCode, headers: result.response.headers, body: result.response.body };
  }
  return json;
}

const OUTPUT_WIDTH = 80;

function abbreviate(value: Value | undefined): string {
  if (value === undefined) return '-';
  const text = toJsonText(value);
  return text.length > OUTPUT_WIDTH ? `${text.slice(0, OUTPUT_WIDTH - 1)}…` : text;
}

function duration(startTime: string | undefined, endTime: string | undefined): string {
  if (startTime === undefined || endTime === undefined) return '-';
  const ms = Date.parse(endTime) - Date.parse(startTime);
  if (Number.isNaN(ms)) return '-';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** One line per action (name, status, duration, outputs), then the run's status, error, outputs, response. */
export function formatRunResult(result: RunOnceResult): string {
  // In the order actions started, where the result says; by name otherwise (the sort is stable).
  const entries = Object.entries(result.actions).sort(([, a], [, b]) => (a.startTime ?? '').localeCompare(b.startTime ?? ''));
  const nameWidth = Math.max(6, ...entries.map(([name]) => name.length));
  const statusWidth = Math.max(6, ...entries.map(([, a]) => a.status.length));
  const lines = entries.map(([name, a]) => {
    const detail = a.error === undefined ? abbreviate(a.outputs) : `${a.error.code}: ${a.error.message}`;
    return `${name.padEnd(nameWidth)}  ${a.status.padEnd(statusWidth)}  ${duration(a.startTime, a.endTime).padStart(8)}  ${detail}`;
  });
  lines.push('');
  lines.push(`Run ${result.status}${result.error === undefined ? '' : `: ${result.error.code}: ${result.error.message}`}`);
  if (result.outputs !== undefined) lines.push(`outputs: ${toJsonText(result.outputs)}`);
  if (result.response !== undefined) {
    lines.push(`response: ${result.response.statusCode} ${toJsonText(result.response.headers)} ${toJsonText(result.response.body)}`);
  }
  return `${lines.join('\n')}\n`;
}
