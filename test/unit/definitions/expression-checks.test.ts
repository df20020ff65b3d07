import assert from 'node:assert/strict';
import { codes, compose, definition, expectValid, issuesOf } from './builder.js';

describe('expression checks', () => {
  it('reports the pointer and the 0-based position of a syntax error inside interpolation', () => {
    const [only] = issuesOf(definition({ A: compose({ text: 'Hello @{triggerBody()?[name]}!' }) }));
    assert.equal(only!.code, 'ExpressionSyntax');
    assert.equal(only!.pointer, '/actions/A/inputs/text');
    assert.equal(only!.position, 27); // after `name`, where '(' was expected
    assert.match(only!.message, /in action 'A'/);
  });

  it('leaves literal text alone: e-mail addresses, @@ escapes, a lone @', () => {
    expectValid(definition({ A: compose({ mail: 'me@example.com', esc: '@@notAnExpression(', at: '@', braces: '@@{x' }) }));
  });

  it('names unknown functions with their position', () => {
    const [only] = issuesOf(definition({ A: compose("@concat('a', frobnicate(1))") }));
    assert.equal(only!.code, 'UnknownFunction');
    assert.equal(only!.position, 13);
    assert.match(only!.message, /'frobnicate'/);
  });

  it('checks argument counts against the function table', () => {
    const issues = issuesOf(definition({ A: compose('@equals(1)'), B: compose('@utcNow(1, 2, 3)') }));
    assert.deepEqual(codes(issues), ['WrongArgumentCount', 'WrongArgumentCount']);
    assert.match(issues[0]!.message, /'equals' takes 2 arguments, got 1/);
  });

  it('uses an injected function table when given one', () => {
    const lookup = (name: string) => (name.toLowerCase() === 'only' ? { minArgs: 0, maxArgs: 0 } : undefined);
    expectValid(definition({ A: compose('@only()') }), { lookupFunction: lookup });
    assert.deepEqual(codes(issuesOf(definition({ A: compose('@concat()') }), { lookupFunction: lookup })), ['UnknownFunction']);
  });

  it('checks the designer form of conditions: function names and argument counts', () => {
    const condition = { and: [{ equals: ['@triggerBody()', 1] }, { not: { contains: ['a'] } }, { nosuch: [1, 2] }] };
    const issues = issuesOf(definition({ If: { type: 'If', expression: condition, actions: {}, runAfter: {} } }));
    assert.deepEqual(codes(issues), ['WrongArgumentCount', 'UnknownFunction']);
    assert.equal(issues[0]!.pointer, '/actions/If/expression/and/1/not/contains');
    assert.equal(issues[1]!.pointer, '/actions/If/expression/and/2/nosuch');
  });

  it('walks triggers, outputs, parameter defaults, foreach and Until limits', () => {
    const issues = issuesOf(
      definition(
        {
          Loop: { type: 'Foreach', foreach: '@(', actions: {}, runAfter: {} },
          Again: { type: 'Until', expression: '@true', limit: { count: '@)' }, actions: {}, runAfter: {} },
        },
        {
          triggers: { manual: { type: 'Request', kind: 'Http', conditions: [{ expression: '@[' }] } },
          outputs: { o: { type: 'String', value: '@{' } },
          parameters: { p: { type: 'String', defaultValue: '@bad(' } },
        },
      ),
    );
    assert.deepEqual(issues.map((i) => i.pointer).sort(), [
      '/actions/Again/limit/count',
      '/actions/Loop/foreach',
      '/outputs/o/value',
      '/parameters/p/defaultValue',
      '/triggers/manual/conditions/0/expression',
    ]);
  });

  it('does not evaluate descriptions, metadata, Switch case values or the Request schema', () => {
    expectValid(
      definition(
        {
          S: {
            type: 'Switch',
            expression: '@triggerBody()',
            cases: { C: { case: '@(', actions: {} } },
            description: '@(',
            metadata: { note: '@(' },
            runAfter: {},
          },
        },
        { triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: { pattern: '@(' } } } } },
      ),
    );
  });

  describe('references', () => {
    it('parameters() of an undeclared parameter names it, unless it is supplied from outside', () => {
      const def = definition({ A: compose("@parameters('Url')") }, { parameters: { Known: { type: 'String' } } });
      const [only] = issuesOf(def);
      assert.equal(only!.code, 'UndeclaredParameter');
      assert.match(only!.message, /parameters\('Url'\)/);
      assert.equal(only!.position, 12);
      expectValid(def, { externalParameters: ['url'] });
      expectValid(definition({ A: compose("@parameters('known')") }, { parameters: { Known: { type: 'String' } } }));
    });

    it('action functions must name an existing action (anywhere, names are global)', () => {
      const issues = issuesOf(
        definition({
          S: { type: 'Scope', actions: { Inner: compose(1) }, runAfter: {} },
          A: compose({ ok: "@outputs('inner')", bad: "@body('Ghost')?['id']", loop: "@items('Nope')" }, { S: ['Succeeded'] }),
        }),
      );
      assert.deepEqual(codes(issues), ['UnknownActionReference', 'UnknownActionReference']);
      assert.match(issues[0]!.message, /body\('Ghost'\)/);
    });

    it('variables() must name an initialised variable', () => {
      const [only] = issuesOf(definition({ A: compose("@variables('nothing')") }));
      assert.equal(only!.code, 'UndeclaredVariable');
    });

    it('names computed at run time are not checked', () => {
      expectValid(definition({ A: compose("@body(concat('Gh', 'ost'))") }));
    });
  });

  describe('ARM template expressions', () => {
    it('are named as such, in values, keys and types, and nothing else is said about them', () => {
      const issues = issuesOf(
        definition(
          {
            Call: { type: "[variables('actionType')]", inputs: { uri: "[parameters('uri')]" }, runAfter: {} },
            Meta: compose({ "[format('{0}', 'x')]": 1 }),
            Count: { type: 'Until', expression: '@true', limit: { count: "[parameters('n')]" }, actions: {}, runAfter: {} },
          },
          { parameters: { p: { type: 'String', defaultValue: "[parameters('p')]" } } },
        ),
      );
      assert.ok(issues.length === 5 && issues.every((i) => i.code === 'ArmTemplateExpression'), JSON.stringify(issues, null, 1));
      assert.match(issues.find((i) => i.pointer === '/actions/Call/type')!.message, /the type "\[variables\('actionType'\)\]" \(in action 'Call'\) is an ARM template expression/);
    });

    it('does not mistake bracketed placeholders or [[ escapes for ARM expressions', () => {
      expectValid(definition({ A: compose({ a: '[YOUR_INSTANCE_HERE].crm.dynamics.com', b: "[[parameters('x')]", c: '[1, 2]' }) }));
    });
  });
});
