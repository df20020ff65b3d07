import assert from 'node:assert/strict';
import { initializeVariableAction } from '../../../engine/actions/initialize-variable.js';
import { Float, toJsonText } from '../../../engine/expressions/index.js';
import { MemoryVariables, runPure } from '../../helpers/fake-action-context.js';

function init(variables: unknown[], existing?: MemoryVariables) {
  return runPure(initializeVariableAction, { inputs: { variables }, variables: existing });
}

describe('InitializeVariable action', () => {
  it('declares a variable with its canonical type and evaluated value, and records no outputs', () => {
    const { result, variables } = runPure(initializeVariableAction, {
      inputs: { variables: [{ name: 'Count', type: 'integer', value: "@length(triggerBody())" }] },
      context: { triggerBody: [1, 2, 3] },
    });
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.outputs, undefined);
    assert.deepEqual(variables.entry('count'), { name: 'Count', type: 'Integer', value: 3 });
  });

  it('accepts several variables in one action', () => {
    const { result, variables } = init([
      { name: 'a', type: 'String', value: 'x' },
      { name: 'b', type: 'ARRAY', value: [1] },
      { name: 'c', type: 'Object', value: { k: true } },
      { name: 'd', type: 'Boolean', value: false },
    ]);
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(['a', 'b', 'c', 'd'].map((n) => variables.typeOf(n)), ['String', 'Array', 'Object', 'Boolean']);
  });

  it('starts a variable declared without a value at its type\'s empty value', () => {
    const { variables } = init(['Boolean', 'Integer', 'Float', 'String', 'Object', 'Array'].map((type) => ({ name: `v${type}`, type })));
    assert.equal(toJsonText(['Boolean', 'Integer', 'Float', 'String', 'Object', 'Array'].map((t) => variables.get(`v${t}`)!)), '[false,0,0.0,"",{},[]]');
    assert.ok(variables.get('vFloat') instanceof Float);
  });

  it('lets Float take integers and floats, Integer only integral values', () => {
    assert.equal(init([{ name: 'f', type: 'Float', value: 2 }]).result.status, 'Succeeded');
    assert.equal(init([{ name: 'f', type: 'Float', value: 2.5 }]).result.status, 'Succeeded');
    const bad = init([{ name: 'i', type: 'Integer', value: 2.5 }]);
    assert.equal(bad.result.status, 'Failed');
    assert.equal(bad.result.code, 'BadRequest');
    assert.equal(
      bad.result.error!.message,
      "The variable 'i' of type 'Integer' cannot be initialized or updated with value of type 'Float'. The variable 'i' only supports values of types 'Integer'.",
    );
  });

  it('does not coerce: a String variable needs a string, a Boolean a boolean', () => {
    assert.match(init([{ name: 's', type: 'String', value: 5 }]).result.error!.message, /value of type 'Integer'/);
    assert.match(init([{ name: 'b', type: 'Boolean', value: 'true' }]).result.error!.message, /value of type 'String'/);
    assert.match(init([{ name: 'o', type: 'Object', value: [] }]).result.error!.message, /value of type 'Array'/);
  });

  it('fails for an unknown type, a missing name, and an empty list', () => {
    assert.match(init([{ name: 'x', type: 'Date' }]).result.error!.message, /type 'Date'; the type must be one of/);
    assert.match(init([{ type: 'String' }]).result.error!.message, /non-empty string 'name'/);
    assert.equal(init([]).result.status, 'Failed');
  });

  it('fails when the variable was already declared (ignoring case), declaring nothing', () => {
    const existing = new MemoryVariables([{ name: 'Total', type: 'Integer', value: 1 }]);
    const again = init([{ name: 'fresh', type: 'String' }, { name: 'TOTAL', type: 'Integer', value: 2 }], existing);
    assert.equal(again.result.status, 'Failed');
    assert.match(again.result.error!.message, /'TOTAL' has already been initialized/);
    assert.equal(existing.has('fresh'), false);
    assert.equal(existing.get('total'), 1);
    assert.equal(init([{ name: 'a', type: 'String' }, { name: 'A', type: 'String' }]).result.status, 'Failed');
  });

  it('enforces the array variable limit of 100,000 items', () => {
    const { result } = runPure(initializeVariableAction, { inputs: { variables: [{ name: 'big', type: 'Array', value: '@range(0, 100000)' }] } });
    assert.equal(result.status, 'Succeeded');
    const over = runPure(initializeVariableAction, {
      inputs: { variables: [{ name: 'big', type: 'Array', value: '@union(range(0, 100000), createArray(-1))' }] },
    });
    assert.equal(over.result.status, 'Failed');
    assert.match(over.result.error!.message, /100001 items; an array variable holds at most 100000 items/);
  });
});
