import assert from 'node:assert/strict';
import { diffLines, diffStats, lineDiff, splitLines, withContext } from '../../../../ui/src/versions/line-diff.js';

const render = (before: string, after: string): string =>
  lineDiff(before, after)
    .map((l) => (l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-') + l.text)
    .join('\n');

describe('ui versions: LCS line diff', function () {
  it('equal texts are all kept, with both line numbers', function () {
    const lines = lineDiff('a\nb', 'a\nb');
    assert.deepEqual(lines, [
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'same', text: 'b', oldLine: 2, newLine: 2 },
    ]);
  });

  it('marks a changed line as removed then added, keeping the common lines around it', function () {
    assert.equal(render('a\nb\nc', 'a\nB\nc'), ' a\n-b\n+B\n c');
  });

  it('finds the longest common subsequence in the changed middle', function () {
    const out = render('x\na\nb\nc\nd\ny', 'x\nb\nc\ne\nd\ny');
    assert.equal(out, ' x\n-a\n b\n c\n+e\n d\n y');
    assert.deepEqual(diffStats(lineDiff('x\na\nb\nc\nd\ny', 'x\nb\nc\ne\nd\ny')), { added: 1, removed: 1 });
  });

  it('handles empty sides and CRLF', function () {
    assert.equal(render('', 'a\nb'), '+a\n+b');
    assert.equal(render('a\nb', ''), '-a\n-b');
    assert.deepEqual(splitLines('a\r\nb'), ['a', 'b']);
    assert.deepEqual(diffLines([], []), []);
  });

  it('numbers lines on each side, also after the trimmed tail', function () {
    const lines = lineDiff('a\nb\nz', 'a\nx\ny\nb\nz');
    const last = lines[lines.length - 1]!;
    assert.equal(last.kind, 'same');
    assert.deepEqual(last, { kind: 'same', text: 'z', oldLine: 3, newLine: 5 });
    assert.deepEqual(lines.filter((l) => l.kind === 'added').map((l) => (l.kind === 'added' ? l.newLine : 0)), [2, 3]);
  });

  it('diffs two pretty-printed definitions to the lines that changed', function () {
    const v1 = JSON.stringify({ actions: { A: { type: 'Compose', inputs: 1 } } }, null, 2);
    const v2 = JSON.stringify({ actions: { A: { type: 'Compose', inputs: 2 }, B: { type: 'Compose', inputs: 3 } } }, null, 2);
    const changed = lineDiff(v1, v2).filter((l) => l.kind !== 'same');
    assert.ok(changed.some((l) => l.kind === 'removed' && l.text.includes('"inputs": 1')));
    assert.ok(changed.some((l) => l.kind === 'added' && l.text.includes('"B"')));
  });

  it('keeps a few lines of context around each change and skips the long unchanged runs', function () {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join('\n');
    const after = before.replace('l10', 'L10');
    const compact = withContext(lineDiff(before, after), 2);
    const shown = compact.map((l) => (l.kind === 'skip' ? `…${l.count}` : l.kind === 'same' ? l.text : `${l.kind === 'added' ? '+' : '-'}${l.text}`));
    assert.deepEqual(shown, ['…8', 'l8', 'l9', '-l10', '+L10', 'l11', 'l12', '…7']);
    assert.deepEqual(withContext(lineDiff('a\nb', 'a\nb')), [{ kind: 'skip', count: 2 }]);
  });
});
