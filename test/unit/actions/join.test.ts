import assert from 'node:assert/strict';
import { joinAction } from '../../../engine/actions/join.js';
import { runPure } from '../../helpers/fake-action-context.js';

describe('Join action', () => {
  it('joins the elements with the separator', () => {
    const { result } = runPure(joinAction, { inputs: { from: [1, 2, 3, 4], joinWith: ',' } });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(result.outputs, { body: '1,2,3,4' });
  });

  it('renders elements as interpolation does: True, nothing for null, compact JSON, float text', () => {
    const { result } = runPure(joinAction, { inputs: { from: "@createArray(true, null, json('{\"a\":[1]}'), float('1.50'), 'x')", joinWith: ' | ' } });
    assert.deepEqual(result.outputs, { body: 'True |  | {"a":[1]} | 1.5 | x' });
  });

  it('gives an empty string for an empty array', () => {
    const { result } = runPure(joinAction, { inputs: { from: [], joinWith: ';' } });
    assert.deepEqual(result.outputs, { body: '' });
  });

  it('fails with clear errors for a non-array from and a non-string joinWith', () => {
    const a = runPure(joinAction, { inputs: { from: 'abc', joinWith: ',' } });
    assert.equal(a.result.error!.message, "The 'from' property value in the 'join' action inputs is of type 'String'. The value must be an array.");
    const b = runPure(joinAction, { inputs: { from: [1], joinWith: 5 } });
    assert.equal(b.result.status, 'Failed');
    assert.match(b.result.error!.message, /'joinWith' .* is of type 'Integer'\. The value must be a string\./);
  });
});
