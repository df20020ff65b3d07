import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IssueCode } from '../../../definitions/issue.js';
import type { PipelineDefinition } from '../../../engine/pipelines/definition.js';
import { loadPipeline, resolveParameters, validateAssignments, type Issue } from '../../../engine/pipelines/load-pipeline.js';
import { repoRoot } from '../../helpers/paths.js';

const examples = join(repoRoot(), 'definitions', 'examples', 'pipelines');

function issuesOf(json: unknown): Issue[] {
  const result = loadPipeline(json);
  assert.equal(result.ok, false, 'expected the definition to be rejected');
  return result.ok ? [] : result.issues;
}

function expectIssue(json: unknown, code: IssueCode, pointer: string, message?: RegExp): void {
  const found = issuesOf(json);
  const match = found.find((i) => i.code === code && i.pointer === pointer);
  assert.ok(match, `no ${code} at ${pointer}; got:\n${found.map((i) => `${i.code} ${i.pointer}: ${i.message}`).join('\n')}`);
  if (message) assert.match(match.message, message);
}

const py = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ runtime: 'python', script: 'main.py', ...extra });
const pipeline = (steps: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'p', steps, ...extra });

describe('loadPipeline', () => {
  describe('the examples', () => {
    const folders = readdirSync(examples);

    it('holds seed-score, train-eval and shell-fanout', () => {
      for (const name of ['seed-score', 'train-eval', 'shell-fanout']) assert.ok(folders.includes(name), name);
    });

    for (const folder of folders) {
      it(`${folder}/pipeline.json is valid`, () => {
        const result = loadPipeline(JSON.parse(readFileSync(join(examples, folder, 'pipeline.json'), 'utf8')));
        assert.ok(result.ok, result.ok ? '' : result.issues.map((i) => `${i.pointer}: ${i.message}`).join('\n'));
      });
    }

    it('seed-score binds input_datapath (workspaceblobstore, incoming/sample.csv) and writes results/{run-id}/summary.json', () => {
      const result = loadPipeline(JSON.parse(readFileSync(join(examples, 'seed-score', 'pipeline.json'), 'utf8')));
      assert.ok(result.ok);
      assert.deepEqual(result.definition.parameters?.['input_datapath'], {
        type: 'datapath', datastore: 'workspaceblobstore', path: 'incoming/sample.csv', description: 'The CSV to score (a blob path on the datastore).',
      });
      const score = result.definition.steps['score']!;
      assert.deepEqual(score.inputs?.['data'], { parameter: 'input_datapath', mode: 'download' });
      assert.equal(score.outputs?.['result']?.path, 'results/{run-id}/summary.json');
    });
  });

  it('accepts a minimal pipeline and returns a copy', () => {
    const json = pipeline({ a: py() });
    const result = loadPipeline(json);
    assert.ok(result.ok);
    assert.notEqual(result.definition, json);
    assert.deepEqual(result.definition, json);
  });

  it('rejects what is not an object', () => {
    assert.equal(issuesOf([1])[0]!.code, 'NotADefinition');
  });

  describe('schema violations, with readable messages', () => {
    it('reports a missing name, no steps, an unknown property and an unknown runtime', () => {
      const found = issuesOf({ steps: {}, extra: 1 });
      assert.ok(found.some((i) => i.pointer === '' && /missing required property 'name'/.test(i.message)));
      assert.ok(found.some((i) => i.pointer === '/steps' && /at least 1 entry/.test(i.message)));
      assert.ok(found.some((i) => i.pointer === '/extra' && /unknown property 'extra'/.test(i.message)));
      expectIssue(pipeline({ a: { runtime: 'ruby', script: 'x.rb' } }), 'SchemaViolation', '/steps/a/runtime', /"python", "node", "command", got the string "ruby"/);
    });

    it('points at a bad step or parameter name itself', () => {
      expectIssue(pipeline({ 'bad name': py() }), 'SchemaViolation', '/steps/bad name', /the name "bad name" is not allowed/);
      expectIssue(pipeline({ a: py() }, { parameters: { 'a-b': { type: 'int', default: 1 } } }), 'SchemaViolation', '/parameters/a-b', /letters, digits and underscores/);
    });

    it('sums up an input of no known shape in one message', () => {
      const found = issuesOf(pipeline({ a: py({ inputs: { x: { datastore: 'd' } } }) }));
      assert.equal(found.length, 1);
      assert.equal(found[0]!.pointer, '/steps/a/inputs/x');
      assert.match(found[0]!.message, /a datastore input .* another step's output .* a DataPath parameter/);
    });
  });

  describe('semantic checks', () => {
    it('an input reading from a step that does not exist', () => {
      expectIssue(pipeline({ a: py({ inputs: { x: { step: 'ghost', output: 'o' } } }) }), 'UnknownStep', '/steps/a/inputs/x/step', /step 'ghost', which does not exist/);
    });

    it('an output consumed but never produced', () => {
      const json = pipeline({ p: py({ outputs: { clean: {} } }), c: py({ inputs: { x: { step: 'p', output: 'raw' } } }) });
      expectIssue(json, 'UnknownStepOutput', '/steps/c/inputs/x/output', /output 'raw' of step 'p', which that step never produces \(its outputs: clean\)/);
    });

    it('unknown parameters in inputs and in ${{parameters.x}}', () => {
      const json = pipeline({ a: py({ inputs: { d: { parameter: 'nope' } }, arguments: ['--n', '${{parameters.missing}}'] }) });
      expectIssue(json, 'UnknownPipelineParameter', '/steps/a/inputs/d/parameter');
      const found = issuesOf(json).find((i) => i.pointer === '/steps/a/arguments/1')!;
      assert.equal(found.code, 'UnknownPipelineParameter');
      assert.equal(found.position, 0);
    });

    it('${{inputs.x}} / ${{outputs.y}} the step does not declare, with the offset in the string', () => {
      const json = pipeline({ a: py({ inputs: { raw: { datastore: 'workspaceblobstore', path: 'x.csv' } }, arguments: ['--in=${{inputs.rw}}', '${{outputs.model}}'] }) });
      const found = issuesOf(json);
      const input = found.find((i) => i.pointer === '/steps/a/arguments/0')!;
      assert.equal(input.code, 'UnknownArgumentReference');
      assert.equal(input.position, 5);
      assert.match(input.message, /no input 'rw' \(declared: raw\)/);
      expectIssue(json, 'UnknownArgumentReference', '/steps/a/arguments/1', /no output 'model' \(it declares no outputs\)/);
    });

    it('placeholders in command items and environment values are checked too; command[0] takes none', () => {
      const json = pipeline({
        a: { runtime: 'command', command: ['${{parameters.x}}', 'sh', '${{outputs.o}}'], environment: { MODE: '${{parameters.mode}}' } },
      });
      expectIssue(json, 'InvalidArgumentPlaceholder', '/steps/a/command/0', /command\[0\]/);
      expectIssue(json, 'UnknownArgumentReference', '/steps/a/command/2');
      expectIssue(json, 'UnknownPipelineParameter', '/steps/a/environment/MODE');
    });

    it('malformed and unknown placeholders', () => {
      const json = pipeline({ a: py({ arguments: ['${{ run.id }}', 'x ${{inputs.a'] }) });
      expectIssue(json, 'InvalidArgumentPlaceholder', '/steps/a/arguments/0', /not a placeholder Sluice knows/);
      expectIssue(json, 'InvalidArgumentPlaceholder', '/steps/a/arguments/1', /unclosed/);
    });

    it('a scalar parameter bound as an input, a DataPath parameter used as a scalar', () => {
      const parameters = { alpha: { type: 'float', default: 0.5 }, data: { type: 'datapath', datastore: 'workspaceblobstore', path: 'x.csv' } };
      const json = pipeline({ a: py({ inputs: { x: { parameter: 'alpha' } }, arguments: ['${{parameters.data}}'] }) }, { parameters });
      expectIssue(json, 'InvalidParameterBinding', '/steps/a/inputs/x/parameter', /a float parameter/);
      expectIssue(json, 'InvalidParameterBinding', '/steps/a/arguments/0', /DataPath parameter/);
    });

    it('names every step of a cycle', () => {
      const json = pipeline({
        a: py({ inputs: { x: { step: 'c', output: 'o' } }, outputs: { o: {} } }),
        b: py({ inputs: { x: { step: 'a', output: 'o' } }, outputs: { o: {} } }),
        c: py({ inputs: { x: { step: 'b', output: 'o' } }, outputs: { o: {} } }),
        solo: py({ inputs: { me: { step: 'solo', output: 'o' } }, outputs: { o: {} } }),
      });
      expectIssue(json, 'StepCycle', '/steps/a/inputs/x', /a → b → c → a/);
      expectIssue(json, 'StepCycle', '/steps/solo/inputs/me', /solo → solo/);
    });

    it('parameter defaults of the wrong type, or missing', () => {
      const parameters = {
        alpha: { type: 'float', default: 'abc' },
        n: { type: 'int', default: 1.5 },
        flag: { type: 'bool', default: 'true' },
        name: { type: 'string', default: 3 },
        none: { type: 'int' },
        ok: { type: 'float', default: 2 },
      };
      const found = issuesOf(pipeline({ a: py() }, { parameters }));
      const at = (p: string): Issue | undefined => found.find((i) => i.pointer === p && i.code === 'InvalidParameterDefault');
      assert.match(at('/parameters/alpha/default')!.message, /must be a float, got the string "abc"/);
      assert.match(at('/parameters/n/default')!.message, /must be an int, got number 1.5/);
      assert.ok(at('/parameters/flag/default'));
      assert.ok(at('/parameters/name/default'));
      assert.match(at('/parameters/none')!.message, /needs a default/);
      assert.ok(!found.some((i) => i.pointer.startsWith('/parameters/ok')), 'an integral float default is fine');
    });

    it('DataPath parameters without datastore or path, or with an unsafe path', () => {
      const parameters = { a: { type: 'datapath', path: 'x' }, b: { type: 'datapath', datastore: 'd' }, c: { type: 'datapath', datastore: 'd', path: '../etc/passwd' } };
      const json = pipeline({ s: py() }, { parameters });
      expectIssue(json, 'InvalidParameterDefault', '/parameters/a', /needs a default 'datastore'/);
      expectIssue(json, 'InvalidParameterDefault', '/parameters/b', /needs a default 'path'/);
      expectIssue(json, 'InvalidDatastorePath', '/parameters/c/path', /'\.\.'/);
    });

    it('script missing for python and node, command missing for the command runtime, each misplaced', () => {
      const json = pipeline({
        p: { runtime: 'python' },
        n: { runtime: 'node', script: 'x.js', command: ['node'] },
        c: { runtime: 'command', script: 'x.sh' },
        up: { runtime: 'python', script: '../outside.py' },
      });
      expectIssue(json, 'InvalidStepEntryPoint', '/steps/p', /needs a 'script'/);
      expectIssue(json, 'InvalidStepEntryPoint', '/steps/n/command');
      expectIssue(json, 'InvalidStepEntryPoint', '/steps/c', /needs a 'command'/);
      expectIssue(json, 'InvalidStepEntryPoint', '/steps/c/script');
      expectIssue(json, 'InvalidStepEntryPoint', '/steps/up/script');
    });

    it('unknown compute targets; local always exists', () => {
      const json = pipeline({ a: py({ compute: 'gpu' }), b: py({ compute: 'local' }), c: py({ compute: 'pool' }) }, { defaultCompute: 'big', computeTargets: { pool: { maxNodes: 2 } } });
      expectIssue(json, 'UnknownComputeTarget', '/defaultCompute');
      expectIssue(json, 'UnknownComputeTarget', '/steps/a/compute', /'gpu'.*known: 'local', 'pool'/);
      assert.equal(issuesOf(json).filter((i) => i.code === 'UnknownComputeTarget').length, 2);
    });

    it('two outputs writing one datastore path, defaults and {output-name} resolved', () => {
      const json = pipeline(
        {
          a: py({ outputs: { o: { path: 'out/{run-id}/x' }, r: { path: 'res/{output-name}' } } }),
          b: py({ outputs: { o: { datastore: 'ws', path: 'out/{run-id}/x/' }, r: { path: 'res/{output-name}' }, s: { path: 'res/{output-name}' } } }),
        },
        { defaultDatastore: 'ws' },
      );
      expectIssue(json, 'DuplicateOutputPath', '/steps/b/outputs/o/path', /ws\/out\/\{run-id\}\/x, as does output 'o' of step 'a'/);
      expectIssue(json, 'DuplicateOutputPath', '/steps/b/outputs/r/path');
      assert.equal(issuesOf(json).length, 2, 'res/s is a different path');
    });

    it('unsafe datastore paths on inputs and outputs, and unknown output placeholders', () => {
      const json = pipeline({ a: py({ inputs: { x: { datastore: 'd', path: '/etc/passwd' } }, outputs: { o: { path: 'a\\b' }, p: { path: 'x/{runid}' } } }) });
      expectIssue(json, 'InvalidDatastorePath', '/steps/a/inputs/x/path', /not absolute/);
      expectIssue(json, 'InvalidDatastorePath', '/steps/a/outputs/o/path', /backslash/);
      expectIssue(json, 'InvalidDatastorePath', '/steps/a/outputs/p/path', /\{runid\}/);
    });

    it('unknown datastores, when the caller knows which exist', () => {
      const json = pipeline({ a: py({ inputs: { x: { datastore: 'nope', path: 'x' } } }) }, { defaultDatastore: 'other' });
      assert.ok(loadPipeline(json).ok, 'without a list nothing is known to be missing');
      const result = loadPipeline(json, { knownDatastores: ['workspaceblobstore'] });
      assert.ok(!result.ok);
      assert.deepEqual(result.issues.map((i) => [i.code, i.pointer]), [['UnknownDatastore', '/defaultDatastore'], ['UnknownDatastore', '/steps/a/inputs/x/datastore']]);
    });
  });

  it('reports every issue, not the first, schema and semantic ones together', () => {
    const json = {
      name: 'everything-wrong',
      extra: true,
      parameters: { alpha: { type: 'float', default: 'abc' } },
      steps: {
        a: { runtime: 'python', arguments: ['${{inputs.nope}}'], inputs: { x: { step: 'ghost', output: 'o' } }, compute: 'gpu' },
        b: { runtime: 'command', command: ['sh'], inputs: { x: { step: 'a', output: 'missing' } }, timeoutSeconds: 0 },
      },
    };
    const codes = issuesOf(json).map((i) => `${i.code} ${i.pointer}`);
    assert.deepEqual(new Set(codes), new Set([
      'SchemaViolation /extra',
      'SchemaViolation /steps/b/timeoutSeconds',
      'InvalidParameterDefault /parameters/alpha/default',
      'UnknownComputeTarget /steps/a/compute',
      'InvalidStepEntryPoint /steps/a',
      'UnknownStep /steps/a/inputs/x/step',
      'UnknownArgumentReference /steps/a/arguments/0',
      'UnknownStepOutput /steps/b/inputs/x/output',
    ]));
  });
});

describe('validateAssignments', () => {
  const definition: PipelineDefinition = {
    name: 'p',
    parameters: {
      alpha: { type: 'float', default: 0.5 },
      epochs: { type: 'int', default: 3 },
      verbose: { type: 'bool', default: false },
      label: { type: 'string', default: 'x' },
      input_datapath: { type: 'datapath', datastore: 'workspaceblobstore', path: 'incoming/sample.csv' },
    },
    steps: { a: { runtime: 'python', script: 'a.py' } },
  };

  it('accepts values as the SDK sends them (strings) and as JSON types', () => {
    const parameterAssignments = { alpha: '0.1', epochs: '10', verbose: 'True', label: 42 };
    assert.deepEqual(validateAssignments(definition, { parameterAssignments }), []);
    assert.deepEqual(validateAssignments(definition, { parameterAssignments: { alpha: 1, epochs: 2, verbose: true, label: 'y' } }), []);
    const resolved = resolveParameters(definition, { parameterAssignments, dataPathAssignments: { input_datapath: { DataStoreName: 'workspaceblobstore', RelativePath: 'new/file.csv' } } });
    assert.deepEqual(resolved, {
      values: { alpha: 0.1, epochs: 10, verbose: true, label: '42' },
      dataPaths: { input_datapath: { datastore: 'workspaceblobstore', path: 'new/file.csv' } },
    });
  });

  it('falls back to the defaults', () => {
    assert.deepEqual(resolveParameters(definition, {}), {
      values: { alpha: 0.5, epochs: 3, verbose: false, label: 'x' },
      dataPaths: { input_datapath: { datastore: 'workspaceblobstore', path: 'incoming/sample.csv' } },
    });
  });

  it('names the field of every wrong type and unknown name', () => {
    const found = validateAssignments(definition, { parameterAssignments: { alpha: 'abc', epochs: '1.5', verbose: 'yes', beta: 1, input_datapath: 'x' } });
    assert.deepEqual(found.map((i) => i.message), [
      'ParameterAssignments.alpha: expected a float, got "abc"',
      'ParameterAssignments.epochs: expected an int, got "1.5"',
      'ParameterAssignments.verbose: expected a bool, got "yes"',
      "ParameterAssignments.beta: the pipeline has no parameter 'beta' (it has: alpha, epochs, verbose, label)",
      "ParameterAssignments.input_datapath: 'input_datapath' is a DataPath parameter; assign it in DataPathAssignments as {DataStoreName, RelativePath}",
    ]);
    assert.deepEqual(found.map((i) => i.code), ['InvalidParameterValue', 'InvalidParameterValue', 'InvalidParameterValue', 'UnknownPipelineParameter', 'InvalidParameterBinding']);
    assert.equal(found[0]!.pointer, '/ParameterAssignments/alpha');
  });

  it('rejects DataPath values with .., absolute paths or backslashes', () => {
    for (const RelativePath of ['../secret.csv', 'a/../../b', '/etc/passwd', 'C:/x', 'a\\b.csv', '']) {
      const found = validateAssignments(definition, { dataPathAssignments: { input_datapath: { DataStoreName: 'workspaceblobstore', RelativePath } } });
      assert.equal(found.length, 1, RelativePath);
      assert.equal(found[0]!.code, 'InvalidDatastorePath');
      assert.equal(found[0]!.pointer, '/DataPathAssignments/input_datapath/RelativePath');
      assert.match(found[0]!.message, /^DataPathAssignments\.input_datapath\.RelativePath /);
    }
    assert.deepEqual(validateAssignments(definition, { dataPathAssignments: { input_datapath: { DataStoreName: 'workspaceblobstore', RelativePath: 'a..b/c.csv' } } }), []);
  });

  it('unknown DataPath names, wrong shapes and unknown datastores', () => {
    const found = validateAssignments(
      definition,
      { dataPathAssignments: { nope: { DataStoreName: 'x', RelativePath: 'y' }, alpha: {}, input_datapath: { DataStoreName: 'elsewhere', RelativePath: 3 } } },
      { knownDatastores: ['workspaceblobstore'] },
    );
    assert.deepEqual(found.map((i) => [i.code, i.pointer]), [
      ['UnknownPipelineParameter', '/DataPathAssignments/nope'],
      ['InvalidParameterBinding', '/DataPathAssignments/alpha'],
      ['UnknownDatastore', '/DataPathAssignments/input_datapath/DataStoreName'],
      ['InvalidParameterValue', '/DataPathAssignments/input_datapath/RelativePath'],
    ]);
  });
});
