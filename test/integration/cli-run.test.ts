import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parameterValues, runCommand, type RunOnce } from '../../engine/cli/run-command.js';
import { runWorkflowOnce } from '../../engine/runtime/run-once.js';
import { repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const examples = join(repoRoot(), 'definitions', 'examples');
/** Retry delays and Waits of the examples pass at once; the result is the same as on the system clock. */
const virtualRun: RunOnce = (options) => runWorkflowOnce({ ...options, clock: 'virtual' });

const greet = {
  parameters: { greeting: { type: 'string' } },
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Say: { type: 'Compose', inputs: "@concat(parameters('greeting'), ', ', triggerBody()?['name'])", runAfter: {} },
    Number: { type: 'Compose', inputs: "@triggerBody()?['n']", runAfter: { Say: ['Succeeded'] } },
  },
};

describe('sluice run', function () {
  let dir: string;
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-run-cli-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every example to a result whose --json shape is exactly the documented one, exit code following the status', async function () {
    this.timeout(60000);
    for (const name of readdirSync(examples).filter((f) => f.endsWith('.json'))) {
      const out = await runCommand(join(examples, name), { json: true }, virtualRun);
      assert.equal(out.stderr, '', name);
      const result = JSON.parse(out.stdout) as Record<string, unknown>;
      assert.equal(out.exitCode, result['status'] === 'Succeeded' ? 0 : 1, name);
      assert.ok(['Succeeded', 'Failed', 'Cancelled', 'TimedOut'].includes(String(result['status'])), `${name}: ${out.stdout}`);
      for (const key of Object.keys(result)) assert.ok(['status', 'error', 'actions', 'outputs', 'response'].includes(key), `${name}: ${key}`);
      const actions = result['actions'] as Record<string, Record<string, unknown>>;
      assert.ok(Object.keys(actions).length > 0, name);
      for (const [action, entry] of Object.entries(actions)) {
        assert.equal(typeof entry['status'], 'string', `${name} ${action}`);
        for (const key of Object.keys(entry)) assert.ok(['status', 'inputs', 'outputs', 'error'].includes(key), `${name} ${action}: ${key}`);
      }
    }
  });

  it('runs as a command: one JSON object and exit 0 for a Succeeded run', function () {
    const run = runCli(['run', join(examples, 'select-query-table.json'), '--json']);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { status: string; response?: { statusCode: number } };
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.response?.statusCode, 200);
    assert.equal(run.stdout.trim().split('\n').length, 1);
  });

  it('prints one line per action and the result, exit 1 when the run fails', function () {
    const order = join(examples, 'request-validate-order.json');
    const ok = runCli(['run', order, '--trigger-body', '{"orderId":"A1","quantity":2}']);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const lines = ok.stdout.split('\n');
    assert.match(lines.find((l) => l.startsWith('Parse_order'))!, /^Parse_order\s+Succeeded\s+\S.*\{"body":\{"orderId":"A1","quantity":2\}\}$/);
    assert.match(lines.find((l) => l.startsWith('Reject'))!, /^Reject\s+Skipped\s/);
    assert.ok(lines.includes('Run Succeeded'), ok.stdout);
    assert.match(ok.stdout, /^response: 202 /m);

    const failed = runCli(['run', order]);
    assert.equal(failed.status, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /^Run Failed: /m);
  });

  it('reads the trigger body from @file and parameters in both shapes, numbers kept exact', async function () {
    const definition = file('greet.json', greet);
    const body = file('body.json', '{"name": "Ada", "n": 1.0}');
    for (const parameters of [{ greeting: 'Hello' }, { greeting: { value: 'Hello' } }, { $schema: 'x', contentVersion: '1.0.0.0', parameters: { greeting: { value: 'Hello' } } }]) {
      const out = await runCommand(definition, { json: true, triggerBody: `@${body}`, parameters: file('params.json', parameters) }, runWorkflowOnce);
      assert.equal(out.exitCode, 0, out.stdout + out.stderr);
      assert.match(out.stdout, /"Say":\{"status":"Succeeded","inputs":"Hello, Ada","outputs":"Hello, Ada"\}/, JSON.stringify(parameters));
      assert.match(out.stdout, /"Number":\{"status":"Succeeded","inputs":1\.0,"outputs":1\.0\}/);
    }
  });

  it('tells the two parameter shapes apart', function () {
    assert.deepEqual(parameterValues({ a: 1, b: { value: 2 } }, 'p.json'), { a: 1, b: { value: 2 } });
    assert.deepEqual(parameterValues({ a: { value: 1 }, b: { type: 'String', value: 'x' } }, 'p.json'), { a: 1, b: 'x' });
    assert.throws(() => parameterValues([1], 'p.json'), /p\.json: expected a JSON object/);
  });

  it('prints FILE: /pointer: message per issue of an invalid definition and exits 1', function () {
    const broken = file('broken.json', {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: { A: { type: 'Compose', inputs: "@concat('x',", runAfter: {} }, B: { type: 'Compose', inputs: 1, runAfter: { Ghost: ['Succeeded'] } } },
    });
    const run = runCli(['run', broken, '--json']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trim().split('\n');
    assert.ok(lines.some((l) => l.startsWith(`${broken}: /actions/A/inputs: `)), run.stderr);
    assert.ok(lines.some((l) => l.startsWith(`${broken}: /actions/B/runAfter`)), run.stderr);
  });

  it('reports bad arguments and unreadable files with exit 1', async function () {
    const definition = file('greet2.json', greet);
    const badBody = await runCommand(definition, { triggerBody: '{nope' }, runWorkflowOnce);
    assert.equal(badBody.exitCode, 1);
    assert.match(badBody.stderr, /^error: --trigger-body: not JSON/);
    const missing = await runCommand(join(dir, 'missing.json'), {}, runWorkflowOnce);
    assert.equal(missing.exitCode, 1);
    assert.match(missing.stderr, /missing\.json: cannot read the file \(ENOENT\)/);
    const notJson = await runCommand(file('bad.json', '{\n  "actions": {},\n}'), {}, runWorkflowOnce);
    assert.equal(notJson.exitCode, 1);
    assert.match(notJson.stderr, /bad\.json: invalid JSON at line 3, column 1/);
    const badParams = await runCommand(definition, { parameters: join(dir, 'nope.json') }, runWorkflowOnce);
    assert.match(badParams.stderr, /nope\.json: cannot read the file/);
  });
});
