import assert from 'node:assert/strict';
import { actionTypes, triggerTypes } from '../../../../connectors/index.js';
import { applyMergePatch, type JsonObject } from '../../../../ui/src/graph/index.js';
import {
  entriesOf,
  fieldOf,
  inputsForm,
  inputsSchemaOf,
  mergePatchFor,
  objectOfEntries,
  patchAt,
  resolveSchema,
  textOf,
  valueOfText,
  type FieldModel,
} from '../../../../ui/src/forms/schema-model.js';

const schemaOf = (kind: 'action' | 'trigger', type: string): JsonObject => {
  const list = kind === 'action' ? actionTypes : triggerTypes;
  const found = list.find((t) => t.type === type);
  assert.ok(found?.inputSchema, `${kind} ${type} has an input schema`);
  return JSON.parse(JSON.stringify(found.inputSchema)) as JsonObject;
};
const byKey = (fields: readonly FieldModel[] | undefined, key: string): FieldModel => {
  const f = fields?.find((x) => x.key === key);
  assert.ok(f, `field ${key}`);
  return f;
};

describe('designer properties: schema → form fields', () => {
  it('resolves $refs within $defs, keeping sibling keywords', () => {
    const root = { $defs: { a: { $ref: '#/$defs/b' }, b: { type: 'string' } } } as JsonObject;
    assert.deepEqual(resolveSchema({ $ref: '#/$defs/a', description: 'x' }, root), { type: 'string', description: 'x' });
    assert.equal(resolveSchema({ $ref: '#/$defs/missing' }, root), true);
    assert.equal(resolveSchema({ $ref: '#/$defs/loop' }, { $defs: { loop: { $ref: '#/$defs/loop' } } }), true);
  });

  it("reads the Http action's inputs: method enum, uri text, headers and queries key-value, body JSON, authentication picker", () => {
    const fields = inputsForm(schemaOf('action', 'Http'));
    const method = byKey(fields, 'method');
    assert.equal(method.kind, 'enum');
    assert.ok(method.kind === 'enum' && method.options.includes('POST') && !method.options.includes(''));
    assert.equal(method.required, true);
    assert.equal(byKey(fields, 'uri').kind, 'text');
    assert.equal(byKey(fields, 'headers').kind, 'keyValue');
    assert.equal(byKey(fields, 'queries').kind, 'keyValue');
    assert.equal(byKey(fields, 'body').kind, 'json');
    const auth = byKey(fields, 'authentication');
    assert.equal(auth.kind, 'typed');
    if (auth.kind !== 'typed') return;
    assert.ok(auth.types.includes('ManagedServiceIdentity'));
    assert.deepEqual(auth.fieldsByType['ManagedServiceIdentity']!.map((f) => f.key), ['audience', 'identity']);
    assert.deepEqual(auth.fieldsByType['Basic']!.map((f) => f.key), ['username', 'password']);
    const retry = byKey(fields, 'retryPolicy');
    assert.equal(retry.kind, 'typed');
  });

  it('numbers, enums and nested objects of other types; Compose edits its inputs whole; the blob trigger schema is its inputs', () => {
    const response = inputsForm(schemaOf('action', 'Response'));
    assert.deepEqual(byKey(response, 'statusCode'), { key: 'statusCode', label: 'Status Code', required: false, description: 'an integer or an expression', kind: 'number', integer: true });
    const terminate = inputsForm(schemaOf('action', 'Terminate'));
    assert.equal(byKey(terminate, 'runStatus').kind, 'enum');
    assert.equal(byKey(terminate, 'runError').kind, 'object');
    const compose = inputsForm(schemaOf('action', 'Compose'));
    assert.deepEqual(compose?.map((f) => [f.key, f.kind]), [['inputs', 'json']]);
    const blob = inputsForm(schemaOf('trigger', 'SluiceBlobAddedOrModified'));
    assert.equal(byKey(blob, 'maxFileCount').kind, 'number');
    assert.equal(byKey(blob, 'checkBothCreatedAndModifiedDateTime').kind, 'boolean');
    assert.equal(byKey(inputsForm(schemaOf('trigger', 'Request')), 'schema').kind, 'json');
    assert.equal(inputsSchemaOf(schemaOf('action', 'Scope')), undefined, 'a Scope says nothing about inputs');
  });

  it('anyOf of objects told apart by type becomes a typed picker', () => {
    const f = fieldOf('auth', { oneOf: [{ properties: { type: { const: 'A' }, a: { type: 'string' } } }, { properties: { type: { enum: ['B'] }, b: { type: 'integer' } } }] }, {});
    assert.equal(f.kind, 'typed');
    if (f.kind === 'typed') {
      assert.deepEqual(f.types, ['A', 'B']);
      assert.deepEqual(f.fieldsByType['B']!.map((x) => x.kind), ['number']);
    }
  });

  it('typed text keeps expressions as strings even for numbers and booleans; numbers become numbers', () => {
    assert.equal(valueOfText('@add(1, 2)', 'number'), '@add(1, 2)');
    assert.equal(valueOfText('42', 'number'), 42);
    assert.equal(valueOfText('4x', 'number'), '4x', 'kept as typed, not lost');
    assert.equal(valueOfText('', 'text'), undefined);
    assert.equal(valueOfText('true', 'boolean'), true);
    assert.equal(valueOfText('@variables(\'on\')', 'boolean'), "@variables('on')");
    assert.equal(textOf(3), '3');
    assert.equal(textOf(undefined), '');
  });

  it('key-value rows round-trip; rows with empty keys are left out', () => {
    assert.deepEqual(entriesOf({ a: '1', b: 2 }), [['a', '1'], ['b', '2']]);
    assert.deepEqual(objectOfEntries([['a', '1'], ['', 'x'], ['c', '@x']]), { a: '1', c: '@x' });
  });

  it('a field write is a merge patch that changes only its path', () => {
    const node: JsonObject = { type: 'Http', inputs: { method: 'GET', uri: 'u', headers: { a: '1', b: '2' } }, runAfter: {} };
    assert.deepEqual(patchAt(node, ['inputs', 'method'], 'POST'), { inputs: { method: 'POST' } });
    assert.deepEqual(patchAt(node, ['inputs', 'headers'], { a: '1', c: '3' }), { inputs: { headers: { b: null, c: '3' } } });
    assert.deepEqual(patchAt(node, ['inputs', 'uri'], undefined), { inputs: { uri: null } });
    const after = applyMergePatch(node, patchAt(node, ['inputs', 'headers'], { a: '1', c: '3' }));
    assert.deepEqual(after, { type: 'Http', inputs: { method: 'GET', uri: 'u', headers: { a: '1', c: '3' } }, runAfter: {} });
    assert.deepEqual(mergePatchFor([1], [2]), [2]);
  });
});
