import assert from 'node:assert/strict';
import { setVariableAction } from '../../../engine/actions/set-variable.js';
import { MemoryVariables, runPure } from '../../helpers/fake-action-context.js';

function vars(): MemoryVariables {
  return new MemoryVariables([
    { name: 'Count', type: 'Integer', value: 1 },
    { name: 'Ratio', type: 'Float', value: 0.5 },
    { name: 'Label', type: 'String', value: 'a' },
    { name: 'Items', type: 'Array', value: [] },
  ]);
}

describe('SetVariable action', () => {
  it('replaces the value and outputs {body: {name, value}}', () => {
    const variables = vars();
    const { result } = runPure(setVariableAction, { inputs: { name: 'count', value: "@add(variables('Count'), 99)" }, variables });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(result.outputs, { body: { name: 'count', value: 100 } });
    assert.equal(variables.get('Count'), 100);
  });

  it('requires the value to fit the declared type', () => {
    const variables = vars();
    const { result } = runPure(setVariableAction, { inputs: { name: 'Label', value: 7 }, variables });
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'BadRequest');
    assert.match(result.error!.message, /^The variable 'Label' of type 'String' cannot be initialized or updated with value of type 'Integer'/);
    assert.equal(variables.get('Label'), 'a');
    assert.equal(runPure(setVariableAction, { inputs: { name: 'Ratio', value: 3 }, variables }).result.status, 'Succeeded');
    assert.equal(runPure(setVariableAction, { inputs: { name: 'Items', value: '@createArray(1)' }, variables }).result.status, 'Succeeded');
    assert.deepEqual(variables.get('Items'), [1]);
  });

  it('fails naming an unknown variable', () => {
    const { result } = runPure(setVariableAction, { inputs: { name: 'Nope', value: 1 }, variables: vars() });
    assert.equal(result.status, 'Failed');
    assert.match(result.error!.message, /^The variable 'Nope' does not exist/);
  });

  it('fails without a value or a name', () => {
    assert.match(runPure(setVariableAction, { inputs: { name: 'Count' }, variables: vars() }).result.error!.message, /'value' property .* is required/);
    assert.match(runPure(setVariableAction, { inputs: { value: 1 }, variables: vars() }).result.error!.message, /'name' property/);
  });
});
