import assert from 'node:assert/strict';
import { parseJsonAction } from '../../../engine/actions/parse-json.js';
import { Float, toJsonText, type ValueObject } from '../../../engine/expressions/index.js';
import { runPure } from '../../helpers/fake-action-context.js';

const personSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name', 'age'],
};

function errorsOf(outputs: unknown): ValueObject[] {
  return (outputs as { errors: ValueObject[] }).errors;
}

describe('ParseJson action', () => {
  it('parses JSON text and outputs it as body, keeping integer and float kinds', () => {
    const { result } = runPure(parseJsonAction, {
      inputs: { content: "@triggerBody()?['text']", schema: personSchema },
      context: { triggerBody: { text: '{"name":"Ada","age":36,"score":1.0,"tags":["x"]}' } },
    });
    assert.equal(result.status, 'Succeeded');
    const body = (result.outputs as ValueObject)['body'] as ValueObject;
    assert.equal(body['age'], 36);
    assert.ok(body['score'] instanceof Float);
    assert.equal(toJsonText(body), '{"name":"Ada","age":36,"score":1.0,"tags":["x"]}');
  });

  it('takes a value that is already JSON as it is', () => {
    const { result } = runPure(parseJsonAction, {
      inputs: { content: '@triggerBody()', schema: personSchema },
      context: { triggerBody: { name: 'Bo', age: 3 } },
    });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual((result.outputs as ValueObject)['body'], { name: 'Bo', age: 3 });
  });

  it('reads binary content holding JSON as its text', () => {
    const content = { '$content-type': 'application/octet-stream', '$content': Buffer.from('{"name":"Cy","age":1}').toString('base64') };
    const { result } = runPure(parseJsonAction, { inputs: { content: '@triggerBody()', schema: {} }, context: { triggerBody: content } });
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual((result.outputs as ValueObject)['body'], { name: 'Cy', age: 1 });
  });

  it('fails with ValidationFailed and Newtonsoft-style errors with paths when the content breaks the schema', () => {
    const { result } = runPure(parseJsonAction, {
      inputs: {
        content: '@triggerBody()',
        schema: { type: 'object', properties: { value: { type: 'array', items: personSchema } }, required: ['value', 'count'] },
      },
      context: { triggerBody: { value: [{ name: 'Ada', age: 1 }, { name: null, age: -1, tags: [5] }] } },
    });
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'ValidationFailed');
    assert.deepEqual(result.error, { code: 'ValidationFailed', message: 'The schema validation failed.' });
    const errors = errorsOf(result.outputs);
    const byPath = new Map(errors.map((e) => [e['path'], e]));
    assert.equal(byPath.get('')!['message'], 'Required properties are missing from object: count.');
    assert.equal(byPath.get('')!['errorType'], 'required');
    assert.equal(byPath.get('value[1].name')!['message'], 'Invalid type. Expected String but got Null.');
    assert.equal(byPath.get('value[1].name')!['schemaId'], '#/properties/value/items/properties/name');
    assert.equal(byPath.get('value[1].age')!['errorType'], 'minimum');
    assert.equal(byPath.get('value[1].tags[0]')!['message'], 'Invalid type. Expected String but got Integer.');
    assert.equal(errors.length, 4);
    assert.deepEqual(errors[0]!['childErrors'], []);
  });

  it('lists every missing required property of an object in one entry', () => {
    const { result } = runPure(parseJsonAction, { inputs: { content: '{}', schema: personSchema } });
    assert.equal(result.code, 'ValidationFailed');
    const errors = errorsOf(result.outputs);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!['message'], 'Required properties are missing from object: name, age.');
    assert.deepEqual(errors[0]!['value'], ['name', 'age']);
  });

  it('fails with InvalidJSON when the content is not JSON', () => {
    const { result } = runPure(parseJsonAction, { inputs: { content: 'Body', schema: {} } });
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'InvalidJSON');
    assert.match(result.error!.message, /^The 'content' property of actions of type 'ParseJson' must be valid JSON\. The provided value 'Body' cannot be parsed/);
  });

  it('accepts schemas that name draft-04, and schemas that share an $id', () => {
    for (const id of ['a', 'b']) {
      const schema = { $schema: 'http://json-schema.org/draft-04/schema#', $id: 'http://example.com/same', type: 'object', properties: { id: { const: id } } };
      const ok = runPure(parseJsonAction, { inputs: { content: { id }, schema } });
      assert.equal(ok.result.status, 'Succeeded', JSON.stringify(ok.result.error));
      const bad = runPure(parseJsonAction, { inputs: { content: { id: 'other' }, schema } });
      assert.equal(bad.result.code, 'ValidationFailed');
    }
  });

  it('ignores formats, as the designer-generated schemas rely on', () => {
    const { result } = runPure(parseJsonAction, { inputs: { content: '"not a date"', schema: { type: 'string', format: 'date-time' } } });
    assert.equal(result.status, 'Succeeded');
  });

  it('reports an invalid schema as a failure, not an exception', () => {
    const { result } = runPure(parseJsonAction, { inputs: { content: '{}', schema: { type: 'no-such-type' } } });
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'BadRequest');
    assert.match(result.error!.message, /is not a valid JSON schema/);
  });

  it('validates with the schema of each evaluation when the schema comes from an expression', () => {
    const inputs = { content: '5', schema: "@triggerBody()" };
    const asInteger = runPure(parseJsonAction, { inputs, context: { triggerBody: { type: 'integer' } } });
    const asString = runPure(parseJsonAction, { inputs, context: { triggerBody: { type: 'string' } } });
    assert.equal(asInteger.result.status, 'Succeeded');
    assert.equal(asString.result.code, 'ValidationFailed');
  });
});
