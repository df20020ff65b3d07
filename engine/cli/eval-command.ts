/**
 * `sluice eval`: evaluate one expression, or a batch of conformance-style cases, and print JSON.
 * Values are printed as Newtonsoft writes JSON (integral floats keep `.0`, 64-bit integers stay
 * exact), so what is printed is what a definition would receive.
 */
import { readFile } from 'node:fs/promises';
import { asSluiceError } from '../errors.js';
import { contextView, evaluateTemplate, parseEvalContext, toJsonText, ExpressionSyntaxError, type Value } from '../expressions/index.js';
import { JsonParseError, parseJson } from '../expressions/json-parse.js';

export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Reads a JSON file with exact numbers; errors name the file and the position. */
export async function readJsonFile(path: string): Promise<Value> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return parseJson(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    if (err instanceof JsonParseError) throw new Error(`${path}: invalid JSON: ${describePosition(text, err.position, err.reason)}`);
    throw err;
  }
}

function describePosition(text: string, position: number, reason: string): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${reason} at line ${line}, column ${column}`;
}

/** Error text for one expression; syntax errors point at the character with a caret. */
export function describeEvalError(expr: string, err: unknown): string {
  const error = asSluiceError(err);
  if (error instanceof ExpressionSyntaxError && !expr.includes('\n')) {
    return `${error.message}\n  ${expr}\n  ${' '.repeat(error.position)}^`;
  }
  return error.message;
}

export async function evalOne(expr: string, contextFile: string | undefined): Promise<CommandOutput> {
  try {
    const context = contextFile === undefined ? {} : parseEvalContext(await readJsonFile(contextFile), contextFile);
    const value = evaluateTemplate(expr, contextView(context));
    return { exitCode: 0, stdout: `${toJsonText(value)}\n`, stderr: '' };
  } catch (err) {
    return { exitCode: 1, stdout: '', stderr: `error: ${describeEvalError(expr, err)}\n` };
  }
}

/** One case of a batch: never throws, so one bad case cannot stop the others. */
export function evalCase(entry: Value, index: number): string {
  try {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`case ${index}: must be an object with "expr"`);
    const expr = (entry as Record<string, Value>)['expr'];
    if (typeof expr !== 'string') throw new Error(`case ${index}: "expr" must be a string`);
    const context = parseEvalContext((entry as Record<string, Value>)['context'], `case ${index} context`);
    return `{"value":${toJsonText(evaluateTemplate(expr, contextView(context)))}}`;
  } catch (err) {
    return `{"error":${JSON.stringify(asSluiceError(err).message)}}`;
  }
}

export async function evalBatch(file: string): Promise<CommandOutput> {
  let cases: Value;
  try {
    cases = await readJsonFile(file);
  } catch (err) {
    return { exitCode: 1, stdout: '', stderr: `error: ${(err as Error).message}\n` };
  }
  if (!Array.isArray(cases)) return { exitCode: 1, stdout: '', stderr: `error: ${file}: expected a JSON array of {"expr", "context"} cases\n` };
  const lines = cases.map((entry, index) => evalCase(entry, index));
  return { exitCode: 0, stdout: `[\n${lines.join(',\n')}\n]\n`, stderr: '' };
}
