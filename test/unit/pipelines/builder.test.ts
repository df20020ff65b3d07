import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromDatastore, fromParameter, fromStep, pipeline, PipelineDefinitionError } from '../../../engine/pipelines/builder.js';
import { repoRoot } from '../../helpers/paths.js';

const example = (name: string): unknown => JSON.parse(readFileSync(join(repoRoot(), 'definitions', 'examples', 'pipelines', name, 'pipeline.json'), 'utf8'));

describe('pipeline builder', () => {
  it('builds the train-eval example exactly', () => {
    const built = pipeline('train-eval')
      .description(
        'Prepare synthetic data, fit a ridge regression with a tunable alpha, evaluate it in Node. Steps are ordered by the data they pass (prep → train → evaluate); each reports metrics through SLUICE_METRICS_FILE.',
      )
      .parameter('rows', { type: 'int', default: 200, description: 'Rows of synthetic data to generate.' })
      .parameter('seed', { type: 'int', default: 7 })
      .parameter('noise', { type: 'float', default: 0.1 })
      .parameter('alpha', { type: 'float', default: 0.5, description: 'Ridge regularisation strength.' })
      .defaultCompute('cpu')
      .computeTarget('cpu', { maxNodes: 2 })
      .step('prep', {
        runtime: 'python',
        script: 'prep.py',
        sourceDirectory: 'prep',
        arguments: ['${{outputs.prepared}}', '--rows', '${{parameters.rows}}', '--seed', '${{parameters.seed}}', '--noise', '${{parameters.noise}}'],
        outputs: { prepared: {} },
      })
      .step('train', {
        runtime: 'python',
        script: 'train.py',
        sourceDirectory: 'train',
        arguments: ['--data', '${{inputs.prepared}}', '--alpha', '${{parameters.alpha}}', '--model', '${{outputs.model}}'],
        inputs: { prepared: fromStep('prep', 'prepared') },
        outputs: { model: {} },
      })
      .step('evaluate', {
        runtime: 'node',
        script: 'evaluate.mjs',
        sourceDirectory: 'evaluate',
        arguments: ['${{inputs.model}}', '${{inputs.prepared}}', '${{outputs.report}}'],
        inputs: { model: fromStep('train', 'model'), prepared: fromStep('prep', 'prepared') },
        outputs: { report: { datastore: 'workspaceblobstore', path: 'reports/{run-id}' } },
        allowReuse: false,
        description: 'Always re-evaluates, so every run leaves a fresh report.',
      })
      .build();
    const { $schema: _schema, ...expected } = example('train-eval') as Record<string, unknown>;
    assert.deepEqual(built, expected);
  });

  it('builds the seed-score pipeline with a DataPath parameter', () => {
    const built = pipeline('seed-score')
      .dataPath('input_datapath', 'workspaceblobstore', 'incoming/sample.csv')
      .step('score', {
        runtime: 'python',
        script: 'score.py',
        arguments: ['${{inputs.data}}', '${{outputs.result}}'],
        inputs: { data: fromParameter('input_datapath', 'download') },
        outputs: { result: { path: 'results/{run-id}/summary.json', isDirectory: false } },
      })
      .build();
    assert.deepEqual(built.parameters, { input_datapath: { type: 'datapath', datastore: 'workspaceblobstore', path: 'incoming/sample.csv' } });
    assert.deepEqual(built.steps['score']!.inputs, { data: { parameter: 'input_datapath', mode: 'download' } });
  });

  it('build() throws DefinitionInvalid carrying every issue', () => {
    const builder = pipeline('broken')
      .parameter('alpha', { type: 'float', default: 'x' })
      .step('a', { runtime: 'python', script: 'a.py', inputs: { raw: fromDatastore('workspaceblobstore', '../up'), b: fromStep('ghost', 'o') } });
    assert.throws(
      () => builder.build(),
      (err: unknown) => {
        assert.ok(err instanceof PipelineDefinitionError);
        assert.equal(err.code, 'DefinitionInvalid');
        assert.deepEqual(err.issues.map((i) => i.code).sort(), ['InvalidDatastorePath', 'InvalidParameterDefault', 'UnknownStep']);
        assert.match(err.message, /\/steps\/a\/inputs\/b\/step: input 'b' of step 'a' reads from step 'ghost'/);
        return true;
      },
    );
    assert.equal(builder.toJSON().steps['a']!.script, 'a.py', 'toJSON gives the unchecked definition');
  });

  it('refuses a second step of the same name', () => {
    assert.throws(() => pipeline('p').step('a', { runtime: 'python', script: 'a.py' }).step('a', { runtime: 'node', script: 'a.js' }), /already has a step 'a'/);
  });

  it('build() returns a copy the builder no longer changes', () => {
    const builder = pipeline('p').step('a', { runtime: 'python', script: 'a.py' });
    const first = builder.build();
    builder.continueOnStepFailure().defaultDatastore('workspacefilestore');
    assert.equal(first.continueOnStepFailure, undefined);
    assert.equal(builder.build().continueOnStepFailure, true);
  });
});
