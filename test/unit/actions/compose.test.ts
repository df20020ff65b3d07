import assert from 'node:assert/strict';
import { composeAction } from '../../../engine/actions/compose.js';
import { Float, toJsonText } from '../../../engine/expressions/index.js';
import { MemoryVariables, runPure } from '../../helpers/fake-action-context.js';

describe('Compose action', () => {
  it('outputs the evaluated inputs themselves, without a body wrapper', () => {
    const variables = new MemoryVariables([
      { name: 'myString', type: 'String', value: 'abcdefg' },
      { name: 'myInteger', type: 'Integer', value: 1234 },
    ]);
    const { result } = runPure(composeAction, { inputs: "@{variables('myString')}@{variables('myInteger')}", variables });
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.outputs, 'abcdefg1234');
  });

  it('keeps the kinds of values inside objects (integral floats stay floats)', () => {
    const { result } = runPure(composeAction, {
      inputs: { total: "@add(1, 2)", ratio: "@float('2')", name: "@triggerBody()?['name']", nested: ['@true', 'plain'] },
      context: { triggerBody: { name: 'Ada' } },
    });
    assert.equal(result.status, 'Succeeded');
    assert.equal(toJsonText(result.outputs!), '{"total":3,"ratio":2.0,"name":"Ada","nested":[true,"plain"]}');
    assert.ok((result.outputs as Record<string, unknown>)['ratio'] instanceof Float);
  });

  it('lets an expression error propagate for the interpreter to wrap as InvalidTemplate', () => {
    assert.throws(() => runPure(composeAction, { inputs: "@length(triggerBody()?['missing'])", context: { triggerBody: {} } }), {
      code: 'InvalidTemplate',
    });
  });
});
