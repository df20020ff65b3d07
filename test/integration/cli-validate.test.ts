import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFiles } from '../../engine/cli-validate.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const seed = join(repoRoot, 'definitions/examples/seed-blob-to-pipeline.json');

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sluice-validate-')), name);
  writeFileSync(path, content);
  return path;
}

const broken = JSON.stringify({
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    A: { type: 'Compose', inputs: 1, runAfter: { Ghost: ['Succeeded'] } },
    B: { type: 'Compose', inputs: "@concat('x',", runAfter: {} },
  },
});

describe('sluice validate', () => {
  it('exits 0 and prints nothing when every file is valid', () => {
    assert.deepEqual(validateFiles([seed]), { exitCode: 0, lines: [] });
  });

  it('prints FILE: /pointer: message per issue, with the character of expression errors', () => {
    const file = tempFile('broken.json', broken);
    const result = validateFiles([seed, file]);
    assert.equal(result.exitCode, 1);
    assert.equal(result.lines.length, 2);
    assert.ok(result.lines.every((l) => l.startsWith(`${file}: /actions/`)), result.lines.join('\n'));
    assert.match(result.lines.find((l) => l.includes('/actions/A/runAfter/Ghost'))!, /runAfter of 'A' names 'Ghost'/);
    assert.match(result.lines.find((l) => l.includes('/actions/B/inputs'))!, /\(at character 12\)$/);
  });

  it('reports malformed JSON with line and column, unreadable files, and a BOM is fine', () => {
    const bad = tempFile('bad.json', '{\n  "actions": {},\n}');
    const missing = join(tmpdir(), 'sluice-no-such-file.json');
    const bom = tempFile('bom.json', '\uFEFF' + JSON.stringify({ actions: {} }));
    const result = validateFiles([bad, missing, bom]);
    assert.equal(result.exitCode, 1);
    assert.equal(result.lines.length, 2);
    assert.match(result.lines[0]!, new RegExp(`^${bad.replace(/[.\\]/g, '\\$&')}: invalid JSON at line 3, column 1: `));
    assert.match(result.lines[1]!, /sluice-no-such-file\.json: cannot read the file: ENOENT/);
  });

  it('runs as a command: exit code and output of the real binary', function () {
    this.timeout(30000);
    const file = tempFile('broken.json', broken);
    const run = spawnSync(process.execPath, [join(repoRoot, 'bin/sluice.js'), 'validate', seed, file], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout.trim().split('\n').length, 2, run.stdout);
    const ok = spawnSync(process.execPath, [join(repoRoot, 'bin/sluice.js'), 'validate', seed], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  });
});
