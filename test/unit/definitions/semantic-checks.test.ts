import assert from 'node:assert/strict';
import { codes, compose, definition, expectValid, issuesOf } from './builder.js';

const init = (name: string, type = 'Integer', value: unknown = 0): Record<string, unknown> => ({
  type: 'InitializeVariable',
  inputs: { variables: [{ name, type, value }] },
  runAfter: {},
});

describe('semantic checks', () => {
  describe('runAfter', () => {
    it('only names siblings of the same container', () => {
      const issues = issuesOf(
        definition({
          Scope: { type: 'Scope', actions: { Inside: compose(1) }, runAfter: {} },
          Outside: compose(2, { Inside: ['Succeeded'] }),
        }),
      );
      assert.deepEqual(codes(issues), ['UnknownRunAfterTarget']);
      assert.equal(issues[0]!.pointer, '/actions/Outside/runAfter/Inside');
      assert.match(issues[0]!.message, /in the body of 'Scope', not in the top level/);
    });

    it('explains a runAfter on the trigger', () => {
      const [only] = issuesOf(definition({ A: compose(1, { manual: ['Succeeded'] }) }));
      assert.equal(only!.code, 'UnknownRunAfterTarget');
      assert.match(only!.message, /is the trigger/);
    });

    it('accepts statuses in any casing and rejects unknown ones', () => {
      expectValid(definition({ A: compose(1), B: compose(2, { A: ['SUCCEEDED', 'failed', 'Skipped', 'TIMEDOUT'] }) }));
      const [only] = issuesOf(definition({ A: compose(1), B: compose(2, { A: ['Succeeded', 'Done'] }) }));
      assert.equal(only!.code, 'UnknownRunAfterStatus');
      assert.equal(only!.pointer, '/actions/B/runAfter/A/1');
      assert.match(only!.message, /'Done'/);
    });

    it('names every action of a cycle, also inside scopes and for self-loops', () => {
      const issues = issuesOf(
        definition({
          Self: compose(1, { Self: ['Succeeded'] }),
          S: {
            type: 'Scope',
            runAfter: {},
            actions: { X: compose(1, { Z: ['Succeeded'] }), Y: compose(2, { X: ['Succeeded'] }), Z: compose(3, { Y: ['Succeeded'] }) },
          },
        }),
      );
      assert.deepEqual(codes(issues), ['RunAfterCycle', 'RunAfterCycle']);
      assert.match(issues[0]!.message, /Self → Self/);
      assert.match(issues[1]!.message, /X → Z → Y → X/);
    });
  });

  describe('names', () => {
    it('are global: the same name in two scopes is an issue', () => {
      const issues = issuesOf(
        definition({
          One: { type: 'Scope', actions: { Step: compose(1) }, runAfter: {} },
          Two: { type: 'Scope', actions: { Step: compose(2) }, runAfter: {} },
        }),
      );
      assert.deepEqual(codes(issues), ['DuplicateActionName']);
      assert.equal(issues[0]!.pointer, '/actions/Two/actions/Step');
    });

    it('may be at most 80 characters long', () => {
      const long = 'N'.repeat(81);
      const [only] = issuesOf(definition({ [long]: compose(1) }));
      assert.equal(only!.code, 'LimitExceeded');
      expectValid(definition({ ['N'.repeat(80)]: compose(1) }));
    });
  });

  describe('variables', () => {
    it('are initialised only at the top level', () => {
      const issues = issuesOf(definition({ S: { type: 'Scope', actions: { Init: init('n') }, runAfter: {} } }));
      assert.deepEqual(codes(issues), ['VariableNotTopLevel']);
      assert.match(issues[0]!.message, /inside 'S'/);
    });

    it('are initialised once (names ignore case)', () => {
      const issues = issuesOf(definition({ A: init('Count'), B: { ...init('count'), runAfter: { A: ['Succeeded'] } } }));
      assert.deepEqual(codes(issues), ['DuplicateVariable']);
      assert.equal(issues[0]!.pointer, '/actions/B/inputs/variables/0/name');
    });

    it('must be initialised before variable actions use them', () => {
      const issues = issuesOf(
        definition({
          Init: init('known'),
          Inc: { type: 'IncrementVariable', inputs: { name: 'unknown', value: 1 }, runAfter: { Init: ['Succeeded'] } },
          Ok: { type: 'SetVariable', inputs: { name: 'KNOWN', value: 3 }, runAfter: { Inc: ['Succeeded'] } },
        }),
      );
      assert.deepEqual(codes(issues), ['UndeclaredVariable']);
      assert.equal(issues[0]!.pointer, '/actions/Inc/inputs/name');
    });

    it('may be several in one InitializeVariable action (Standard)', () => {
      expectValid(
        definition({
          Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'a', type: 'string', value: '' }, { name: 'b', type: 'array' }] }, runAfter: {} },
          Use: { type: 'AppendToArrayVariable', inputs: { name: 'b', value: '@variables(\'a\')' }, runAfter: { Init: ['Succeeded'] } },
        }),
      );
    });
  });

  describe('parameters', () => {
    it('default values fit the declared type and the allowed values', () => {
      const issues = issuesOf(
        definition({}, {
          parameters: {
            n: { type: 'Int', defaultValue: 'five' },
            s: { type: 'String', defaultValue: 'c', allowedValues: ['a', 'b'] },
            ok: { type: 'Float', defaultValue: 1.5 },
          },
        }),
      );
      assert.deepEqual(codes(issues), ['InvalidParameterValue', 'InvalidParameterValue']);
      assert.equal(issues[0]!.pointer, '/parameters/n/defaultValue');
      assert.match(issues[1]!.message, /allowedValues/);
    });
  });

  describe('Response', () => {
    it('needs a Request trigger', () => {
      const respond = { type: 'Response', kind: 'Http', inputs: { statusCode: 200 }, runAfter: {} };
      const [only] = issuesOf(definition({ R: respond }, { triggers: { Every_day: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } } }));
      assert.equal(only!.code, 'ResponseWithoutRequestTrigger');
      expectValid(definition({ R: respond }));
    });
  });

  describe('limits', () => {
    it('nesting deeper than 8 levels is an issue', () => {
      let inner: Record<string, unknown> = { Leaf: compose(1) };
      for (let depth = 8; depth >= 1; depth--) inner = { [`Scope${depth}`]: { type: 'Scope', actions: inner, runAfter: {} } };
      const issues = issuesOf(definition(inner));
      assert.deepEqual(codes(issues), ['LimitExceeded']);
      assert.match(issues[0]!.pointer, /\/Leaf$/);
    });

    it('more than 500 actions is an issue', () => {
      const actions: Record<string, unknown> = {};
      for (let i = 0; i < 501; i++) actions[`A${i}`] = compose(i);
      assert.deepEqual(codes(issuesOf(definition(actions))), ['LimitExceeded']);
    });
  });

  describe('static results and recurrences', () => {
    it('a static result must be declared', () => {
      const mocked = (name: string) => ({ ...compose(1), runtimeConfiguration: { staticResult: { name, staticResultOptions: 'Enabled' } } });
      const staticResults = { Mock0: { status: 'Succeeded', outputs: { body: 1 } } };
      expectValid(definition({ A: mocked('Mock0') }, { staticResults }));
      const [only] = issuesOf(definition({ A: mocked('Mock1') }, { staticResults }));
      assert.equal(only!.code, 'UnknownStaticResult');
      assert.equal(only!.pointer, '/actions/A/runtimeConfiguration/staticResult/name');
    });

    it('the interval fits the frequency', () => {
      const every = (frequency: string, interval: number) => definition({}, { triggers: { T: { type: 'Recurrence', recurrence: { frequency, interval } } } });
      expectValid(every('Month', 16));
      expectValid(every('Day', 500));
      const [only] = issuesOf(every('Month', 17));
      assert.equal(only!.code, 'LimitExceeded');
      assert.equal(only!.pointer, '/triggers/T/recurrence/interval');
      assert.deepEqual(codes(issuesOf(every('Hour', 12001))), ['LimitExceeded']);
    });
  });
});
