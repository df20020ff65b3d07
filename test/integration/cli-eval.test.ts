import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

describe('sluice eval', function () {
  let dir: string;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-eval-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the value as JSON', function () {
    const out = runCli(['eval', "@concat('a', string(add(1,2)))"]);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout, '"a3"\n');
  });

  it('evaluates a string that is not an expression to itself', function () {
    assert.equal(runCli(['eval', 'plain text']).stdout, '"plain text"\n');
  });

  it('reads the scope from --context', function () {
    const file = join(dir, 'context.json');
    writeFileSync(file, JSON.stringify({ triggerBody: { Name: 'in/file.csv' }, parameters: { n: 2 } }));
    const out = runCli(['eval', '--context', file, "@{triggerBody()?['Name']}#@{parameters('n')}"]);
    assert.equal(out.stdout, '"in/file.csv#2"\n', out.stderr);
  });

  it('exits 1 with the position and a caret on a syntax error', function () {
    const out = runCli(['eval', "@concat('a',"]);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /position 12/);
    assert.match(out.stderr, /\n {2}@concat\('a',\n {2} {12}\^/);
  });

  it('exits 1 with a clear message on a bad context file', function () {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ "parameters": ');
    const out = runCli(['eval', '--context', file, '@parameters(\'x\')']);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /bad\.json: invalid JSON: .* line 1, column/);
  });

  it('--batch answers every case in order; one bad case never stops the others', function () {
    const file = join(dir, 'batch.json');
    writeFileSync(
      file,
      JSON.stringify([
        { expr: "@parameters('a')", context: { parameters: { a: [1, 2] } } },
        { expr: '@noSuchFunction()' },
        { expr: "@concat('x'," },
        { nope: true },
        { expr: "@{variables('v')}", context: { variables: { v: true } } },
        { expr: '@div(7, 2)' },
      ]),
    );
    const out = runCli(['eval', '--batch', file]);
    assert.equal(out.status, 0, out.stderr);
    const results = JSON.parse(out.stdout) as Record<string, unknown>[];
    assert.equal(results.length, 6);
    assert.deepEqual(results[0], { value: [1, 2] });
    assert.match(String(results[1]!['error']), /unknown function 'noSuchFunction'/);
    assert.match(String(results[2]!['error']), /position/);
    assert.match(String(results[3]!['error']), /"expr" must be a string/);
    assert.deepEqual(results[4], { value: 'True' });
    assert.deepEqual(results[5], { value: 3 });
  });
});
