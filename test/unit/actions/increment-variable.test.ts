import assert from 'node:assert/strict';
import { decrementVariableAction } from '../../../engine/actions/decrement-variable.js';
import { incrementVariableAction } from '../../../engine/actions/increment-variable.js';
import { Float, toJsonText } from '../../../engine/expressions/index.js';
import { MemoryVariables, runPure } from '../../helpers/fake-action-context.js';

function vars(): MemoryVariables {
  return new MemoryVariables([
    { name: 'n', type: 'Integer', value: 5 },
    { name: 'f', type: 'Float', value: 1 },
    { name: 's', type: 'String', value: '' },
  ]);
}

describe('IncrementVariable and DecrementVariable actions', () => {
  it('add and subtract 1 by default and output {body: {name, value}}', () => {
    const variables = vars();
    const up = runPure(incrementVariableAction, { inputs: { name: 'n' }, variables });
    assert.deepEqual(up.result.outputs, { body: { name: 'n', value: 6 } });
    const down = runPure(decrementVariableAction, { inputs: { name: 'N', value: 10 }, variables });
    assert.deepEqual(down.result.outputs, { body: { name: 'N', value: -4 } });
    assert.equal(variables.get('n'), -4);
  });

  it('keeps an Integer variable a 64-bit integer and fails on overflow', () => {
    const variables = new MemoryVariables([{ name: 'big', type: 'Integer', value: 9007199254740991 }]);
    runPure(incrementVariableAction, { inputs: { name: 'big', value: 2 }, variables });
    assert.equal(variables.get('big'), 9007199254740993n);
    variables.set('big', 9223372036854775807n);
    const over = runPure(incrementVariableAction, { inputs: { name: 'big' }, variables });
    assert.equal(over.result.status, 'Failed');
    assert.match(over.result.error!.message, /does not fit in a signed 64-bit integer/);
    assert.equal(variables.get('big'), 9223372036854775807n);
  });

  it('makes a Float variable a float, even when the result is integral', () => {
    const variables = vars();
    runPure(incrementVariableAction, { inputs: { name: 'f', value: 2 }, variables });
    assert.ok(variables.get('f') instanceof Float);
    assert.equal(toJsonText(variables.get('f')!), '3.0');
    runPure(decrementVariableAction, { inputs: { name: 'f', value: 0.5 }, variables });
    assert.equal(variables.get('f'), 2.5);
  });

  it('refuses a fractional step for an Integer variable and non-numeric steps', () => {
    const variables = vars();
    assert.match(runPure(incrementVariableAction, { inputs: { name: 'n', value: 1.5 }, variables }).result.error!.message, /value of type 'Float'/);
    assert.match(runPure(incrementVariableAction, { inputs: { name: 'f', value: '2' }, variables }).result.error!.message, /value of type 'String'/);
    assert.equal(variables.get('n'), 5);
  });

  it('refuses variables that are not Integer or Float, and unknown variables', () => {
    const s = runPure(decrementVariableAction, { inputs: { name: 's' }, variables: vars() });
    assert.equal(s.result.code, 'BadRequest');
    assert.match(s.result.error!.message, /only supports variables of types 'Integer, Float'/);
    assert.match(runPure(incrementVariableAction, { inputs: { name: 'ghost' }, variables: vars() }).result.error!.message, /'ghost' does not exist/);
  });
});
