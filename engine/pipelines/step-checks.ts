/**
 * Checks of each step against the rest of the pipeline: its entry point, where its inputs come
 * from ("consumed but never produced"), the placeholders in its argv, its output paths; then the
 * pipeline-wide ones: cycles and two outputs writing the same datastore path.
 */
import { issue, type Issue } from '../../definitions/issue.js';
import { pointerOf } from '../../definitions/json-pointer.js';
import { normaliseDatastorePath, outputPathProblem, relativePathProblem } from './datastore-path.js';
import type { PipelineDefinition, StepDefinition } from './definition.js';
import { PipelineGraph } from './graph.js';
import { parsePlaceholders } from './placeholders.js';

export const DEFAULT_DATASTORE = 'workspaceblobstore';

export function checkSteps(definition: PipelineDefinition): Issue[] {
  const issues: Issue[] = [];
  for (const [name, step] of Object.entries(definition.steps)) {
    issues.push(...entryPointIssues(name, step), ...inputIssues(definition, name, step), ...outputIssues(name, step));
    issues.push(...placeholderIssues(definition, name, step, 'command'), ...placeholderIssues(definition, name, step, 'arguments'));
    issues.push(...placeholderIssues(definition, name, step, 'environment'));
  }
  return issues;
}

function entryPointIssues(name: string, step: StepDefinition): Issue[] {
  const at = (...tokens: string[]): string => pointerOf('steps', name, ...tokens);
  const issues: Issue[] = [];
  if (step.runtime === 'command') {
    if (step.command === undefined) issues.push(issue('InvalidStepEntryPoint', at(), `step '${name}' has the command runtime and needs a 'command' (an argv such as ["sh", "-c", "..."])`));
    if (step.script !== undefined) issues.push(issue('InvalidStepEntryPoint', at('script'), `step '${name}' has the command runtime, which runs 'command', not 'script'`));
    return issues;
  }
  if (step.script === undefined) issues.push(issue('InvalidStepEntryPoint', at(), `step '${name}' has the ${step.runtime} runtime and needs a 'script'`));
  if (step.command !== undefined) issues.push(issue('InvalidStepEntryPoint', at('command'), `'command' is for the command runtime; ${step.runtime} step '${name}' runs 'script'`));
  const problem = step.script === undefined ? undefined : relativePathProblem(step.script);
  if (problem) issues.push(issue('InvalidStepEntryPoint', at('script'), `the script of step '${name}' is relative to its sourceDirectory and ${problem}`));
  return issues;
}

function inputIssues(definition: PipelineDefinition, name: string, step: StepDefinition): Issue[] {
  const issues: Issue[] = [];
  for (const [inputName, input] of Object.entries(step.inputs ?? {})) {
    const at = (key: string): string => pointerOf('steps', name, 'inputs', inputName, key);
    const what = `input '${inputName}' of step '${name}'`;
    if ('step' in input) {
      const producer = definition.steps[input.step];
      if (!producer) {
        issues.push(issue('UnknownStep', at('step'), `${what} reads from step '${input.step}', which does not exist`));
      } else if (!(input.output in (producer.outputs ?? {}))) {
        const declared = Object.keys(producer.outputs ?? {});
        const list = declared.length ? `its outputs: ${declared.join(', ')}` : 'it declares no outputs';
        issues.push(issue('UnknownStepOutput', at('output'), `${what} consumes output '${input.output}' of step '${input.step}', which that step never produces (${list})`));
      }
    } else if ('parameter' in input) {
      const p = definition.parameters?.[input.parameter];
      if (!p) issues.push(issue('UnknownPipelineParameter', at('parameter'), `${what} is bound to the parameter '${input.parameter}', which is not declared`));
      else if (p.type !== 'datapath') {
        issues.push(issue('InvalidParameterBinding', at('parameter'), `${what} is bound to '${input.parameter}', a ${p.type} parameter; only datapath parameters can be inputs (use \${{parameters.${input.parameter}}} in arguments)`));
      }
    } else {
      const problem = relativePathProblem(input.path);
      if (problem) issues.push(issue('InvalidDatastorePath', at('path'), `the path of ${what} ${problem}`));
    }
  }
  return issues;
}

function outputIssues(name: string, step: StepDefinition): Issue[] {
  const issues: Issue[] = [];
  for (const [outputName, output] of Object.entries(step.outputs ?? {})) {
    const problem = output.path === undefined ? undefined : outputPathProblem(output.path);
    if (problem) issues.push(issue('InvalidDatastorePath', pointerOf('steps', name, 'outputs', outputName, 'path'), `the path of output '${outputName}' of step '${name}' ${problem}`));
  }
  return issues;
}

/** Placeholders are replaced in command argv, arguments and environment values alike. */
function placeholderIssues(definition: PipelineDefinition, name: string, step: StepDefinition, field: 'command' | 'arguments' | 'environment'): Issue[] {
  const issues: Issue[] = [];
  const texts: [string | number, string][] = field === 'environment' ? Object.entries(step.environment ?? {}) : (step[field] ?? []).map((t, i) => [i, t]);
  texts.forEach(([key, text]) => {
    const at = pointerOf('steps', name, field, key);
    const { placeholders, problems } = parsePlaceholders(text);
    if (field === 'command' && key === 0 && text.includes('${{')) {
      issues.push(issue('InvalidArgumentPlaceholder', at, 'the program to run (command[0]) is taken as written; placeholders are replaced in later items only', text.indexOf('${{')));
      return;
    }
    for (const p of problems) issues.push(issue('InvalidArgumentPlaceholder', at, p.message, p.position));
    for (const p of placeholders) {
      const found = p.kind === 'parameters' ? parameterReferenceIssue(definition, name, p.name) : portReferenceIssue(step, name, p.kind, p.name);
      if (found) issues.push(issue(found.code, at, found.message, p.start));
    }
  });
  return issues;
}

function portReferenceIssue(step: StepDefinition, name: string, kind: 'inputs' | 'outputs', port: string): Pick<Issue, 'code' | 'message'> | undefined {
  const declared = Object.keys(step[kind] ?? {});
  if (declared.includes(port)) return undefined;
  const singular = kind === 'inputs' ? 'input' : 'output';
  const list = declared.length ? `declared: ${declared.join(', ')}` : `it declares no ${kind}`;
  return { code: 'UnknownArgumentReference', message: `\${{${kind}.${port}}}: step '${name}' has no ${singular} '${port}' (${list})` };
}

function parameterReferenceIssue(definition: PipelineDefinition, name: string, parameter: string): Pick<Issue, 'code' | 'message'> | undefined {
  const p = definition.parameters?.[parameter];
  if (!p) return { code: 'UnknownPipelineParameter', message: `\${{parameters.${parameter}}} in step '${name}' names a parameter that is not declared` };
  if (p.type === 'datapath') {
    return {
      code: 'InvalidParameterBinding',
      message: `'${parameter}' is a DataPath parameter: bind it as an input ({ "parameter": "${parameter}" }) and use \${{inputs.NAME}}`,
    };
  }
  return undefined;
}

/** One issue per cycle, at the input that closes it, naming every step on it. */
export function checkCycles(definition: PipelineDefinition): Issue[] {
  return new PipelineGraph(definition).cycles().map((cycle) => {
    const consumer = cycle[0]!;
    const producer = cycle[cycle.length - 2]!;
    const inputName = Object.entries(definition.steps[consumer]?.inputs ?? {}).find(([, i]) => 'step' in i && i.step === producer)?.[0] ?? '';
    return issue('StepCycle', pointerOf('steps', consumer, 'inputs', inputName), `steps form a cycle: ${cycle.join(' → ')} (each consumes an output of the step before it)`);
  });
}

/** Two outputs writing the same datastore path would overwrite each other within one run. */
export function checkDuplicateOutputPaths(definition: PipelineDefinition): Issue[] {
  const owners = new Map<string, string>();
  const issues: Issue[] = [];
  for (const [name, step] of Object.entries(definition.steps)) {
    for (const [outputName, output] of Object.entries(step.outputs ?? {})) {
      if (output.path === undefined) continue;
      const where = `${output.datastore ?? definition.defaultDatastore ?? DEFAULT_DATASTORE}/${normaliseDatastorePath(output.path.replaceAll('{output-name}', outputName))}`;
      const owner = owners.get(where);
      if (owner) {
        issues.push(issue('DuplicateOutputPath', pointerOf('steps', name, 'outputs', outputName, 'path'), `output '${outputName}' of step '${name}' writes to ${where}, as does ${owner}`));
      } else owners.set(where, `output '${outputName}' of step '${name}'`);
    }
  }
  return issues;
}
