/**
 * How a step's definition becomes a process: the command line for its runtime, arguments with
 * `${{...}}` references replaced, and the environment a script can rely on (Sluice's own variables
 * and the Azure ML names scripts written for Azure already read).
 */
import { readFile } from 'node:fs/promises';
import { substitute, type SubstitutionValues } from './argument-substitution.js';
import type { StepDefinition } from './definition.js';
import { checkDatastorePath } from './safe-paths.js';
import type { StepRunContext } from './step-execution.js';
import { runStepProcess, type StepProcessResult } from './step-process.js';
import { DefinitionError } from '../errors.js';

export interface LaunchOptions {
  run: StepRunContext;
  step: StepDefinition;
  stepName: string;
  dir: string;
  logPath: string;
  metricsFile: string;
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  environment: Record<string, string | undefined>;
  pythonCommand: string;
  killGraceMs: number;
}

export async function launchStep(options: LaunchOptions): Promise<StepProcessResult> {
  const { step, stepName, run } = options;
  const values = substitutionValues(options);
  const where = `step '${stepName}'`;
  const args = (step.arguments ?? []).map((a, i) => substitute(a, values, `${where} argument ${i + 1}`));
  const [command, ...leading] = commandLine(step, where, options.pythonCommand);
  const env: Record<string, string | undefined> = {
    ...options.environment,
    PYTHONUNBUFFERED: '1',
    SLUICE_RUN_ID: run.runId,
    SLUICE_STEP_NAME: stepName,
    SLUICE_METRICS_FILE: options.metricsFile,
    AZUREML_RUN_ID: run.runId,
    AZUREML_EXPERIMENT_NAME: run.experimentName,
  };
  for (const [name, path] of [...Object.entries(options.inputs), ...Object.entries(options.outputs)]) env[`AZUREML_DATAREFERENCE_${name}`] = path;
  for (const [name, value] of Object.entries(values.parameters)) env[`AML_PARAMETER_${name}`] = value;
  for (const [name, value] of Object.entries(step.environment ?? {})) env[name] = substitute(value, values, `${where} environment ${name}`);
  return runStepProcess({
    command: command!,
    args: [...leading.map((a, i) => substitute(a, values, `${where} command ${i + 2}`)), ...args],
    cwd: options.dir,
    env,
    logPath: options.logPath,
    timeoutSeconds: step.timeoutSeconds ?? 3600,
    signal: run.signal,
    killGraceMs: options.killGraceMs,
  });
}

function commandLine(step: StepDefinition, where: string, python: string): string[] {
  if (step.runtime === 'command') {
    if (step.command === undefined || step.command.length === 0) throw new DefinitionError('InvalidArgument', `${where}: runtime 'command' needs a non-empty 'command' argv`);
    return [...step.command];
  }
  if (step.script === undefined || step.script === '') throw new DefinitionError('InvalidArgument', `${where}: runtime '${step.runtime}' needs a 'script'`);
  const script = checkDatastorePath(step.script, `${where} script`);
  return step.runtime === 'python' ? [python, script] : [process.execPath, script];
}

function substitutionValues(options: LaunchOptions): SubstitutionValues {
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.run.scalars)) parameters[name] = String(value);
  // A DataPath parameter in an argument means the local path of the input bound to it.
  for (const [inputName, input] of Object.entries(options.step.inputs ?? {})) {
    if ('parameter' in input && options.inputs[inputName] !== undefined) parameters[input.parameter] = options.inputs[inputName]!;
  }
  return { inputs: options.inputs, outputs: options.outputs, parameters };
}

/** JSON lines `{"name": ..., "value": ...}`; a later value of a name replaces an earlier one; junk is skipped. */
export async function readMetrics(file: string): Promise<Record<string, number | string>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const metrics: Record<string, number | string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as { name?: unknown; value?: unknown };
      if (typeof parsed.name === 'string' && (typeof parsed.value === 'number' || typeof parsed.value === 'string')) metrics[parsed.name] = parsed.value;
    } catch {
      // a half-written or foreign line: not a metric
    }
  }
  return metrics;
}
