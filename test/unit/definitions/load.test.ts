import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadDefinition } from '../../../definitions/load.js';
import { codes, compose, definition, expectValid, issuesOf } from './builder.js';

describe('loadDefinition', () => {
  describe('acceptance: every issue, each with its pointer', () => {
    it('reports a bad runAfter target, a cycle and an unparsable expression together', () => {
      const issues = issuesOf(
        definition({
          A: compose('a', { Missing: ['Succeeded'] }),
          B: compose('b', { C: ['Succeeded'] }),
          C: compose('c', { B: ['Succeeded'] }),
          D: compose("@concat('x',", {}),
        }),
      );
      assert.equal(issues.length, 3, JSON.stringify(issues, null, 1));
      const byCode = new Map(issues.map((i) => [i.code, i]));
      assert.equal(byCode.get('UnknownRunAfterTarget')?.pointer, '/actions/A/runAfter/Missing');
      assert.match(byCode.get('RunAfterCycle')!.message, /B → C → B|C → B → C/);
      assert.match(byCode.get('RunAfterCycle')!.pointer, /^\/actions\/(B|C)\/runAfter$/);
      const syntax = byCode.get('ExpressionSyntax')!;
      assert.equal(syntax.pointer, '/actions/D/inputs');
      assert.equal(syntax.position, 12); // the end of the text, where an argument was expected
    });

    it('keeps reporting after the schema fails', () => {
      const issues = issuesOf(
        definition({
          Bad_wait: { type: 'Wait', inputs: { interval: { count: 'soon', unit: 'Minute' } }, runAfter: {} },
          Orphan: compose('@nosuchfunction()', { Nowhere: ['Succeeded'] }),
        }),
      );
      assert.deepEqual(codes(issues).sort(), ['SchemaViolation', 'UnknownFunction', 'UnknownRunAfterTarget']);
    });
  });

  describe('wrappers', () => {
    const bare = definition({ Hello: compose('hi') });

    it('accepts a bare definition', () => expectValid(bare));

    it('accepts a Standard workflow.json and reports pointers inside it', () => {
      const result = loadDefinition({ definition: bare, kind: 'Stateful' });
      assert.ok(result.ok);
      assert.equal(result.compiled.kind, 'Stateful');
      const issues = issuesOf({ definition: definition({ X: compose('@(') }), kind: 'Stateless' });
      assert.equal(issues[0]!.pointer, '/definition/actions/X/inputs');
    });

    it('accepts an ARM resource and a REST body with properties.definition', () => {
      expectValid({ type: 'Microsoft.Logic/workflows', name: 'wf', properties: { definition: bare, state: 'Enabled' } });
      const issues = issuesOf({ properties: { definition: definition({ X: compose('a', { Y: ['Succeeded'] }) }) } });
      assert.equal(issues[0]!.pointer, '/properties/definition/actions/X/runAfter/Y');
    });

    it('finds the one workflow of an ARM template', () => {
      const template = {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        resources: [
          { type: 'Microsoft.Web/connections', name: 'blob', properties: {} },
          { type: 'Microsoft.Logic/workflows', name: 'wf', properties: { definition: definition({ X: compose('@[') }) } },
        ],
      };
      assert.equal(issuesOf(template)[0]!.pointer, '/resources/1/properties/definition/actions/X/inputs');
      const none = issuesOf({ resources: [] });
      assert.equal(none[0]!.code, 'NotADefinition');
    });

    it('rejects what is not an object with a clear message', () => {
      for (const value of [null, 42, 'text', [1, 2]]) {
        const [only] = issuesOf(value);
        assert.equal(only!.code, 'NotADefinition');
        assert.match(only!.message, /expected a workflow definition/);
      }
    });
  });

  describe('the compiled form', () => {
    it('is a frozen copy with canonical spellings and leaves the input untouched', () => {
      const input = definition({
        Loop: { type: 'foreach', foreach: '@triggerBody()', actions: { Inner: compose('@item()') }, runAfter: {} },
        After: { type: 'compose', inputs: 1, runAfter: { Loop: ['SUCCEEDED', 'timedout'] } },
      });
      const before = JSON.stringify(input);
      const result = loadDefinition(input);
      assert.ok(result.ok);
      assert.equal(JSON.stringify(input), before);
      const after = result.compiled.actions.get('After')!;
      assert.deepEqual(after.runAfter, { Loop: ['Succeeded', 'TimedOut'] });
      assert.equal(result.compiled.actions.get('Loop')!.type, 'Foreach');
      assert.equal(result.compiled.actions.get('Inner')!.parent, 'Loop');
      assert.equal(result.compiled.actions.get('Inner')!.container, '/actions/Loop/actions');
      assert.ok(Object.isFrozen(result.definition));
      assert.ok(result.compiled.expressions.has('/actions/Loop/foreach'));
      assert.equal(result.compiled.expressions.get('/actions/Loop/actions/Inner/inputs')?.kind, 'expression');
    });
  });

  describe('never crashes', () => {
    it('turns arbitrary JSON into a result, never an exception', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const result = loadDefinition(value);
          if (!result.ok) for (const i of result.issues) assert.notEqual(i.code, 'InternalError', i.message);
        }),
        { numRuns: 300 },
      );
    });

    it('survives definitions with wrong shapes everywhere', () => {
      const odd = {
        triggers: { t: 'not an object', u: { type: 7 } },
        actions: { a: [], b: { type: 'If', expression: 5, actions: 'x', else: [] }, c: { type: 'Switch', cases: { k: 1 } } },
        parameters: { p: 'x' },
        outputs: [],
      };
      const issues = issuesOf(odd);
      assert.ok(issues.length > 0);
      assert.ok(issues.every((i) => i.code !== 'InternalError'), JSON.stringify(issues));
    });
  });
});
