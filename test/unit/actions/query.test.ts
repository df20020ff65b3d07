import assert from 'node:assert/strict';
import { queryAction } from '../../../engine/actions/query.js';
import { toJsonText } from '../../../engine/expressions/index.js';
import { runPure } from '../../helpers/fake-action-context.js';

describe('Query action', () => {
  it('keeps the items for which where is true, in order', () => {
    const { result } = runPure(queryAction, { inputs: { from: '@triggerBody()', where: '@greater(item(), 2)' }, context: { triggerBody: [1, 3, 0, 5, 4, 2] } });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(result.outputs, { body: [3, 5, 4] });
  });

  it('gives an empty array when nothing matches', () => {
    const { result } = runPure(queryAction, { inputs: { from: [1, 2], where: '@equals(item(), 9)' } });
    assert.deepEqual(result.outputs, { body: [] });
  });

  it('binds item() to each element while other expressions still see the run', () => {
    const { result } = runPure(queryAction, {
      inputs: { from: "@triggerBody()?['rows']", where: "@equals(item()?['owner'], parameters('me'))" },
      context: { triggerBody: { rows: [{ owner: 'a', n: 1 }, { owner: 'b', n: 2 }, { owner: 'a', n: 3 }] }, parameters: { me: 'a' } },
    });
    assert.equal(toJsonText(result.outputs!), '{"body":[{"owner":"a","n":1},{"owner":"a","n":3}]}');
  });

  it('fails with a clear error when from is not an array', () => {
    const { result } = runPure(queryAction, { inputs: { from: "@triggerBody()?['nothing']", where: '@true' }, context: { triggerBody: {} } });
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'BadRequest');
    assert.equal(result.error!.message, "The 'from' property value in the 'query' action inputs is of type 'Null'. The value must be an array.");
  });

  it('fails when where does not give a boolean, naming the item', () => {
    const { result } = runPure(queryAction, { inputs: { from: [1, 2], where: "@if(equals(item(), 2), 'yes', true)" } });
    assert.equal(result.status, 'Failed');
    assert.match(result.error!.message, /must evaluate to a boolean; for the item at index 1 it returned a value of type 'String'/);
  });

  it('lets an expression error inside where propagate', () => {
    assert.throws(() => runPure(queryAction, { inputs: { from: [null], where: '@greater(length(item()), 1)' } }), { code: 'InvalidTemplate' });
  });
});
