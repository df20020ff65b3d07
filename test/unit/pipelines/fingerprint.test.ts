import assert from 'node:assert/strict';
import type { StepDefinition } from '../../../engine/pipelines/definition.js';
import { canonicalJson, referencedParameters, stepFingerprint, type FingerprintRequest } from '../../../engine/pipelines/fingerprint.js';

const step: StepDefinition = {
  runtime: 'python',
  script: 'train.py',
  arguments: ['--data', '${{inputs.data}}', '--alpha', '${{parameters.alpha}}', '--model', '${{outputs.model}}'],
  inputs: { data: { step: 'prep', output: 'clean' }, raw: { datastore: 'workspaceblobstore', path: 'raw/x.csv' } },
  outputs: { model: {} },
};

const base: FingerprintRequest = {
  stepName: 'train',
  step,
  sourceHash: 'a'.repeat(64),
  parameterValues: { alpha: 0.5, unrelated: 'x' },
  inputBindings: {
    data: { kind: 'step', fingerprint: 'f'.repeat(64), output: 'clean' },
    raw: { kind: 'datastore', datastore: 'workspaceblobstore', path: 'raw/x.csv', etag: '"0x1"' },
  },
};

const fp = (change: Partial<FingerprintRequest> = {}): string => stepFingerprint({ ...base, ...change });
const withStep = (change: Partial<StepDefinition>): string => fp({ step: { ...step, ...change } });

describe('stepFingerprint', () => {
  it('is a sha256 hex, the same for the same request however its keys are ordered', () => {
    assert.match(fp(), /^[0-9a-f]{64}$/);
    const reordered: StepDefinition = { outputs: step.outputs!, inputs: step.inputs!, arguments: step.arguments!, script: 'train.py', runtime: 'python' };
    assert.equal(fp({ step: reordered, parameterValues: { unrelated: 'x', alpha: 0.5 } }), fp());
  });

  it('changes with the step definition: name, runtime, script, arguments, environment, outputs, allowReuse', () => {
    const seen = new Set([fp()]);
    const variants = [
      fp({ stepName: 'train2' }),
      withStep({ runtime: 'node' }),
      withStep({ script: 'train_v2.py' }),
      withStep({ arguments: [...step.arguments!, '--verbose'] }),
      withStep({ environment: { MODE: 'fast' } }),
      withStep({ outputs: { model: { datastore: 'workspacefilestore' } } }),
      withStep({ outputs: { model: { isDirectory: false } } }),
      withStep({ outputs: { model: { path: 'models/{run-id}' } } }),
      withStep({ allowReuse: false }),
      withStep({ inputs: { ...step.inputs!, data: { step: 'prep', output: 'clean', mode: 'mount' } } }),
    ];
    for (const v of variants) {
      assert.ok(!seen.has(v), 'a change did not change the fingerprint');
      seen.add(v);
    }
  });

  it('ignores what does not decide the outputs: description, compute, timeout', () => {
    assert.equal(withStep({ description: 'new words', compute: 'pool', timeoutSeconds: 60 }), fp());
  });

  it('changes with the source hash', () => {
    assert.notEqual(fp({ sourceHash: 'b'.repeat(64) }), fp());
  });

  it('covers the values of referenced parameters only', () => {
    assert.notEqual(fp({ parameterValues: { alpha: 0.25, unrelated: 'x' } }), fp());
    assert.equal(fp({ parameterValues: { alpha: 0.5, unrelated: 'changed' } }), fp());
    assert.notEqual(fp({ parameterValues: { alpha: '0.5', unrelated: 'x' } }), fp(), 'typed values: resolve assignments first');
  });

  it('covers upstream outputs by the upstream step fingerprint and output name', () => {
    const data = (fingerprint: string, output = 'clean') => ({ ...base.inputBindings, data: { kind: 'step' as const, fingerprint, output } });
    assert.notEqual(fp({ inputBindings: data('e'.repeat(64)) }), fp());
    assert.notEqual(fp({ inputBindings: data('f'.repeat(64), 'other') }), fp());
  });

  it('covers datastore inputs by path and by version, so changed data invalidates', () => {
    const raw = (change: object) => ({ ...base.inputBindings, raw: { kind: 'datastore' as const, datastore: 'workspaceblobstore', path: 'raw/x.csv', ...change } });
    assert.equal(fp({ inputBindings: raw({ etag: '"0x1"' }) }), fp());
    assert.notEqual(fp({ inputBindings: raw({ etag: '"0x2"' }) }), fp());
    assert.notEqual(fp({ inputBindings: raw({ path: 'raw/y.csv', etag: '"0x1"' }) }), fp());
    assert.notEqual(fp({ inputBindings: raw({ datastore: 'workspacefilestore', etag: '"0x1"' }) }), fp());
    assert.notEqual(fp({ inputBindings: raw({ etag: undefined, contentHash: 'c'.repeat(64) }) }), fp());
  });

  it('resolves the default datastore of outputs, so the same place hashes alike', () => {
    const explicit = withStep({ outputs: { model: { datastore: 'workspaceblobstore' } } });
    assert.equal(explicit, fp());
    assert.notEqual(fp({ defaultDatastore: 'workspacefilestore' }), fp());
  });
});

describe('referencedParameters and canonicalJson', () => {
  it('finds ${{parameters.x}} in command, arguments and environment', () => {
    assert.deepEqual(
      referencedParameters({ runtime: 'command', command: ['sh', '-c', 'echo ${{parameters.b}}'], arguments: ['${{ parameters.a }}', '${{inputs.c}}'], environment: { X: '${{parameters.e}}' } }),
      ['a', 'b', 'e'],
    );
  });

  it('sorts keys at every level and drops undefined members', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
