import assert from 'node:assert/strict';
import { freshName, newAction, newTrigger } from '../../../../ui/src/canvas/templates.js';
import { formatDefinition, parseDefinitionText, shownText, type CodeDraft } from '../../../../ui/src/code/code-draft.js';
import { issueNodeId } from '../../../../ui/src/editor/issue-target.js';
import { setInputs } from '../../../../ui/src/forms/set-inputs.js';
import { applyDesignerChanges, type WorkflowDefinition } from '../../../../ui/src/graph/index.js';

const definition: WorkflowDefinition = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Compose: { type: 'Compose', inputs: 'a', runAfter: {} },
    Scope: { type: 'Scope', actions: { Inner: { type: 'Compose', inputs: { x: 1 }, runAfter: {} } }, runAfter: { Compose: ['Succeeded'] } },
    Check: {
      type: 'If',
      expression: true,
      actions: { Yes: { type: 'Compose', runAfter: {} } },
      else: { actions: { No: { type: 'Compose', runAfter: {} } } },
      runAfter: { Scope: ['Succeeded'] },
    },
    Pick: { type: 'Switch', expression: 'a', cases: { first: { case: 'a', actions: { InCase: { type: 'Compose', runAfter: {} } } } }, default: { actions: {} }, runAfter: {} },
  },
};

describe('designer editor helpers', function () {
  describe('issueNodeId (a validation pointer → the card it points at)', function () {
    const cases: [string | undefined, string | undefined][] = [
      ['/actions/Compose/inputs', 'action:Compose'],
      ['/actions/Scope/actions/Inner/inputs/x', 'action:Inner'],
      ['/actions/Check/else/actions/No/runAfter', 'action:No'],
      ['/actions/Check/actions/Yes', 'action:Yes'],
      ['/actions/Pick/cases/first/actions/InCase/type', 'action:InCase'],
      ['/actions/Scope/runAfter/Compose', 'action:Scope'],
      ['/definition/actions/Compose/inputs', 'action:Compose'],
      ['/properties/definition/actions/Compose', 'action:Compose'],
      ['/triggers/manual/inputs', 'trigger:manual'],
      ['/actions/Nope/inputs', undefined],
      ['/parameters/x', undefined],
      ['', undefined],
      [undefined, undefined],
    ];
    for (const [pointer, id] of cases) {
      it(`${String(pointer)} → ${String(id)}`, function () {
        assert.equal(issueNodeId(definition, pointer), id);
      });
    }
    it('unescapes ~1 and ~0 in names', function () {
      const d: WorkflowDefinition = { actions: { 'a/b~c': { type: 'Compose', runAfter: {} } } };
      assert.equal(issueNodeId(d, '/actions/a~1b~0c/inputs'), 'action:a/b~c');
    });
  });

  describe('code view drafts (nothing typed is lost)', function () {
    it('shows the definition formatted when there is no draft', function () {
      assert.equal(shownText(undefined, definition), formatDefinition(definition));
    });
    it('keeps text that does not parse, whatever the definition becomes', function () {
      const draft: CodeDraft = { text: '{ "actions": ', basis: undefined, error: 'Unexpected end' };
      const changed = applyDesignerChanges(definition, [{ kind: 'deleteAction', name: 'Compose' }]);
      assert.equal(shownText(draft, definition), draft.text);
      assert.equal(shownText(draft, changed), draft.text);
    });
    it('shows valid text as typed while the definition is the one it produced, and the new definition after an edit elsewhere', function () {
      const typed = '{"actions":{},   "triggers":{}}';
      const parsed = parseDefinitionText(typed);
      assert.ok(parsed.ok);
      const draft: CodeDraft = { text: typed, basis: parsed.definition, error: undefined };
      assert.equal(shownText(draft, parsed.definition), typed);
      const other: WorkflowDefinition = { actions: {}, triggers: {}, outputs: {} };
      assert.equal(shownText(draft, other), formatDefinition(other));
    });
    it('refuses JSON that is not an object', function () {
      assert.deepEqual(parseDefinitionText('[1]'), { ok: false, error: 'the definition must be a JSON object' });
      assert.equal(parseDefinitionText('{').ok, false);
    });
  });

  describe('setInputs (the panel replaces inputs in place)', function () {
    it('replaces an action’s inputs keeping key order and touching nothing else', function () {
      const next = setInputs(definition, 'action:Inner', { y: [1, 2] });
      const scope = (next['actions'] as Record<string, Record<string, unknown>>)['Scope']!;
      const inner = (scope['actions'] as Record<string, Record<string, unknown>>)['Inner']!;
      assert.deepEqual(Object.keys(inner), ['type', 'inputs', 'runAfter']);
      assert.deepEqual(inner['inputs'], { y: [1, 2] });
      assert.deepEqual(setInputs(next, 'action:Inner', { x: 1 }), definition);
      assert.match(JSON.stringify(definition), /"Inner":\{"type":"Compose","inputs":\{"x":1\}/, 'the input definition is not mutated');
    });
    it('adds inputs at the end when absent, removes them when undefined, and edits triggers', function () {
      const added = setInputs(definition, 'trigger:manual', { schema: {} });
      assert.deepEqual(Object.keys((added['triggers'] as Record<string, object>)['manual']!), ['type', 'kind', 'inputs']);
      const removed = setInputs(definition, 'action:Compose', undefined);
      assert.deepEqual(Object.keys((removed['actions'] as Record<string, object>)['Compose']!), ['type', 'runAfter']);
    });
  });

  describe('templates', function () {
    it('names new actions uniquely across all containers and triggers', function () {
      assert.equal(freshName(definition, 'Compose'), 'Compose_2');
      assert.equal(freshName(definition, 'Inner'), 'Inner_2');
      assert.equal(freshName(definition, 'manual'), 'manual_2');
      assert.equal(freshName(definition, 'Parse JSON'), 'Parse_JSON');
      assert.equal(freshName(definition, '???'), 'Action');
    });
    it('gives control actions their bodies and lanes, and every action an empty runAfter', function () {
      assert.deepEqual(newAction('If'), { type: 'If', expression: { and: [{ equals: [true, true] }] }, actions: {}, else: { actions: {} }, runAfter: {} });
      assert.deepEqual(newAction('Scope'), { type: 'Scope', actions: {}, runAfter: {} });
      assert.deepEqual(newAction('Frobnicate'), { type: 'Frobnicate', inputs: {}, runAfter: {} });
      assert.deepEqual(newTrigger('Request'), { type: 'Request', kind: 'Http', inputs: { schema: {} } });
    });
    it('new actions of every template apply onto a definition', function () {
      let d = definition;
      for (const type of ['Compose', 'Http', 'If', 'Switch', 'Foreach', 'Until', 'Scope', 'InitializeVariable', 'SetVariable', 'Response', 'ParseJson', 'Wait', 'Terminate']) {
        d = applyDesignerChanges(d, [{ kind: 'addAction', name: freshName(d, type), action: newAction(type), container: { kind: 'root' }, after: 'Compose' }]);
      }
      assert.equal(Object.keys(d['actions'] as object).length, 4 + 13);
    });
  });
});
