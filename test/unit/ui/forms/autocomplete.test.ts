import assert from 'node:assert/strict';
import { triggerTypes } from '../../../../connectors/index.js';
import {
  acceptSuggestion,
  completionContext,
  dynamicSuggestions,
  functionSuggestions,
  matchScore,
  propertySuggestions,
  rankSuggestions,
} from '../../../../ui/src/expressions/autocomplete.js';
import { propertyKeysFor, triggerBodyKeys } from '../../../../ui/src/expressions/dynamic-content.js';
import { signatureOf } from '../../../../ui/src/expressions/function-docs.js';
import { parseProblem } from '../../../../ui/src/expressions/parse-problem.js';
import type { JsonObject, WorkflowDefinition } from '../../../../ui/src/graph/index.js';

const functions = functionSuggestions([
  { name: 'concat', minArgs: 1, maxArgs: null },
  { name: 'contains', minArgs: 2, maxArgs: 2 },
  { name: 'toLower', minArgs: 1, maxArgs: 1 },
  { name: 'utcNow', minArgs: 0, maxArgs: 1 },
  { name: 'triggerBody', minArgs: 0, maxArgs: 0 },
  { name: 'guid', minArgs: 0, maxArgs: 1 },
  { name: 'encodeUriComponent', minArgs: 1, maxArgs: 1 },
]);

describe('designer properties: expression autocomplete', () => {
  it('finds the caret context: a name, an action name in body(\'…, a property key in ?[\'…, nothing in literal text', () => {
    assert.deepEqual(completionContext('@conc', 5), { mode: 'name', from: 1, prefix: 'conc' });
    assert.deepEqual(completionContext('@concat(to', 10), { mode: 'name', from: 8, prefix: 'to' });
    assert.deepEqual(completionContext("Hi @{body('Ge", 13), { mode: 'action', from: 11, prefix: 'Ge', fn: 'body' });
    assert.deepEqual(completionContext("@triggerBody()?['Na", 19), { mode: 'property', from: 17, prefix: 'Na', base: 'triggerBody()' });
    assert.deepEqual(completionContext("@body('A')?['x']?['y", 20), { mode: 'property', from: 19, prefix: 'y', base: "body('A')?['x']" });
    assert.equal(completionContext('plain text', 5), undefined);
    assert.equal(completionContext('@@escaped', 5), undefined);
    assert.equal(completionContext("@concat('some te", 16), undefined, 'inside a string literal');
    assert.equal(completionContext('a @{x} b', 8), undefined, 'after a closed segment');
  });

  it('ranks exact prefix, then case-insensitive prefix, then word starts, then substrings; dynamic content before functions', () => {
    assert.equal(matchScore('toLower', 'to'), 0);
    assert.equal(matchScore('toLower', 'TO'), 1);
    assert.equal(matchScore('toLower', 'low'), 2);
    assert.equal(matchScore('toLower', 'owe'), 3);
    assert.equal(matchScore('toLower', 'xyz'), undefined);
    const all = [...dynamicSuggestions(true, ['Get_items']), ...functions];
    assert.deepEqual(rankSuggestions(all, 'con').map((s) => s.label), ['concat', 'contains']);
    assert.deepEqual(rankSuggestions(all, 'comp').map((s) => s.label), ['encodeUriComponent']);
    assert.deepEqual(rankSuggestions(all, 'trigger').map((s) => s.label).slice(0, 4), ['triggerBody()', 'triggerOutputs()', "triggerOutputs()?['headers']", 'triggerBody']);
    assert.ok(rankSuggestions(all, 'body').map((s) => s.label).includes("body('Get_items')"));
    assert.equal(rankSuggestions(all, '').length, all.length);
  });

  it('function suggestions carry a signature and a one-line doc', () => {
    const concat = functions.find((f) => f.label === 'concat')!;
    assert.equal(concat.detail, 'concat(text1, text2, …)');
    assert.ok(concat.doc && concat.doc.length > 5);
    assert.equal(concat.insert, 'concat(');
    assert.equal(functions.find((f) => f.label === 'triggerBody')!.insert, 'triggerBody()');
    assert.equal(signatureOf('mystery', 1, 3), 'mystery(arg1, arg2?, arg3?)');
  });

  it('accepting replaces the prefix and closes quotes and brackets', () => {
    const text = "@triggerBody()?['Na";
    const ctx = completionContext(text, text.length)!;
    assert.deepEqual(acceptSuggestion(text, text.length, ctx, propertySuggestions(['Name'], 'trigger')[0]!), { text: "@triggerBody()?['Name']", caret: 23 });
    const t2 = '@to';
    assert.deepEqual(acceptSuggestion(t2, 3, completionContext(t2, 3)!, functions.find((f) => f.label === 'toLower')!), { text: '@toLower(', caret: 9 });
    const t3 = "@body('Ge')";
    const c3 = completionContext(t3, 8)!;
    assert.deepEqual(acceptSuggestion(t3, 8, c3, { kind: 'action', label: 'Get_items', insert: 'Get_items' }), { text: "@body('Get_items')", caret: 18 });
  });

  it('offers property keys from a Request schema, the blob trigger outputs and ParseJson schemas', () => {
    const blob = triggerTypes.find((t) => t.type === 'SluiceBlobAddedOrModified')!;
    const schemas = { triggers: { SluiceBlobAddedOrModified: blob.outputSchema as JsonObject } };
    const request: WorkflowDefinition = {
      triggers: { manual: { type: 'Request', inputs: { schema: { type: 'object', properties: { Name: { type: 'string' }, size: {} } } } } },
      actions: { P: { type: 'ParseJson', inputs: { content: '@x', schema: { type: 'object', properties: { id: {} } } } } },
    };
    assert.deepEqual(triggerBodyKeys(request, schemas), ['Name', 'size']);
    assert.deepEqual(propertyKeysFor("body('P')", request, schemas), ['id']);
    assert.deepEqual(propertyKeysFor("outputs('P')", request, schemas), ['statusCode', 'headers', 'body']);
    const apiBlob: WorkflowDefinition = { triggers: { t: { type: 'ApiConnection', inputs: { path: '/v2/datasets/x/triggers/batch/onupdatedfile' } } } };
    assert.ok(triggerBodyKeys(apiBlob, schemas).includes('Name'));
  });

  it('reports parse errors with their position', () => {
    assert.equal(parseProblem("@concat('a', 'b')"), undefined);
    assert.equal(parseProblem('plain text'), undefined);
    const p = parseProblem('@concat(');
    assert.ok(p);
    assert.equal(p.position, 8);
    const q = parseProblem('a @{x');
    assert.ok(q && q.position === 2);
  });
});
