import assert from 'node:assert/strict';
import { selectAction } from '../../../engine/actions/select.js';
import { toJsonText } from '../../../engine/expressions/index.js';
import { runPure } from '../../helpers/fake-action-context.js';

describe('Select action', () => {
  it('maps each item through an object map', () => {
    const { result } = runPure(selectAction, { inputs: { from: [1, 2, 3], select: { number: '@item()', label: 'n@{item()}' } } });
    assert.equal(result.status, 'Succeeded');
    assert.equal(toJsonText(result.outputs!), '{"body":[{"number":1,"label":"n1"},{"number":2,"label":"n2"},{"number":3,"label":"n3"}]}');
  });

  it('evaluates keys built from expressions', () => {
    const { result } = runPure(selectAction, {
      inputs: { from: "@triggerBody()", select: { "@item()?['k']": "@item()?['v']", fixed: 1 } },
      context: { triggerBody: [{ k: 'a', v: 1 }, { k: 'b', v: true }] },
    });
    assert.equal(toJsonText(result.outputs!), '{"body":[{"a":1,"fixed":1},{"b":true,"fixed":1}]}');
  });

  it('with a single expression produces plain values', () => {
    const { result } = runPure(selectAction, { inputs: { from: [{ name: 'x' }, { name: 'y' }, {}], select: "@item()?['name']" } });
    assert.deepEqual(result.outputs, { body: ['x', 'y', null] });
  });

  it('gives an empty array for an empty input', () => {
    const { result } = runPure(selectAction, { inputs: { from: [], select: { a: '@item()' } } });
    assert.deepEqual(result.outputs, { body: [] });
  });

  it('fails with a clear error when from is not an array, and when a key evaluates to null', () => {
    const notArray = runPure(selectAction, { inputs: { from: { a: 1 }, select: '@item()' } });
    assert.equal(notArray.result.code, 'BadRequest');
    assert.match(notArray.result.error!.message, /'select' action inputs is of type 'Object'\. The value must be an array\./);
    const nullKey = runPure(selectAction, { inputs: { from: [{}], select: { "@item()?['k']": 1 } } });
    assert.equal(nullKey.result.status, 'Failed');
    assert.match(nullKey.result.error!.message, /evaluated to a value of type 'Null'; a key must be text/);
  });
});
