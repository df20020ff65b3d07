import assert from 'node:assert/strict';
import { appendToArrayVariableAction } from '../../../engine/actions/append-to-array-variable.js';
import { MemoryVariables, runPure } from '../../helpers/fake-action-context.js';

describe('AppendToArrayVariable action', () => {
  it('appends one item without changing the earlier array value', () => {
    const before = [1, 2, 3];
    const variables = new MemoryVariables([{ name: 'arr', type: 'Array', value: before }]);
    const { result } = runPure(appendToArrayVariableAction, { inputs: { name: 'ARR', value: 'red' }, variables });
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.outputs, undefined);
    assert.deepEqual(variables.get('arr'), [1, 2, 3, 'red']);
    assert.deepEqual(before, [1, 2, 3]);
    runPure(appendToArrayVariableAction, { inputs: { name: 'arr', value: { k: 1 } }, variables });
    assert.deepEqual(variables.get('arr'), [1, 2, 3, 'red', { k: 1 }]);
  });

  it('refuses null and arrays as the item, as Logic Apps does', () => {
    const variables = new MemoryVariables([{ name: 'arr', type: 'Array', value: [] }]);
    const nul = runPure(appendToArrayVariableAction, { inputs: { name: 'arr', value: "@triggerBody()?['missing']" }, variables, context: { triggerBody: {} } });
    assert.equal(nul.result.code, 'BadRequest');
    assert.equal(
      nul.result.error!.message,
      "The value cannot be null. The action type 'AppendToArrayVariable' only supports values of types 'Float, Integer, String, Boolean, Object'.",
    );
    const arr = runPure(appendToArrayVariableAction, { inputs: { name: 'arr', value: [1] }, variables });
    assert.match(arr.result.error!.message, /The provided value is of type 'Array'/);
    assert.deepEqual(variables.get('arr'), []);
  });

  it('refuses variables that are not arrays, and unknown ones', () => {
    const variables = new MemoryVariables([{ name: 's', type: 'String', value: '' }]);
    assert.match(runPure(appendToArrayVariableAction, { inputs: { name: 's', value: 1 }, variables }).result.error!.message, /only supports variables of type 'Array'/);
    assert.match(runPure(appendToArrayVariableAction, { inputs: { name: 'nope', value: 1 }, variables }).result.error!.message, /'nope' does not exist/);
  });

  it('stops at 100,000 items', () => {
    const full = Array.from({ length: 100_000 }, (_, i) => i);
    const variables = new MemoryVariables([{ name: 'arr', type: 'Array', value: full }]);
    const { result } = runPure(appendToArrayVariableAction, { inputs: { name: 'arr', value: 1 }, variables });
    assert.equal(result.status, 'Failed');
    assert.match(result.error!.message, /at most 100000 items/);
    assert.equal((variables.get('arr') as unknown[]).length, 100_000);
  });
});
