/**
 * `sluice validate FILE...`: loads each file as a workflow definition and prints one line per
 * issue, `FILE: /json/pointer: message`, with `(at character N)` for expression errors (N is the
 * 0-based offset inside the string, as in the message and in Logic Apps' own errors). Unreadable
 * files and malformed JSON are issues too. Exit code 0 when every file is valid, 1 otherwise.
 */
import { readFileSync } from 'node:fs';
import { loadDefinition, type Issue, type LoadOptions } from '../definitions/load.js';

export interface ValidateResult {
  readonly exitCode: number;
  readonly lines: string[];
}

export interface ValidateOptions extends LoadOptions {
  /** Injected in tests; defaults to reading the file as UTF-8. */
  readonly readText?: (path: string) => string;
}

export function validateFiles(paths: readonly string[], options: ValidateOptions = {}): ValidateResult {
  if (paths.length === 0) return { exitCode: 1, lines: ['no files given: sluice validate FILE...'] };
  const lines: string[] = [];
  for (const path of paths) {
    for (const found of validateFile(path, options)) lines.push(formatIssue(path, found));
  }
  return { exitCode: lines.length === 0 ? 0 : 1, lines };
}

function validateFile(path: string, options: ValidateOptions): readonly Issue[] {
  let text: string;
  try {
    text = (options.readText ?? ((p: string) => readFileSync(p, 'utf8')))(path);
  } catch (err) {
    return [{ code: 'FileUnreadable', pointer: '', message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` }];
  }
  let json: unknown;
  try {
    // Files saved by Visual Studio and the portal often start with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return [{ code: 'InvalidJson', pointer: '', message: jsonErrorMessage(text, err) }];
  }
  const result = loadDefinition(json, options);
  return result.ok ? [] : result.issues;
}

/** `invalid JSON at line 3, column 1: Expected double-quoted property name`. */
export function jsonErrorMessage(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const match = /at position (\d+)/.exec(raw);
  const offset = match ? Number(match[1]) : text.replace(/^\uFEFF/, '').length;
  const before = text.replace(/^\uFEFF/, '').slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const reason = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  return `invalid JSON at line ${line}, column ${column}: ${reason}`;
}

export function formatIssue(path: string, found: Issue): string {
  const where = found.pointer === '' ? '' : `${found.pointer}: `;
  const at = found.position === undefined ? '' : ` (at character ${found.position})`;
  return `${path}: ${where}${found.message}${at}`;
}
