/**
 * Checks a loaded pipeline against the files beside it: every step's sourceDirectory exists and
 * holds its script. Separate from loadPipeline, which sees JSON only (the REST API has no folder).
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { issue, type Issue } from '../../definitions/issue.js';
import { pointerOf } from '../../definitions/json-pointer.js';
import type { PipelineDefinition, StepDefinition } from './definition.js';

/** The folder a step's source snapshot is taken from: its sourceDirectory, else the definition's folder. */
export function sourceDirectoryOf(step: StepDefinition, sourceRoot: string): string {
  return resolve(sourceRoot, step.sourceDirectory ?? '.');
}

export function checkSourceFiles(definition: PipelineDefinition, sourceRoot: string): Issue[] {
  const issues: Issue[] = [];
  for (const [name, step] of Object.entries(definition.steps)) {
    const folder = sourceDirectoryOf(step, sourceRoot);
    if (kindOf(folder) !== 'directory') {
      issues.push(issue('MissingSourceFile', pointerOf('steps', name, 'sourceDirectory'), `the source folder of step '${name}' does not exist: ${folder}`));
    } else if (step.script !== undefined && kindOf(join(folder, step.script)) !== 'file') {
      issues.push(issue('MissingSourceFile', pointerOf('steps', name, 'script'), `step '${name}' runs ${step.script}, which is not in its source folder ${folder}`));
    }
  }
  return issues;
}

function kindOf(path: string): 'file' | 'directory' | undefined {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}
