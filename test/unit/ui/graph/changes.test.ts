import assert from 'node:assert/strict';
import { applyDesignerChanges, DesignerError, type DesignerChange, type JsonObject, type WorkflowDefinition } from '../../../../ui/src/graph/index.js';

const base = (): WorkflowDefinition => ({
  triggers: { manual: { type: 'Request' } },
  actions: {
    A: { type: 'Compose', inputs: 'a', runAfter: {} },
    B: { type: 'Compose', inputs: "@outputs('A')", runAfter: { A: ['Succeeded'] } },
    C: { type: 'Compose', inputs: "@body('B')", runAfter: { B: ['Failed', 'TimedOut'] } },
    Try: {
      type: 'Scope',
      actions: { T1: { type: 'Compose', inputs: 1 }, T2: { type: 'Compose', inputs: "@{items('Loop')}", runAfter: { T1: ['Succeeded'] } } },
      runAfter: { C: ['Succeeded'] },
    },
    Check: { type: 'If', expression: true, actions: {}, runAfter: { Try: ['Succeeded'] } },
  },
  outputs: { result: { type: 'String', value: "@body('B')" } },
});

const apply = (changes: DesignerChange[], definition = base()) => applyDesignerChanges(definition, changes);
const actions = (d: WorkflowDefinition, ...path: string[]): JsonObject => {
  let at = d['actions'] as JsonObject;
  for (const step of path) at = at[step] as JsonObject;
  return at;
};
const rejects = (changes: DesignerChange[], code: string) =>
  assert.throws(() => apply(changes), (err: unknown) => err instanceof DesignerError && err.code === code && err.message.length > 0);
const add = (extra: Partial<Extract<DesignerChange, { kind: 'addAction' }>>): DesignerChange => ({
  kind: 'addAction',
  name: 'X',
  action: { type: 'Compose', inputs: 'x' },
  container: { kind: 'root' },
  ...extra,
});

describe('applyDesignerChanges', () => {
  it('never mutates its input', () => {
    const input = base();
    const text = JSON.stringify(input);
    apply([add({ after: 'A', before: 'B' }), { kind: 'renameAction', from: 'B', to: 'B2' }, { kind: 'deleteAction', name: 'C' }], input);
    assert.equal(JSON.stringify(input), text);
  });

  describe('addAction', () => {
    it('on an edge: takes the edge statuses and the successor runs after it', () => {
      const out = apply([add({ after: 'B', before: 'C' })]);
      assert.deepEqual(actions(out).X!, { type: 'Compose', inputs: 'x', runAfter: { B: ['Failed', 'TimedOut'] } });
      assert.deepEqual((actions(out).C as JsonObject)['runAfter'], { X: ['Succeeded'] });
      assert.deepEqual(Object.keys(actions(out)), ['A', 'B', 'X', 'C', 'Try', 'Check']);
    });

    it('after a card: runs after it on success, successors untouched', () => {
      const out = apply([add({ after: 'A' })]);
      assert.deepEqual((actions(out).X as JsonObject)['runAfter'], { A: ['Succeeded'] });
      assert.deepEqual((actions(out).B as JsonObject)['runAfter'], { A: ['Succeeded'] });
    });

    it('before a card: takes its runAfter, and it runs after the new one', () => {
      const out = apply([add({ before: 'T1', container: { kind: 'actions', owner: 'Try' } })]);
      assert.deepEqual(Object.keys(actions(out, 'Try', 'actions')), ['X', 'T1', 'T2']);
      assert.deepEqual((actions(out, 'Try', 'actions').T1 as JsonObject)['runAfter'], { X: ['Succeeded'] });
      assert.deepEqual((actions(out, 'Try', 'actions').X as JsonObject)['runAfter'], {});
    });

    it('into an empty If branch, creating the else branch when missing', () => {
      const out = apply([add({ container: { kind: 'else', owner: 'Check' } })]);
      assert.deepEqual(((actions(out).Check as JsonObject)['else'] as JsonObject)['actions'], { X: { type: 'Compose', inputs: 'x', runAfter: {} } });
    });

    it('refuses duplicate and invalid names, unknown containers, anchors and edges', () => {
      rejects([add({ name: 'T1' })], 'DuplicateName');
      rejects([add({ name: 'a/b' })], 'InvalidName');
      rejects([add({ name: ' ' })], 'InvalidName');
      rejects([add({ container: { kind: 'case', owner: 'Check', case: 'nope' } })], 'UnknownContainer');
      rejects([add({ container: { kind: 'actions', owner: 'Ghost' } })], 'UnknownContainer');
      rejects([add({ after: 'T1' })], 'UnknownAction');
      rejects([add({ after: 'A', before: 'C' })], 'InvalidRunAfter');
      rejects([add({ action: { type: 'Scope', actions: { A: { type: 'Compose' } } } })], 'DuplicateName');
    });
  });

  describe('deleteAction', () => {
    it('rewires successors to the predecessors, keeping the non-success condition', () => {
      const out = apply([{ kind: 'deleteAction', name: 'B' }]);
      assert.equal(actions(out).B, undefined);
      assert.deepEqual((actions(out).C as JsonObject)['runAfter'], { A: ['Failed', 'TimedOut'] });
    });

    it('merges statuses when a successor already ran after the predecessor', () => {
      const def = base();
      (actions(def).C as JsonObject)['runAfter'] = { B: ['Succeeded'], A: ['Skipped'] };
      (actions(def).B as JsonObject)['runAfter'] = { A: ['Failed'] };
      const out = apply([{ kind: 'deleteAction', name: 'B' }], def);
      assert.deepEqual((actions(out).C as JsonObject)['runAfter'], { A: ['Failed', 'Skipped'] });
    });

    it('leaves the successors of a first action with empty runAfter, and deletes nested actions with a container', () => {
      const out = apply([{ kind: 'deleteAction', name: 'T1' }, { kind: 'deleteAction', name: 'Try' }]);
      assert.deepEqual((actions(out).Check as JsonObject)['runAfter'], { C: ['Succeeded'] });
      assert.throws(() => apply([{ kind: 'deleteAction', name: 'T2' }], out), DesignerError);
      const first = apply([{ kind: 'deleteAction', name: 'A' }]);
      assert.deepEqual((actions(first).B as JsonObject)['runAfter'], {});
    });

    it('refuses an unknown name', () => rejects([{ kind: 'deleteAction', name: 'Ghost' }], 'UnknownAction'));
  });

  describe('renameAction', () => {
    it('renames the key in place, runAfter entries and expressions everywhere', () => {
      const out = apply([{ kind: 'renameAction', from: 'B', to: 'Step B' }]);
      assert.deepEqual(Object.keys(actions(out)), ['A', 'Step B', 'C', 'Try', 'Check']);
      assert.deepEqual((actions(out).C as JsonObject)['runAfter'], { 'Step B': ['Failed', 'TimedOut'] });
      assert.equal((actions(out).C as JsonObject)['inputs'], "@body('Step B')");
      assert.deepEqual(out['outputs'], { result: { type: 'String', value: "@body('Step B')" } });
    });

    it('renames loop names inside nested expressions', () => {
      const def = base();
      (actions(def).Try as JsonObject)['type'] = 'Foreach';
      const out = apply([{ kind: 'renameAction', from: 'Try', to: 'Loop2' }, { kind: 'renameAction', from: 'Loop2', to: 'Loop' }], def);
      assert.equal((actions(out, 'Loop', 'actions').T2 as JsonObject)['inputs'], "@{items('Loop')}");
    });

    it('is a no-op for the same name and refuses clashes and unknown names', () => {
      assert.deepEqual(apply([{ kind: 'renameAction', from: 'A', to: 'A' }]), base());
      rejects([{ kind: 'renameAction', from: 'A', to: 'T2' }], 'DuplicateName');
      rejects([{ kind: 'renameAction', from: 'Ghost', to: 'Z' }], 'UnknownAction');
    });
  });

  describe('moveAction', () => {
    it('moves into a container: flow heals behind it and its runAfter is cleared', () => {
      const out = apply([{ kind: 'moveAction', name: 'B', container: { kind: 'actions', owner: 'Try' }, after: 'T2' }]);
      assert.equal(actions(out).B, undefined);
      assert.deepEqual((actions(out).C as JsonObject)['runAfter'], { A: ['Failed', 'TimedOut'] });
      assert.deepEqual((actions(out, 'Try', 'actions').B as JsonObject)['runAfter'], { T2: ['Succeeded'] });
      assert.deepEqual(Object.keys(actions(out, 'Try', 'actions')), ['T1', 'T2', 'B']);
    });

    it('moves out of a container to the top level', () => {
      const out = apply([{ kind: 'moveAction', name: 'T1', container: { kind: 'root' } }]);
      assert.deepEqual((actions(out, 'Try', 'actions').T2 as JsonObject)['runAfter'], {});
      assert.deepEqual((actions(out).T1 as JsonObject)['runAfter'], {});
    });

    it('refuses moving a container into itself or its descendants', () => {
      const def = apply([add({ name: 'Inner', action: { type: 'Scope', actions: {} }, container: { kind: 'actions', owner: 'Try' } })]);
      assert.throws(() => apply([{ kind: 'moveAction', name: 'Try', container: { kind: 'actions', owner: 'Try' } }], def), /into itself/);
      assert.throws(() => apply([{ kind: 'moveAction', name: 'Try', container: { kind: 'actions', owner: 'Inner' } }], def), (e: unknown) => e instanceof DesignerError && e.code === 'InvalidMove');
      rejects([{ kind: 'moveAction', name: 'A', container: { kind: 'root' }, after: 'A' }], 'InvalidMove');
      rejects([{ kind: 'moveAction', name: 'A', container: { kind: 'actions', owner: 'Try' }, after: 'C' }], 'UnknownAction');
    });
  });

  describe('updateAction', () => {
    it('applies a merge patch in place, keeping key order', () => {
      const out = apply([{ kind: 'updateAction', name: 'A', patch: { inputs: { deep: true }, type: 'Compose', description: 'new', runAfter: null } }]);
      assert.deepEqual(actions(out).A, { type: 'Compose', inputs: { deep: true }, description: 'new' });
      assert.deepEqual(Object.keys(actions(out).A as JsonObject), ['type', 'inputs', 'description']);
    });

    it('checks a patched runAfter and nested names', () => {
      rejects([{ kind: 'updateAction', name: 'A', patch: { runAfter: { C: ['Succeeded'] } } }], 'InvalidRunAfter');
      rejects([{ kind: 'updateAction', name: 'Try', patch: { actions: { A: { type: 'Compose' } } } }], 'DuplicateName');
    });
  });

  describe('setRunAfter', () => {
    it('sets it when the names are siblings', () => {
      const out = apply([{ kind: 'setRunAfter', name: 'C', runAfter: { A: ['Succeeded'], B: ['Skipped'] } }]);
      assert.deepEqual((actions(out).C as JsonObject)['runAfter'], { A: ['Succeeded'], B: ['Skipped'] });
    });

    it('refuses self, cycles, strangers and bad statuses', () => {
      rejects([{ kind: 'setRunAfter', name: 'A', runAfter: { A: ['Succeeded'] } }], 'InvalidRunAfter');
      rejects([{ kind: 'setRunAfter', name: 'A', runAfter: { C: ['Succeeded'] } }], 'InvalidRunAfter');
      rejects([{ kind: 'setRunAfter', name: 'A', runAfter: { T1: ['Succeeded'] } }], 'InvalidRunAfter');
      rejects([{ kind: 'setRunAfter', name: 'C', runAfter: { A: ['Done'] } }], 'InvalidRunAfter');
      rejects([{ kind: 'setRunAfter', name: 'Ghost', runAfter: {} }], 'UnknownAction');
    });
  });

  describe('setTrigger and replaceDefinition', () => {
    it('replaces a trigger in place, adds one, and removes one with null', () => {
      const out = apply([
        { kind: 'setTrigger', name: 'manual', trigger: { type: 'Request', kind: 'Http' } },
        { kind: 'setTrigger', name: 'timer', trigger: { type: 'Recurrence' } },
      ]);
      assert.deepEqual(out['triggers'], { manual: { type: 'Request', kind: 'Http' }, timer: { type: 'Recurrence' } });
      assert.deepEqual(apply([{ kind: 'setTrigger', name: 'manual', trigger: null }])['triggers'], {});
      rejects([{ kind: 'setTrigger', name: 'ghost', trigger: null }], 'UnknownTrigger');
    });

    it('replaces the whole definition with a copy', () => {
      const next = { actions: {} };
      const out = apply([{ kind: 'replaceDefinition', definition: next }]);
      assert.deepEqual(out, next);
      assert.notEqual(out, next);
    });
  });

  it('applies nothing when one change of a list fails', () => {
    const input = base();
    assert.throws(() => apply([{ kind: 'deleteAction', name: 'A' }, { kind: 'deleteAction', name: 'Ghost' }], input));
    assert.ok(actions(input).A);
  });
});
