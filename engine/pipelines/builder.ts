/**
 * Pipelines in code, producing the same JSON as a pipeline.json:
 *
 *   pipeline('train-eval')
 *     .parameter('alpha', { type: 'float', default: 0.5 })
 *     .step('prep', { runtime: 'python', script: 'prep.py', outputs: { prepared: {} } })
 *     .step('train', { runtime: 'python', script: 'train.py', inputs: { prepared: fromStep('prep', 'prepared') } })
 *     .build();
 *
 * `build()` runs the loader's checks and throws a DefinitionInvalid error listing every issue, so
 * a definition made in code is exactly as valid as one read from a file.
 */
import type { Issue } from '../../definitions/issue.js';
import { SluiceError } from '../errors.js';
import type {
  ComputeTargetDefinition,
  PipelineDefinition,
  PipelineParameterDefinition,
  StepDefinition,
  StepInputDefinition,
} from './definition.js';
import { loadPipeline, type LoadPipelineOptions } from './load-pipeline.js';

export class PipelineBuilder {
  private readonly definition: PipelineDefinition;

  constructor(name: string) {
    this.definition = { name, steps: {} };
  }

  description(text: string): this {
    this.definition.description = text;
    return this;
  }

  parameter(name: string, parameter: PipelineParameterDefinition): this {
    this.definition.parameters = { ...this.definition.parameters, [name]: parameter };
    return this;
  }

  /** A DataPath parameter with its default location. */
  dataPath(name: string, datastore: string, path: string, description?: string): this {
    return this.parameter(name, { type: 'datapath', datastore, path, ...(description === undefined ? {} : { description }) });
  }

  computeTarget(name: string, target: ComputeTargetDefinition): this {
    this.definition.computeTargets = { ...this.definition.computeTargets, [name]: target };
    return this;
  }

  defaultCompute(name: string): this {
    this.definition.defaultCompute = name;
    return this;
  }

  defaultDatastore(name: string): this {
    this.definition.defaultDatastore = name;
    return this;
  }

  continueOnStepFailure(value = true): this {
    this.definition.continueOnStepFailure = value;
    return this;
  }

  step(name: string, step: StepDefinition): this {
    if (name in this.definition.steps) throw new SluiceError('InvalidArgument', `the pipeline already has a step '${name}'`);
    this.definition.steps[name] = step;
    return this;
  }

  /** The definition as JSON-ready data, unchecked. */
  toJSON(): PipelineDefinition {
    return structuredClone(this.definition);
  }

  /** The checked definition; throws DefinitionInvalid with every issue when it is not valid. */
  build(options: LoadPipelineOptions = {}): PipelineDefinition {
    const result = loadPipeline(this.toJSON(), options);
    if (result.ok) return result.definition;
    const list = result.issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('\n');
    throw new PipelineDefinitionError(`pipeline '${this.definition.name}' is not valid:\n${list}`, result.issues);
  }
}

/** Thrown by build(): the message lists every issue, `issues` holds them as data. */
export class PipelineDefinitionError extends SluiceError {
  readonly issues: readonly Issue[];

  constructor(message: string, issues: readonly Issue[]) {
    super('DefinitionInvalid', message, { where: { pointer: issues[0]?.pointer ?? '' } });
    this.issues = issues;
  }
}

export function pipeline(name: string): PipelineBuilder {
  return new PipelineBuilder(name);
}

/** An input bound to another step's output. */
export function fromStep(step: string, output: string, mode?: 'download' | 'mount'): StepInputDefinition {
  return mode === undefined ? { step, output } : { step, output, mode };
}

/** An input bound to a fixed datastore path. */
export function fromDatastore(datastore: string, path: string, mode?: 'download' | 'mount'): StepInputDefinition {
  return mode === undefined ? { datastore, path } : { datastore, path, mode };
}

/** An input bound to a DataPath parameter. */
export function fromParameter(parameter: string, mode?: 'download' | 'mount'): StepInputDefinition {
  return mode === undefined ? { parameter } : { parameter, mode };
}
