import assert from 'node:assert/strict';
import { predecessorsOf } from '../../../../ui/src/expressions/predecessors.js';
import type { WorkflowDefinition } from '../../../../ui/src/graph/index.js';

const definition: WorkflowDefinition = {
  triggers: { manual: { type: 'Request' } },
  actions: {
    A: { type: 'Compose', inputs: 1, runAfter: {} },
    B: { type: 'Compose', inputs: 2, runAfter: { A: ['Succeeded'] } },
    Side: { type: 'Compose', inputs: 3, runAfter: {} },
    Try: {
      type: 'Scope',
      runAfter: { B: ['Succeeded'] },
      actions: {
        T1: { type: 'Compose', inputs: 1, runAfter: {} },
        T2: { type: 'Compose', inputs: 2, runAfter: { T1: ['Succeeded'] } },
        T3: { type: 'Compose', inputs: 3, runAfter: {} },
      },
    },
    After: { type: 'Compose', inputs: 4, runAfter: { Try: ['Failed'] } },
  },
};

describe('designer properties: actions that run before an action', () => {
  it('follows runAfter transitively within the container', () => {
    assert.deepEqual(predecessorsOf(definition, 'B'), ['A']);
    assert.deepEqual(predecessorsOf(definition, 'A'), []);
    assert.deepEqual(predecessorsOf(definition, 'Side'), []);
  });
  it('adds the predecessors of enclosing containers, not parallel siblings', () => {
    assert.deepEqual(predecessorsOf(definition, 'T2'), ['A', 'B', 'T1']);
    assert.deepEqual(predecessorsOf(definition, 'T3'), ['A', 'B']);
  });
  it('includes the actions nested in a container that ran before', () => {
    assert.deepEqual(predecessorsOf(definition, 'After'), ['A', 'B', 'Try', 'T1', 'T2', 'T3']);
  });
  it('unknown names and runAfter cycles do not hang', () => {
    assert.deepEqual(predecessorsOf(definition, 'Nope'), []);
    const cyclic: WorkflowDefinition = { actions: { X: { type: 'Compose', runAfter: { Y: ['Succeeded'] } }, Y: { type: 'Compose', runAfter: { X: ['Succeeded'] } } } };
    assert.deepEqual(predecessorsOf(cyclic, 'X'), ['Y']);
  });
});
