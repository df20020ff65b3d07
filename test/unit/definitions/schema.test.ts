import assert from 'node:assert/strict';
import { loadDefinition } from '../../../definitions/load.js';
import { codes, compose, definition, expectValid, issuesOf } from './builder.js';

const recurrence = (r: Record<string, unknown>) => ({ Every: { type: 'Recurrence', recurrence: r } });

describe('the definition schema', () => {
  it('compares type names and enumerated values ignoring case, canonicalising the copy', () => {
    const result = loadDefinition(
      definition(
        {
          Call: { type: 'http', inputs: { method: 'get', uri: 'http://x', retryPolicy: { type: 'Fixed', count: 2, interval: 'PT5S' } }, runAfter: {} },
          Stop: { type: 'terminate', inputs: { runStatus: 'SUCCEEDED' }, runAfter: { Call: ['succeeded'] } },
        },
        { triggers: recurrence({ frequency: 'minute', interval: 5 }), parameters: { P: { type: 'SecureString' } } },
      ),
    );
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    const d = result.definition as any;
    assert.equal(d.actions.Call.type, 'Http');
    assert.equal(d.actions.Call.inputs.method, 'GET');
    assert.equal(d.actions.Call.inputs.retryPolicy.type, 'fixed');
    assert.equal(d.actions.Stop.inputs.runStatus, 'Succeeded');
    assert.equal(d.triggers.Every.type, 'Recurrence');
    assert.equal(d.triggers.Every.recurrence.frequency, 'Minute');
    assert.equal(d.parameters.P.type, 'securestring');
  });

  it('allows an expression wherever a number, boolean or object is expected', () => {
    expectValid(
      definition(
        {
          Loop: { type: 'Until', expression: '@true', limit: { count: "@parameters('n')", timeout: '@{parameters(\'t\')}' }, actions: {}, runAfter: {} },
          Reply: { type: 'Response', inputs: { statusCode: '@int(\'200\')', headers: '@json(\'{}\')' }, runAfter: {} },
        },
        { parameters: { n: { type: 'Int', defaultValue: 3 }, t: { type: 'String', defaultValue: 'PT1M' } } },
      ),
    );
  });

  it('tolerates what Azure writes: evaluatedRecurrence, digit-string hours, empty else/default, unicode case names', () => {
    const schedule = { frequency: 'Day', interval: 1, schedule: { hours: ['6'], minutes: [0, 30] } };
    expectValid(
      definition(
        {
          If: { type: 'If', expression: '@true', actions: {}, else: { actions: {} }, runAfter: {} },
          Switch: { type: 'Switch', expression: '@triggerBody()', cases: { 'Größe_ä': { case: 'Größe', actions: {} } }, default: { actions: {} }, runAfter: {} },
        },
        { triggers: { Every: { type: 'recurrence', recurrence: schedule, evaluatedRecurrence: schedule } } },
      ),
    );
  });

  it('reads schedule hours given as digit strings as numbers', () => {
    const result = loadDefinition(definition({}, { triggers: recurrence({ frequency: 'Day', interval: 1, schedule: { hours: ['8'] } }) }));
    assert.ok(result.ok);
    assert.deepEqual((result.definition as any).triggers.Every.recurrence.schedule.hours, [8]);
  });

  it('gives readable messages with pointers, one per problem', () => {
    const issues = issuesOf(
      definition(
        {
          Call: { type: 'Http', inputs: { method: 'FETCH' }, runAfter: {} },
          Loop: { type: 'Foreach', actions: {}, runAfter: {} },
          Wait: { type: 'Wait', inputs: { interval: { count: true, unit: 'Minute' } }, runAfter: {} },
          Extra: { type: 'Compose', inputs: 1, runAfter: {}, runafter: {} },
          Nested: { type: 'Compose', inputs: 1, actions: {}, runAfter: {} },
        },
        { triggers: recurrence({ frequency: 'Fortnight', interval: 0 }) },
      ),
    );
    const lines = issues.map((i) => `${i.pointer}: ${i.message}`);
    assert.deepEqual(codes(issues), Array(issues.length).fill('SchemaViolation'));
    const expectLine = (re: RegExp): void => assert.ok(lines.some((l) => re.test(l)), `${re} not in\n${lines.join('\n')}`);
    expectLine(/^\/actions\/Call\/inputs: missing required property 'uri'/);
    expectLine(/^\/actions\/Call\/inputs\/method: must be GET, PUT, POST, PATCH, DELETE, HEAD, OPTIONS or an expression, got the string "FETCH"/);
    expectLine(/^\/actions\/Loop: missing required property 'foreach' on action 'Loop' of type 'Foreach'/);
    expectLine(/^\/actions\/Wait\/inputs\/interval\/count: must be an integer or an expression, got boolean true/);
    expectLine(/^\/actions\/Extra\/runafter: unknown property 'runafter' on action 'Extra' of type 'Compose'/);
    expectLine(/^\/actions\/Nested\/actions: 'actions' is not allowed on action 'Nested' of type 'Compose'/);
    expectLine(/^\/triggers\/Every\/recurrence\/frequency: must be Second, Minute, Hour, Day, Week, Month, Year or an expression/);
    expectLine(/^\/triggers\/Every\/recurrence\/interval: must be at least 1/);
    assert.equal(lines.length, 8, lines.join('\n'));
  });

  it('rejects unknown top-level properties as Azure does', () => {
    const [only] = issuesOf({ ...definition({}), action: {} });
    assert.equal(only!.pointer, '/action');
    assert.match(only!.message, /unknown property 'action'/);
  });

  it('checks documented ranges: retry count, Foreach concurrency, Until count, Switch cases', () => {
    const cases: Record<string, unknown> = {};
    for (let i = 0; i < 26; i++) cases[`C${i}`] = { case: i, actions: {} };
    const issues = issuesOf(
      definition({
        Call: { type: 'Http', inputs: { method: 'GET', uri: 'http://x', retryPolicy: { type: 'fixed', count: 91, interval: 'PT5S' } }, runAfter: {} },
        Loop: { type: 'Foreach', foreach: '@createArray(1)', actions: {}, runtimeConfiguration: { concurrency: { repetitions: 51 } }, runAfter: {} },
        Again: { type: 'Until', expression: '@true', limit: { count: 5001 }, actions: {}, runAfter: {} },
        Route: { type: 'Switch', expression: '@1', cases, runAfter: {} },
      }),
    );
    assert.deepEqual(issues.map((i) => i.pointer), [
      '/actions/Call/inputs/retryPolicy/count',
      '/actions/Loop/runtimeConfiguration/concurrency/repetitions',
      '/actions/Again/limit/count',
      '/actions/Route/cases',
    ]);
  });

  it('accepts every built-in action type in its documented shape', () => {
    expectValid(
      definition({
        C: compose({ any: ['thing'] }),
        P: { type: 'ParseJson', inputs: { content: '@triggerBody()', schema: {} }, runAfter: {} },
        Q: { type: 'Query', inputs: { from: '@createArray(1)', where: '@equals(item(), 1)' }, runAfter: {} },
        S: { type: 'Select', inputs: { from: '@createArray(1)', select: { n: '@item()' } }, runAfter: {} },
        J: { type: 'Join', inputs: { from: '@createArray(1)', joinWith: ';' }, runAfter: {} },
        T: { type: 'Table', inputs: { from: '@createArray(1)', format: 'html' }, runAfter: {} },
        W1: { type: 'Wait', inputs: { until: { timestamp: '2030-01-01T00:00:00Z' } }, runAfter: {} },
        Child: { type: 'Workflow', inputs: { host: { workflow: { id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Logic/workflows/child' }, triggerName: 'manual' }, body: {} }, runAfter: {} },
        MSI: { type: 'Http', inputs: { method: 'POST', uri: 'http://x', authentication: { type: 'ManagedServiceIdentity', audience: 'https://management.azure.com/' } }, runAfter: {} },
      }),
    );
  });
});
