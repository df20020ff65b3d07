/**
 * `sluice pipeline validate FILE...`: loads each pipeline definition and prints one line per
 * issue, `FILE: /json/pointer: message`, like `sluice validate` does for workflows. A FILE may be
 * a folder holding `pipeline.json`. Besides the definition's own checks, each step's source
 * folder and script must exist beside the file. Exit code 0 when every file is valid, 1 otherwise.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Issue } from '../../definitions/issue.js';
import { formatIssue, jsonErrorMessage, type ValidateResult } from '../cli-validate.js';
import { loadPipeline, type LoadPipelineOptions } from '../pipelines/load-pipeline.js';
import { checkSourceFiles } from '../pipelines/source-checks.js';

export interface PipelineValidateOptions extends LoadPipelineOptions {
  /** Skip the source folder and script checks (definitions checked away from their files). */
  skipSourceFiles?: boolean;
}

export function validatePipelineFiles(paths: readonly string[], options: PipelineValidateOptions = {}): ValidateResult {
  if (paths.length === 0) return { exitCode: 1, lines: ['no files given: sluice pipeline validate FILE...'] };
  const lines: string[] = [];
  for (const given of paths) {
    const path = definitionFile(given);
    for (const found of validateFile(path, options)) lines.push(formatIssue(path, found));
  }
  return { exitCode: lines.length === 0 ? 0 : 1, lines };
}

/** A folder stands for the pipeline.json inside it. */
function definitionFile(path: string): string {
  try {
    return statSync(path).isDirectory() ? join(path, 'pipeline.json') : path;
  } catch {
    return path;
  }
}

function validateFile(path: string, options: PipelineValidateOptions): readonly Issue[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return [{ code: 'FileUnreadable', pointer: '', message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` }];
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return [{ code: 'InvalidJson', pointer: '', message: jsonErrorMessage(text, err) }];
  }
  const result = loadPipeline(json, options);
  if (!result.ok) return result.issues;
  return options.skipSourceFiles ? [] : checkSourceFiles(result.definition, dirname(path));
}
