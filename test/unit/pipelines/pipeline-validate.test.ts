import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePipelineFiles } from '../../../engine/cli/pipeline-validate.js';
import { repoRoot } from '../../helpers/paths.js';

describe('sluice pipeline validate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-pipeline-validate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes the examples, given as folders or files', () => {
    const examples = join(repoRoot(), 'definitions', 'examples', 'pipelines');
    const result = validatePipelineFiles([join(examples, 'seed-score'), join(examples, 'train-eval', 'pipeline.json'), join(examples, 'shell-fanout')]);
    assert.deepEqual(result, { exitCode: 0, lines: [] });
  });

  it('prints FILE: pointer: message for every issue of every file, and exits 1', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'p', steps: { a: { runtime: 'python' }, b: { runtime: 'python', script: 'b.py', compute: 'gpu' } } }));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "name": ');
    const result = validatePipelineFiles([bad, broken, join(dir, 'missing.json')]);
    assert.equal(result.exitCode, 1);
    assert.deepEqual(result.lines.slice(0, 2).sort(), [
      `${bad}: /steps/a: step 'a' has the python runtime and needs a 'script'`,
      `${bad}: /steps/b/compute: step 'b' runs on the compute target 'gpu', which is not declared (known: 'local')`,
    ]);
    assert.match(result.lines[2]!, /broken\.json: invalid JSON at line 1/);
    assert.match(result.lines[3]!, /missing\.json: cannot read the file/);
    assert.equal(result.lines.length, 4);
  });

  it('checks that source folders and scripts exist beside the file', () => {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'here.py'), '');
    writeFileSync(
      join(dir, 'pipeline.json'),
      JSON.stringify({
        name: 'p',
        steps: {
          ok: { runtime: 'python', script: 'here.py', sourceDirectory: 'src' },
          noScript: { runtime: 'python', script: 'gone.py', sourceDirectory: 'src' },
          noFolder: { runtime: 'node', script: 'x.js', sourceDirectory: 'nowhere' },
        },
      }),
    );
    const result = validatePipelineFiles([dir]);
    assert.equal(result.exitCode, 1);
    assert.equal(result.lines.length, 2);
    assert.match(result.lines[0]!, /\/steps\/noScript\/script: step 'noScript' runs gone\.py, which is not in its source folder/);
    assert.match(result.lines[1]!, /\/steps\/noFolder\/sourceDirectory: the source folder of step 'noFolder' does not exist/);
    assert.deepEqual(validatePipelineFiles([dir], { skipSourceFiles: true }), { exitCode: 0, lines: [] });
  });

  it('asks for files when given none', () => {
    assert.equal(validatePipelineFiles([]).exitCode, 1);
  });
});
