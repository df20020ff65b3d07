import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPipeline, validateAssignments } from '../../engine/pipelines/load-pipeline.js';
import { LocalPipelineRunner } from '../../engine/pipelines/runner.js';
import { snapshotSourceDirectory } from '../../engine/pipelines/source-snapshot.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { startPipelineServer, type PipelineServer } from '../helpers/pipeline-server.js';

const sluice = runCliAsync;

const definition = (name: string, failing: boolean) => ({
  name,
  defaultDatastore: 'files',
  parameters: { greeting: { type: 'string', default: 'hello' } },
  steps: {
    make: { runtime: 'python', script: 'make.py', sourceDirectory: 'src', arguments: ['${{outputs.out}}', '${{parameters.greeting}}'], outputs: { out: {} } },
    use: { runtime: 'python', script: failing ? 'fail.py' : 'use.py', sourceDirectory: 'src', arguments: ['${{inputs.data}}'], inputs: { data: { step: 'make', output: 'out' } } },
  },
});

const MAKE = 'import os, sys\nos.makedirs(sys.argv[1], exist_ok=True)\nopen(os.path.join(sys.argv[1], "g.txt"), "w").write(sys.argv[2])\nprint("made", sys.argv[2])\n';
const USE = 'import os, sys\nprint("read", open(os.path.join(sys.argv[1], "g.txt")).read())\n';
const FAIL = 'import sys\nprint("about to fail", file=sys.stderr)\nsys.exit(3)\n';

describe('sluice pipeline / datastore CLI against a running server', function () {
  this.timeout(60_000);
  let server: PipelineServer;
  let work: string;
  let url: string;

  before(async function () {
    server = await startPipelineServer(({ store, config, dir }) => new LocalPipelineRunner({ db: store.db, config, workDir: join(dir, 'work'), killGraceMs: 500 }), {
      loadPipeline,
      validateAssignments,
      snapshotSourceDirectory,
    });
    url = server.url;
    work = mkdtempSync(join(tmpdir(), 'sluice-cli-pipeline-'));
    for (const [folder, failing] of [['ok', false], ['bad', true]] as const) {
      mkdirSync(join(work, folder, 'src'), { recursive: true });
      writeFileSync(join(work, folder, 'pipeline.json'), JSON.stringify(definition(`cli-${folder}`, failing)));
      writeFileSync(join(work, folder, 'src', 'make.py'), MAKE);
      writeFileSync(join(work, folder, 'src', 'use.py'), USE);
      writeFileSync(join(work, folder, 'src', 'fail.py'), FAIL);
    }
  });
  after(async function () {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('publishes a folder, lists it, runs it with --wait (plain lines) and exits 0 when it Finished', async function () {
    const published = await sluice(['pipeline', 'publish', join(work, 'ok'), '--url', url, '--description', 'demo']);
    assert.equal(published.status, 0, published.stderr);
    const id = /published cli-ok as (\S+)/.exec(published.stdout)?.[1];
    assert.ok(id, published.stdout);
    assert.match(published.stdout, /PipelineRuns\/PipelineSubmit\//);
    const listed = await sluice(['pipeline', 'list', '--url', url]);
    assert.match(listed.stdout, new RegExp(`${id}\\s+cli-ok`));

    const run = await sluice(['pipeline', 'run', 'cli-ok', '--url', url, '--param', 'greeting=bonjour', '--experiment', 'cli', '--wait']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0]!, /^submitted run \S+ of cli-ok \(experiment cli\)$/);
    assert.ok(lines.includes('step make: Finished'), run.stdout);
    assert.ok(lines.includes('step use: Finished'), run.stdout);
    assert.match(lines.at(-1)!, /^run \S+: Finished$/);
    // Plain mode: no ANSI escapes when stdout is not a terminal, and each status once.
    assert.doesNotMatch(run.stdout, /\x1b\[/);
    assert.equal(lines.filter((l) => l === 'step use: Finished').length, 1);
    const runId = /^run (\S+): Finished$/.exec(lines.at(-1)!)![1]!;

    const logs = await sluice(['pipeline', 'logs', runId, 'use', '--url', url]);
    assert.equal(logs.status, 0, logs.stderr);
    assert.match(logs.stdout, /read bonjour/);
    const runs = await sluice(['pipeline', 'runs', '--pipeline', id!, '--url', url]);
    assert.match(runs.stdout, new RegExp(`${runId}\\s+cli\\s+Finished`));
  });

  it('exits 1 with the failing step named when the run fails', async function () {
    assert.equal((await sluice(['pipeline', 'publish', join(work, 'bad'), '--url', url])).status, 0);
    const run = await sluice(['pipeline', 'run', 'cli-bad', '--url', url, '--wait']);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.ok(run.stdout.split('\n').includes('step use: Failed'), run.stdout);
    assert.match(run.stdout, /run \S+: Failed/);
  });

  it('reports a bad parameter or a disabled pipeline with exit 1 and the server message', async function () {
    const unknown = await sluice(['pipeline', 'run', 'cli-ok', '--url', url, '--param', 'nope=1']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /ParameterAssignments/);
    const disabled = await sluice(['pipeline', 'disable', 'cli-ok', '--url', url]);
    assert.equal(disabled.status, 0, disabled.stderr);
    assert.match(disabled.stdout, /Disabled/);
    const refused = await sluice(['pipeline', 'run', 'cli-ok', '--url', url]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /PipelineDisabled/);
  });

  it('uploads a folder to a datastore and lists it', async function () {
    const local = join(work, 'upload');
    mkdirSync(join(local, 'sub'), { recursive: true });
    writeFileSync(join(local, 'a.csv'), 'a\n1\n');
    writeFileSync(join(local, 'sub', 'b.csv'), 'b\n2\n');
    const up = await sluice(['datastore', 'upload', local, 'files:inbox', '--url', url]);
    assert.equal(up.status, 0, up.stderr);
    assert.match(up.stdout, /files:inbox\/sub\/b\.csv/);
    const listed = await sluice(['datastore', 'list', 'files', 'inbox', '--url', url]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /inbox\/a\.csv\s+4/);
    const sub = await sluice(['datastore', 'list', 'files', 'inbox/sub', '--url', url]);
    assert.match(sub.stdout, /inbox\/sub\/b\.csv/);
    const unknown = await sluice(['datastore', 'list', 'nowhere', '--url', url]);
    assert.equal(unknown.status, 1);
  });
});
