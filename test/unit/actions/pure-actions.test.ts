import assert from 'node:assert/strict';
import { pureActions } from '../../../engine/actions/pure-actions.js';

describe('pureActions registry', () => {
  it('lists every pure built-in action once, by canonical type, each with an input schema', () => {
    const types = pureActions.map((d) => d.type);
    assert.deepEqual([...types].sort(), [
      'AppendToArrayVariable', 'AppendToStringVariable', 'Compose', 'DecrementVariable', 'IncrementVariable', 'InitializeVariable',
      'Join', 'ParseJson', 'Query', 'Select', 'SetVariable', 'Table',
    ]);
    for (const d of pureActions) {
      assert.equal(d.kind, 'pure');
    }
  });

  it('declares the inputs evaluated per item', () => {
    const items = Object.fromEntries(pureActions.filter((d) => d.itemInputs !== undefined).map((d) => [d.type, d.itemInputs]));
    assert.deepEqual(items, { Query: ['where'], Select: ['select'], Table: ['columns'] });
  });
});
