import assert from 'node:assert/strict';
import { canRedo, canUndo, commit, createHistory, DesignerError, redo, undo, type WorkflowDefinition } from '../../../../ui/src/graph/index.js';

const start: WorkflowDefinition = { actions: { A: { type: 'Compose', runAfter: {} } } };
const addNamed = (name: string) => [{ kind: 'addAction' as const, name, action: { type: 'Compose' }, container: { kind: 'root' as const } }];
const names = (d: WorkflowDefinition) => Object.keys(d['actions'] as object);

describe('history', () => {
  it('undoes and redoes whole change lists', () => {
    let h = commit(commit(createHistory(start), addNamed('B')), addNamed('C'));
    assert.deepEqual(names(h.present), ['A', 'B', 'C']);
    h = undo(h);
    assert.deepEqual(names(h.present), ['A', 'B']);
    h = undo(h);
    assert.equal(h.present, start);
    assert.equal(canUndo(h), false);
    assert.equal(undo(h), h);
    h = redo(redo(h));
    assert.deepEqual(names(h.present), ['A', 'B', 'C']);
    assert.equal(canRedo(h), false);
    assert.equal(redo(h), h);
  });

  it('drops the redo stack on a new edit and ignores empty edits', () => {
    let h = undo(commit(createHistory(start), addNamed('B')));
    assert.equal(canRedo(h), true);
    h = commit(h, addNamed('Z'));
    assert.equal(canRedo(h), false);
    assert.equal(commit(h, []), h);
  });

  it('keeps at most `cap` steps', () => {
    let h = createHistory(start, 2);
    for (const n of ['B', 'C', 'D']) h = commit(h, addNamed(n));
    assert.equal(h.past.length, 2);
    h = undo(undo(h));
    assert.deepEqual(names(h.present), ['A', 'B']);
    assert.equal(canUndo(h), false);
  });

  it('leaves the history as it was when an edit fails', () => {
    const h = commit(createHistory(start), addNamed('B'));
    assert.throws(() => commit(h, addNamed('A')), DesignerError);
    assert.deepEqual(names(h.present), ['A', 'B']);
    assert.equal(h.past.length, 1);
  });
});
