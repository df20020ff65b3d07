/**
 * The local pipeline runner with real child processes (python3 and node), real SQLite, folder
 * datastores and Azurite.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatastore } from '../../connectors/blob/datastore.js';
import type { PipelineDefinition } from '../../engine/pipelines/definition.js';
import { ENGINE_STOPPED_MESSAGE } from '../../engine/pipelines/runner.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { createHarness, processGone, type Harness } from '../helpers/pipeline-runner-harness.js';

const PREP_PY = `import os, sys, json
src, out, counter = sys.argv[1], sys.argv[2], sys.argv[3]
open(counter, 'a').write('prep\\n')
os.makedirs(out, exist_ok=True)
text = open(src).read()
open(os.path.join(out, 'clean.txt'), 'w').write(text.upper())
print('prep read', len(text), 'bytes')
with open(os.environ['SLUICE_METRICS_FILE'], 'a') as m:
    m.write(json.dumps({'name': 'rows', 'value': text.count('\\n')}) + '\\n')
`;

const TRAIN_JS = `const fs = require('node:fs');
const [, , input, model, alpha, counter] = process.argv;
fs.appendFileSync(counter, 'train\\n');
const text = fs.readFileSync(input + '/clean.txt', 'utf8');
fs.writeFileSync(model, 'model(' + alpha + '):' + text);
console.log('trained with alpha', alpha);
`;

const SCORE_JS = `const fs = require('node:fs');
const [, , model, out, counter] = process.argv;
fs.appendFileSync(counter, 'score\\n');
fs.mkdirSync(out + '/nested', { recursive: true });
fs.writeFileSync(out + '/nested/score.txt', 'scored ' + fs.readFileSync(model, 'utf8'));
`;

function threeSteps(h: Harness, datastore = 'workspaceblobstore'): PipelineDefinition {
  h.write('src/prep/prep.py', PREP_PY);
  h.write('src/train/train.js', TRAIN_JS);
  h.write('src/score/score.js', SCORE_JS);
  const counter = join(h.dir, 'counter.txt');
  return {
    name: 'three',
    defaultDatastore: datastore,
    parameters: {
      alpha: { type: 'float', default: 0.5 },
      input_datapath: { type: 'datapath', datastore, path: 'raw/data.csv' },
    },
    steps: {
      prep: {
        runtime: 'python', script: 'prep.py', sourceDirectory: 'prep',
        arguments: ['${{inputs.raw}}', '${{outputs.clean}}', counter],
        inputs: { raw: { parameter: 'input_datapath' } }, outputs: { clean: {} },
      },
      train: {
        runtime: 'node', script: 'train.js', sourceDirectory: 'train',
        arguments: ['${{inputs.clean}}', '${{outputs.model}}', '${{parameters.alpha}}', counter],
        inputs: { clean: { step: 'prep', output: 'clean' } }, outputs: { model: {} },
      },
      score: {
        runtime: 'node', script: 'score.js', sourceDirectory: 'score',
        arguments: ['${{inputs.model}}', '${{outputs.result}}', counter],
        inputs: { model: { step: 'train', output: 'model' } },
        outputs: { result: { datastore, path: 'results/{run-id}/{output-name}' } },
      },
    },
  };
}

function counted(h: Harness): string[] {
  return h.exists('counter.txt') ? h.read('counter.txt').trim().split('\n').filter((l) => l !== '') : [];
}

describe('pipeline runner', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h?.close());

  describe('with folder datastores', () => {
    beforeEach(() => {
      h = createHarness();
    });

    it('runs a 3-step data-dependent pipeline: inputs, outputs, logs, metrics', async () => {
      const definition = threeSteps(h);
      h.write('files/raw/data.csv', 'a,b\n1,2\n');
      const run = await h.run(definition);
      assert.equal(run.status, 'Finished', JSON.stringify(h.runner.steps(run.id)));
      assert.deepEqual(counted(h), ['prep', 'train', 'score']);
      const steps = h.runner.steps(run.id);
      assert.deepEqual(steps.map((s) => [s.stepName, s.status, s.exitCode]), [['prep', 'Finished', 0], ['train', 'Finished', 0], ['score', 'Finished', 0]]);
      assert.deepEqual(steps[0]!.metrics, { rows: 2 });
      assert.deepEqual(steps[2]!.outputs, { result: { datastore: 'workspaceblobstore', path: `results/${run.id}/result` } });
      assert.equal(h.read(`files/results/${run.id}/result/nested/score.txt`), 'scored model(0.5):A,B\n1,2\n');
      assert.equal(h.read(`files/azureml/${run.id}/prep/clean/clean.txt`), 'A,B\n1,2\n');
      assert.match(h.runner.log(run.id, 'prep') ?? '', /prep read 8 bytes/);
      assert.match(h.runner.log(run.id, 'train') ?? '', /trained with alpha 0.5/);
      assert.ok(steps[0]!.logPath?.endsWith(join('azureml-logs', '70_driver_log.txt')));
      assert.equal(h.runner.get(run.id)?.totalSteps, 3);
    });

    it('bounds parallel steps by the compute target maxNodes', async () => {
      const stamps = join(h.dir, 'stamps.txt');
      h.write('src/par/par.js', `const fs = require('node:fs');
fs.appendFileSync(process.argv[2], 'start ' + Date.now() + '\\n');
setTimeout(() => fs.appendFileSync(process.argv[2], 'end ' + Date.now() + '\\n'), 400);`);
      const steps: PipelineDefinition['steps'] = {};
      for (let i = 0; i < 5; i++) steps[`p${i}`] = { runtime: 'node', script: 'par.js', sourceDirectory: 'par', arguments: [stamps, String(i)], allowReuse: false };
      const run = await h.run({ name: 'par', computeTargets: { local: { maxNodes: 2 } }, steps });
      assert.equal(run.status, 'Finished');
      const events = readFileSync(stamps, 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([k, t]) => ({ delta: k === 'start' ? 1 : -1, t: Number(t) }));
      events.sort((a, b) => a.t - b.t || a.delta - b.delta);
      let now = 0;
      let most = 0;
      for (const e of events) most = Math.max(most, (now += e.delta));
      assert.equal(events.length, 10);
      assert.ok(most <= 2, `at most 2 steps at once, saw ${most}`);
    });

    it('fails a step with its exit code and stderr; dependants stay NotStarted', async () => {
      h.write('src/bad/bad.py', "import sys\nprint('working')\nprint('boom: the model diverged', file=sys.stderr)\nsys.exit(3)\n");
      h.write('src/ok/ok.js', "require('node:fs').mkdirSync(process.argv[2], { recursive: true });");
      const run = await h.run({
        name: 'fail',
        steps: {
          bad: { runtime: 'python', script: 'bad.py', sourceDirectory: 'bad', outputs: { o: {} } },
          after: { runtime: 'node', script: 'ok.js', sourceDirectory: 'ok', arguments: ['${{outputs.x}}'], inputs: { i: { step: 'bad', output: 'o' } }, outputs: { x: {} } },
        },
      });
      assert.equal(run.status, 'Failed');
      assert.match(run.error?.message ?? '', /step 'bad' failed: exited with code 3/);
      const [bad, after] = h.runner.steps(run.id);
      assert.equal(bad!.status, 'Failed');
      assert.equal(bad!.exitCode, 3);
      assert.match(bad!.error?.message ?? '', /boom: the model diverged/);
      assert.equal(after!.status, 'NotStarted');
      const log = h.runner.log(run.id, 'bad') ?? '';
      assert.match(log, /working/);
      assert.match(log, /boom: the model diverged/);
      assert.match(log, /exited with code 3/);
    });

    it('continueOnStepFailure keeps independent branches going', async () => {
      h.write('src/s/fail.js', 'process.exit(1)');
      h.write('src/s/ok.js', "require('node:fs').writeFileSync(process.argv[2], 'ok')");
      const definition: PipelineDefinition = {
        name: 'branches',
        steps: {
          a: { runtime: 'node', script: 'fail.js', sourceDirectory: 's', outputs: { o: {} } },
          b: { runtime: 'node', script: 'ok.js', sourceDirectory: 's', arguments: ['${{outputs.o}}'], outputs: { o: {} } },
          c: { runtime: 'node', script: 'ok.js', sourceDirectory: 's', arguments: ['${{outputs.o}}'], inputs: { i: { step: 'a', output: 'o' } }, outputs: { o: {} } },
        },
      };
      const run = await h.run(definition, { continueOnStepFailure: true });
      assert.equal(run.status, 'Failed');
      assert.deepEqual(h.runner.steps(run.id).map((s) => s.status), ['Failed', 'Finished', 'NotStarted']);
    });

    it('a timeout kills the whole process group (grandchildren too)', async () => {
      const pids = join(h.dir, 'pids.txt');
      h.write('src/hang/hang.js', `const { spawn } = require('node:child_process');
const child = spawn('sleep', ['60'], { stdio: 'ignore' });
require('node:fs').writeFileSync(process.argv[2], process.pid + ' ' + child.pid);
console.log('hanging');
setInterval(() => {}, 1000);`);
      const run = await h.run({ name: 'hang', steps: { hang: { runtime: 'node', script: 'hang.js', sourceDirectory: 'hang', arguments: [pids], timeoutSeconds: 1 } } });
      assert.equal(run.status, 'Failed');
      const [step] = h.runner.steps(run.id);
      assert.equal(step!.error?.code, 'StepTimedOut');
      assert.match(step!.error?.message ?? '', /timed out after 1 s/);
      assert.match(h.runner.log(run.id, 'hang') ?? '', /timed out after 1 s/);
      for (const pid of readFileSync(pids, 'utf8').split(' ').map(Number)) assert.ok(processGone(pid), `process ${pid} still running`);
    });

    it('cancel stops running processes and marks the run Canceled', async () => {
      const pids = join(h.dir, 'pids.txt');
      h.write('src/long/long.js', `require('node:fs').writeFileSync(process.argv[2], String(process.pid));
setInterval(() => {}, 1000);`);
      h.write('src/long/next.js', '');
      const started = await h.submit({
        name: 'long',
        steps: {
          long: { runtime: 'node', script: 'long.js', sourceDirectory: 'long', arguments: [pids], outputs: { o: {} } },
          next: { runtime: 'node', script: 'next.js', sourceDirectory: 'long', inputs: { i: { step: 'long', output: 'o' } } },
        },
      });
      while (!h.exists('pids.txt') || h.read('pids.txt') === '') await new Promise((r) => setTimeout(r, 20));
      assert.equal(await h.runner.cancel(started.id), true);
      const run = h.runner.get(started.id)!;
      assert.equal(run.status, 'Canceled');
      assert.deepEqual(h.runner.steps(run.id).map((s) => s.status), ['Canceled', 'Canceled']);
      assert.ok(processGone(Number(h.read('pids.txt'))));
      assert.equal(await h.runner.cancel(started.id), false);
    });

    it('a declared output the step did not write fails the step', async () => {
      h.write('src/lazy/lazy.js', "console.log('did nothing')");
      const run = await h.run({ name: 'lazy', steps: { lazy: { runtime: 'node', script: 'lazy.js', sourceDirectory: 'lazy', outputs: { model: {} } } } });
      assert.equal(run.status, 'Failed');
      const [step] = h.runner.steps(run.id);
      assert.equal(step!.exitCode, 0);
      assert.match(step!.error?.message ?? '', /did not write output 'model'/);
      assert.match(h.runner.log(run.id, 'lazy') ?? '', /did not write output 'model'/);
    });

    it('rejects path traversal in assignments and fails a run whose definition reaches outside', async () => {
      const definition = threeSteps(h);
      h.write('secret.txt', 'secret');
      for (const RelativePath of ['../secret.txt', '/etc/passwd', 'raw\\..\\..\\secret.txt', 'raw/../../secret.txt']) {
        await assert.rejects(
          h.submit(definition, { dataPathAssignments: { input_datapath: { DataStoreName: 'workspaceblobstore', RelativePath } } }),
          (err: Error & { code?: string }) => err.code === 'InvalidArgument' && err.message.includes('DataPathAssignments.input_datapath.RelativePath'),
        );
      }
      await assert.rejects(h.submit(definition, { dataPathAssignments: { input_datapath: { DataStoreName: 'nowhere', RelativePath: 'a.csv' } } }), /no datastore named 'nowhere'/);
      await assert.rejects(h.submit(definition, { parameterAssignments: { alpha: 'abc' } }), /ParameterAssignments.alpha: expected float/);
      await assert.rejects(h.submit(definition, { parameterAssignments: { beta: 1 } }), /no parameter 'beta'/);
      assert.equal(h.runner.listRuns().length, 0);
      h.write('src/p/p.js', "require('node:fs').appendFileSync(process.argv[2], 'ran')");
      const run = await h.run({
        name: 'escape',
        steps: { p: { runtime: 'node', script: 'p.js', sourceDirectory: 'p', arguments: [join(h.dir, 'ran.txt')], inputs: { i: { datastore: 'workspacefilestore', path: '../secret.txt' } } } },
      });
      assert.equal(run.status, 'Failed');
      assert.match(h.runner.steps(run.id)[0]!.error?.message ?? '', /'\.\.\/secret\.txt' is not allowed: it contains a '\.\.' segment/);
      assert.equal(h.exists('ran.txt'), false);
    });

    it('reuses identical steps and reruns on changed source, parameter or input data', async () => {
      const definition = threeSteps(h);
      h.write('files/raw/data.csv', 'a,b\n1,2\n');
      const first = await h.run(definition);
      assert.equal(first.status, 'Finished');
      const second = await h.run(definition);
      assert.equal(second.status, 'Finished');
      assert.deepEqual(counted(h), ['prep', 'train', 'score'], 'no process started the second time');
      for (const step of h.runner.steps(second.id)) {
        assert.equal(step.reusedFromRunId, first.id);
        assert.match(h.runner.log(second.id, step.stepName) ?? '', new RegExp(`reused outputs of run ${first.id}`));
      }
      assert.deepEqual(h.runner.steps(second.id)[2]!.outputs, h.runner.steps(first.id)[2]!.outputs);

      h.write('src/score/README.md', 'a changed file in the source folder');
      await h.run(definition);
      assert.deepEqual(counted(h).slice(3), ['score']);

      await h.run(definition, { parameterAssignments: { alpha: '0.7' } });
      assert.deepEqual(counted(h).slice(4), ['train', 'score']);

      h.write('files/raw/data.csv', 'a,b\n1,2\n3,4\n');
      await h.run(definition, { parameterAssignments: { alpha: '0.7' } });
      assert.deepEqual(counted(h).slice(6), ['prep', 'train', 'score']);

      const regenerated = await h.run(definition, { parameterAssignments: { alpha: '0.7' }, regenerateOutputs: true });
      assert.deepEqual(counted(h).slice(9), ['prep', 'train', 'score']);
      assert.ok(h.runner.steps(regenerated.id).every((s) => s.reusedFromRunId === undefined));
    });

    it('does not reuse a step whose outputs were deleted', async () => {
      const definition = threeSteps(h);
      h.write('files/raw/data.csv', 'x\n');
      const first = await h.run(definition);
      const datastore = openDatastore('workspaceblobstore', h.config);
      await datastore.delete(`results/${first.id}/result/nested/score.txt`);
      await h.run(definition);
      assert.deepEqual(counted(h), ['prep', 'train', 'score', 'score']);
    });

    it('runs each step once under concurrent identical submissions', async () => {
      const definition = threeSteps(h);
      h.write('files/raw/data.csv', 'a\n');
      const runs = await Promise.all([h.submit(definition), h.submit(definition), h.submit(definition)]);
      const done = await Promise.all(runs.map((r) => h.runner.whenDone(r.id)));
      assert.deepEqual(done.map((r) => r.status), ['Finished', 'Finished', 'Finished']);
      assert.deepEqual(counted(h), ['prep', 'train', 'score']);
      const reused = done.flatMap((r) => h.runner.steps(r.id)).filter((s) => s.reusedFromRunId !== undefined);
      assert.equal(reused.length, 6);
    });

    it('records the git commit of the source folder', async () => {
      h.write('src/g/g.js', "require('node:fs').writeFileSync(process.argv[2], 'x')");
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: h.sourceRoot }).toString().trim();
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'source');
      const run = await h.run({ name: 'g', steps: { g: { runtime: 'node', script: 'g.js', sourceDirectory: 'g', arguments: ['${{outputs.o}}'], outputs: { o: {} } } } });
      assert.equal(run.sourceCommit, git('rev-parse', 'HEAD'));
      assert.equal(h.runner.get(run.id)?.sourceCommit, git('rev-parse', 'HEAD'));
    });

    it('start() fails runs an earlier process left Running', async () => {
      h.write('src/long/long.js', `require('node:fs').writeFileSync(process.argv[2], String(process.pid));
setInterval(() => {}, 1000);`);
      const started = await h.submit({ name: 'long', steps: { long: { runtime: 'node', script: 'long.js', sourceDirectory: 'long', arguments: [join(h.dir, 'pid.txt')] } } });
      while (!h.exists('pid.txt')) await new Promise((r) => setTimeout(r, 20));
      const later = h.newRunner();
      await later.start();
      const run = later.get(started.id)!;
      assert.equal(run.status, 'Failed');
      assert.equal(run.error?.message, ENGINE_STOPPED_MESSAGE);
      assert.equal(later.steps(started.id)[0]!.status, 'Failed');
    });
  });

  describe('with Azurite', () => {
    let azurite: Azurite;
    before(async function () {
      this.timeout(30_000);
      azurite = await startAzurite();
    });
    after(async () => azurite?.stop());
    beforeEach(async () => {
      h = createHarness({ azuriteConnectionString: azurite.connectionString });
      await openDatastore('workspaceblobstore', h.config).ensureContainer();
    });

    it('runs the 3-step pipeline against blob storage and reuses it', async () => {
      const definition = threeSteps(h);
      const blobs = openDatastore('workspaceblobstore', h.config);
      await blobs.write('raw/data.csv', 'p,q\n5,6\n');
      const run = await h.run(definition);
      assert.equal(run.status, 'Finished', JSON.stringify(h.runner.steps(run.id)));
      assert.equal((await blobs.read(`results/${run.id}/result/nested/score.txt`)).toString(), 'scored model(0.5):P,Q\n5,6\n');
      assert.equal((await blobs.read(`azureml/${run.id}/train/model`)).toString(), 'model(0.5):P,Q\n5,6\n');
      const again = await h.run(definition);
      assert.ok(h.runner.steps(again.id).every((s) => s.reusedFromRunId === run.id));
      await blobs.write('raw/data.csv', 'p,q\n7,8\n');
      const changed = await h.run(definition);
      assert.ok(h.runner.steps(changed.id).every((s) => s.reusedFromRunId === undefined));
      assert.deepEqual(counted(h), ['prep', 'train', 'score', 'prep', 'train', 'score']);
    });

    it('downloads a folder input recursively', async () => {
      const blobs = openDatastore('workspaceblobstore', h.config);
      await blobs.write('tree/a.txt', 'A');
      await blobs.write('tree/sub/b.txt', 'B');
      await blobs.write('treeish.txt', 'not below tree/');
      h.write('src/ls/ls.js', `const fs = require('node:fs');
const files = fs.readdirSync(process.argv[2], { recursive: true }).sort();
fs.writeFileSync(process.argv[3], JSON.stringify(files));`);
      const run = await h.run({
        name: 'ls',
        steps: { ls: { runtime: 'node', script: 'ls.js', sourceDirectory: 'ls', arguments: ['${{inputs.tree}}', '${{outputs.listing}}'], inputs: { tree: { datastore: 'workspaceblobstore', path: 'tree' } }, outputs: { listing: {} } } },
      });
      assert.equal(run.status, 'Finished', JSON.stringify(h.runner.steps(run.id)));
      assert.deepEqual(JSON.parse((await blobs.read(`azureml/${run.id}/ls/listing`)).toString()), ['a.txt', 'sub', 'sub/b.txt']);
    });
  });
});
