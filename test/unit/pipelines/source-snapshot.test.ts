import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isIgnored, parseIgnoreFile } from '../../../engine/pipelines/ignore-rules.js';
import { gitCommitOf, hashSourceDirectory, NO_SOURCE_HASH, snapshotSourceDirectory } from '../../../engine/pipelines/source-snapshot.js';

function tree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('ignore rules (gitignore semantics)', () => {
  const ignored = (patterns: string, path: string, dir = false): boolean => isIgnored(parseIgnoreFile(patterns), path, dir);

  it('skips comments and blank lines; an escaped # is a pattern', () => {
    assert.equal(ignored('# a.txt\n\n', 'a.txt'), false);
    assert.equal(ignored('\\#notes', '#notes'), true);
  });

  it('a pattern without a slash matches the name at any depth; with one, from the ignore file folder', () => {
    assert.equal(ignored('*.log', 'a/b/x.log'), true);
    assert.equal(ignored('*.log', 'x.logs'), false);
    assert.equal(ignored('/build', 'build', true), true);
    assert.equal(ignored('/build', 'src/build', true), false);
    assert.equal(ignored('doc/*.txt', 'doc/a.txt'), true);
    assert.equal(ignored('doc/*.txt', 'doc/sub/a.txt'), false, '* stops at a slash');
    assert.equal(ignored('doc/*.txt', 'x/doc/a.txt'), false);
  });

  it('a trailing slash matches folders only', () => {
    assert.equal(ignored('cache/', 'cache', true), true);
    assert.equal(ignored('cache/', 'cache', false), false);
    assert.equal(ignored('cache/', 'deep/cache', true), true);
  });

  it('** as a leading, middle and trailing segment', () => {
    assert.equal(ignored('**/tmp', 'tmp', true), true);
    assert.equal(ignored('**/tmp', 'a/b/tmp', true), true);
    assert.equal(ignored('a/**/z', 'a/z'), true);
    assert.equal(ignored('a/**/z', 'a/b/c/z'), true);
    assert.equal(ignored('logs/**', 'logs/x/y.txt'), true);
    assert.equal(ignored('logs/**', 'logs', true), false, 'the folder itself is not matched, its contents are');
  });

  it('?, character classes and negation; the last matching rule wins', () => {
    assert.equal(ignored('file?.txt', 'file1.txt'), true);
    assert.equal(ignored('file?.txt', 'file10.txt'), false);
    assert.equal(ignored('data[0-9].csv', 'data7.csv'), true);
    assert.equal(ignored('data[!0-9].csv', 'data7.csv'), false);
    assert.equal(ignored('*.csv\n!keep.csv', 'keep.csv'), false);
    assert.equal(ignored('*.csv\n!keep.csv\n*.csv', 'keep.csv'), true);
  });
});

describe('source snapshots', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sluice-source-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists files under .gitignore rules, nested ignore files included, .git never', async () => {
    tree(root, {
      '.gitignore': '*.pyc\noutputs/\nlogs/**\n!logs/keep.txt\n',
      'main.py': 'print(1)',
      'main.pyc': 'x',
      'outputs/model.bin': 'x',
      'logs/run.txt': 'x',
      'logs/keep.txt': 'kept',
      'lib/util.py': 'u',
      'lib/.gitignore': 'scratch.py\n!*.pyc\n',
      'lib/scratch.py': 'x',
      'lib/fast.pyc': 'compiled',
      '.git/HEAD': 'ref: refs/heads/main',
    });
    const { files } = await hashSourceDirectory(root);
    assert.deepEqual(files, ['.gitignore', 'lib/.gitignore', 'lib/fast.pyc', 'lib/util.py', 'logs/keep.txt', 'main.py']);
  });

  it('.amlignore takes precedence over .gitignore in the same folder', async () => {
    tree(root, { '.gitignore': 'a.txt\n', '.amlignore': 'b.txt\n', 'a.txt': 'a', 'b.txt': 'b' });
    assert.deepEqual((await hashSourceDirectory(root)).files, ['.amlignore', '.gitignore', 'a.txt']);
  });

  it('a file inside an ignored folder cannot be re-included (git rule)', async () => {
    tree(root, { '.gitignore': 'build/\n!build/keep.txt\n', 'build/keep.txt': 'k', 'x.py': '' });
    assert.deepEqual((await hashSourceDirectory(root)).files, ['.gitignore', 'x.py']);
  });

  it('hashes paths and contents only: same content elsewhere, later, gives the same hash', async () => {
    const files = { 'a.py': 'print(1)\n', 'sub/b.py': 'print(2)\n' };
    tree(root, files);
    const other = mkdtempSync(join(tmpdir(), 'sluice-source-other-'));
    try {
      tree(other, { 'sub/b.py': files['sub/b.py'], 'a.py': files['a.py'] });
      const first = await hashSourceDirectory(root);
      assert.match(first.hash, /^[0-9a-f]{64}$/);
      assert.equal((await hashSourceDirectory(other)).hash, first.hash);
      assert.equal((await hashSourceDirectory(root)).hash, first.hash);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('changed content, a renamed file or a new file changes the hash; an ignored file does not', async () => {
    tree(root, { '.gitignore': '*.tmp\n', 'a.py': 'one' });
    const base = (await hashSourceDirectory(root)).hash;
    writeFileSync(join(root, 'scratch.tmp'), 'ignored');
    assert.equal((await hashSourceDirectory(root)).hash, base);
    writeFileSync(join(root, 'a.py'), 'two');
    const changed = (await hashSourceDirectory(root)).hash;
    assert.notEqual(changed, base);
    rmSync(join(root, 'a.py'));
    writeFileSync(join(root, 'b.py'), 'two');
    assert.notEqual((await hashSourceDirectory(root)).hash, changed);
    writeFileSync(join(root, 'c.py'), '');
    assert.notEqual((await hashSourceDirectory(root)).hash, changed);
  });

  it('moving bytes between name and content does not collide', async () => {
    tree(root, { ab: 'c' });
    const one = (await hashSourceDirectory(root)).hash;
    rmSync(join(root, 'ab'));
    tree(root, { a: 'bc' });
    assert.notEqual((await hashSourceDirectory(root)).hash, one);
  });

  it('an empty folder hashes as no source', async () => {
    assert.deepEqual(await hashSourceDirectory(root), { hash: NO_SOURCE_HASH, files: [] });
  });

  it('follows links to files, not to folders', async () => {
    tree(root, { 'real/a.py': 'a', 'b.py': 'b' });
    symlinkSync(join(root, 'b.py'), join(root, 'link.py'));
    symlinkSync(root, join(root, 'loop'));
    assert.deepEqual((await hashSourceDirectory(root)).files, ['b.py', 'link.py', 'real/a.py']);
  });

  it('snapshots copy exactly the included files and hash like the source', async () => {
    tree(root, { '.amlignore': 'data/\n', 'train.py': 'fit()', 'data/big.csv': '1,2', 'pkg/m.py': 'm' });
    const dest = mkdtempSync(join(tmpdir(), 'sluice-snapshot-'));
    try {
      const copied = await snapshotSourceDirectory(root, join(dest, 'step'));
      const source = await hashSourceDirectory(root);
      assert.deepEqual(copied, source);
      assert.deepEqual((await hashSourceDirectory(join(dest, 'step'))).hash, source.hash);
      assert.equal(readFileSync(join(dest, 'step', 'pkg', 'm.py'), 'utf8'), 'm');
      assert.throws(() => readFileSync(join(dest, 'step', 'data', 'big.csv')));
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });

  it('gitCommitOf gives HEAD inside a checkout and undefined outside one', async () => {
    assert.equal(await gitCommitOf(root), undefined);
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    try {
      git('init', '-q');
    } catch {
      return; // no git on this machine: undefined above is all there is to check
    }
    tree(root, { 'src/a.py': 'a' });
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'first');
    const head = git('rev-parse', 'HEAD');
    assert.equal(await gitCommitOf(join(root, 'src')), head);
    assert.equal(await gitCommitOf(join(root, 'missing')), undefined);
  });
});
