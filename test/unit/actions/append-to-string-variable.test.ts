import assert from 'node:assert/strict';
import { appendToStringVariableAction } from '../../../engine/actions/append-to-string-variable.js';
import { MemoryVariables, runPure } from '../../helpers/fake-action-context.js';

describe('AppendToStringVariable action', () => {
  it('appends text and records no outputs', () => {
    const variables = new MemoryVariables([{ name: 's', type: 'String', value: 'ab' }]);
    const { result } = runPure(appendToStringVariableAction, { inputs: { name: 'S', value: "@{triggerBody()?['c']}d" }, variables, context: { triggerBody: { c: 'c' } } });
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.outputs, undefined);
    assert.equal(variables.get('s'), 'abcd');
  });

  it('adds other values as interpolation renders them', () => {
    const variables = new MemoryVariables([{ name: 's', type: 'String', value: '' }]);
    for (const value of [12, '@true', '@float(\'2.0\')', { k: [1] }]) runPure(appendToStringVariableAction, { inputs: { name: 's', value }, variables });
    assert.equal(variables.get('s'), '12True2{"k":[1]}');
  });

  it('refuses null, non-string variables and unknown variables', () => {
    const variables = new MemoryVariables([
      { name: 's', type: 'String', value: 'x' },
      { name: 'n', type: 'Integer', value: 1 },
    ]);
    assert.match(runPure(appendToStringVariableAction, { inputs: { name: 's', value: null }, variables }).result.error!.message, /cannot be null/);
    assert.match(runPure(appendToStringVariableAction, { inputs: { name: 'n', value: 'a' }, variables }).result.error!.message, /only supports variables of type 'String'/);
    assert.match(runPure(appendToStringVariableAction, { inputs: { name: 'zz', value: 'a' }, variables }).result.error!.message, /'zz' does not exist/);
    assert.equal(variables.get('s'), 'x');
  });

  it('stops at 104,857,600 characters', () => {
    const variables = new MemoryVariables([{ name: 's', type: 'String', value: 'x'.repeat(104_857_600) }]);
    const { result } = runPure(appendToStringVariableAction, { inputs: { name: 's', value: 'y' }, variables });
    assert.equal(result.status, 'Failed');
    assert.match(result.error!.message, /at most 104857600 characters/);
  });
});
