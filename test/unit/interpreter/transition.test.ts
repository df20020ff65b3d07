/**
 * The transition function on its own: events in, state and commands out, no I/O.
 */
import assert from 'node:assert/strict';
import { loadDefinition } from '../../../definitions/load.js';
import { pureActions } from '../../../engine/actions/pure-actions.js';
import { DEFAULT_LIMITS } from '../../../engine/interpreter/limits.js';
import { planWorkflow } from '../../../engine/interpreter/plan.js';
import type { RunState } from '../../../engine/interpreter/run-state.js';
import { transition, type TransitionContext } from '../../../engine/interpreter/transition.js';
import { createRunState } from '../../../engine/runtime/run-factory.js';

const T0 = '2026-01-01T00:00:00.000Z';

function setup(definition: Record<string, unknown>): { ctx: TransitionContext; state: RunState } {
  const loaded = loadDefinition({ triggers: { manual: { type: 'Request', kind: 'Http' } }, ...definition });
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.issues));
  const ctx: TransitionContext = {
    plan: planWorkflow(loaded.compiled),
    pure: new Map(pureActions.map((d) => [d.type, d])),
    effects: new Set(['Http', 'Response']),
    limits: DEFAULT_LIMITS,
  };
  const state = createRunState({ runId: 'r1', workflowName: 'wf', workflowVersion: 1, triggerName: 'manual', outputs: { body: { n: 2 } }, parameters: {}, at: T0 });
  return { ctx, state };
}

const http = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'Http',
  inputs: { method: 'GET', uri: 'http://127.0.0.1:1/x', retryPolicy: { type: 'fixed', count: 2, interval: 'PT10S' } },
  ...extra,
});

describe('interpreter transition', function () {
  it('runs a chain of pure actions in one transition and completes the run', function () {
    const { ctx, state } = setup({
      actions: {
        A: { type: 'Compose', inputs: "@mul(triggerBody()['n'], 10)" },
        B: { type: 'Compose', inputs: "@add(outputs('A'), 1)", runAfter: { A: ['Succeeded'] } },
      },
    });
    const out = transition(state, { kind: 'runStarted', at: T0 }, ctx);
    assert.equal(out.state.status, 'Succeeded');
    assert.equal(out.state.actions['B']!.outputs, 21);
    assert.deepEqual(out.commands, [{ kind: 'runCompleted', status: 'Succeeded' }]);
    assert.deepEqual(out.rows.map((r) => `${r.name}:${r.status}`).sort(), ['A:Succeeded', 'B:Succeeded']);
  });

  it('stops at an effect: the action is Running and an invokeAction command goes out', function () {
    const { ctx, state } = setup({ actions: { Call: http(), After: { type: 'Compose', inputs: 'x', runAfter: { Call: ['Succeeded'] } } } });
    const out = transition(state, { kind: 'runStarted', at: T0 }, ctx);
    assert.equal(out.state.status, 'Running');
    assert.equal(out.state.actions['Call']!.status, 'Running');
    assert.equal(out.state.actions['After'], undefined);
    assert.equal(out.commands.length, 1);
    assert.deepEqual({ ...out.commands[0], inputs: undefined }, { kind: 'invokeAction', key: 'Call', name: 'Call', type: 'Http', attempt: 1, inputs: undefined, timeoutMs: undefined });
  });

  it('retries a retryable failure on a durable timer, then gives up after the policy count', function () {
    const { ctx, state } = setup({ actions: { Call: http() } });
    transition(state, { kind: 'runStarted', at: T0 }, ctx);
    const failure = { status: 'Failed' as const, code: 'InternalServerError', retryable: true, error: { code: 'InternalServerError', message: '500' } };
    let out = transition(state, { kind: 'actionCompleted', at: T0, key: 'Call', attempt: 1, result: failure }, ctx);
    assert.deepEqual(out.commands, [{ kind: 'startTimer', key: 'Call', due: '2026-01-01T00:00:10.000Z', purpose: 'retry' }]);
    assert.equal(out.rows.filter((r) => r.attempt === 1 && r.status === 'Failed').length, 1, 'the failed attempt is kept in history');
    out = transition(state, { kind: 'timerFired', at: '2026-01-01T00:00:10.000Z', key: 'Call', purpose: 'retry' }, ctx);
    assert.equal((out.commands[0] as { attempt: number }).attempt, 2);
    out = transition(state, { kind: 'actionCompleted', at: T0, key: 'Call', attempt: 2, result: failure }, ctx);
    out = transition(state, { kind: 'timerFired', at: '2026-01-01T00:00:20.000Z', key: 'Call', purpose: 'retry' }, ctx);
    out = transition(state, { kind: 'actionCompleted', at: T0, key: 'Call', attempt: 3, result: failure }, ctx);
    assert.equal(state.actions['Call']!.status, 'Failed');
    assert.equal(state.status, 'Failed');
  });

  it('ignores a result for an attempt that is no longer current', function () {
    const { ctx, state } = setup({ actions: { Call: http() } });
    transition(state, { kind: 'runStarted', at: T0 }, ctx);
    const out = transition(state, { kind: 'actionCompleted', at: T0, key: 'Call', attempt: 7, result: { status: 'Succeeded' } }, ctx);
    assert.deepEqual(out.commands, []);
    assert.equal(state.actions['Call']!.status, 'Running');
  });

  it('cancelling aborts in-flight effects and ends the run Cancelled', function () {
    const { ctx, state } = setup({ actions: { Call: http() } });
    transition(state, { kind: 'runStarted', at: T0 }, ctx);
    const out = transition(state, { kind: 'cancelRequested', at: T0 }, ctx);
    assert.deepEqual(out.commands, [{ kind: 'cancelAction', key: 'Call' }, { kind: 'runCompleted', status: 'Cancelled' }]);
    assert.equal(state.actions['Call']!.status, 'Cancelled');
  });

  it('is deterministic: the same events on the same state give the same guid() values', function () {
    const definition = { actions: { G: { type: 'Compose', inputs: '@guid()' }, R: { type: 'Compose', inputs: '@rand(0, 1000000)' } } };
    const a = setup(definition);
    const b = setup(definition);
    b.state.entropy = a.state.entropy;
    transition(a.state, { kind: 'runStarted', at: T0 }, a.ctx);
    transition(b.state, { kind: 'runStarted', at: T0 }, b.ctx);
    assert.equal(a.state.actions['G']!.outputs, b.state.actions['G']!.outputs);
    assert.equal(a.state.actions['R']!.outputs, b.state.actions['R']!.outputs);
    assert.match(String(a.state.actions['G']!.outputs), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('runs at most `repetitions` Foreach iterations with effects at a time', function () {
    const { ctx, state } = setup({
      actions: { Loop: { type: 'Foreach', foreach: '@range(0, 10)', runtimeConfiguration: { concurrency: { repetitions: 3 } }, actions: { Call: http() } } },
    });
    let out = transition(state, { kind: 'runStarted', at: T0 }, ctx);
    assert.deepEqual(out.commands.map((c) => (c as { key: string }).key), ['Call#0', 'Call#1', 'Call#2']);
    out = transition(state, { kind: 'actionCompleted', at: T0, key: 'Call#1', attempt: 1, result: { status: 'Succeeded' } }, ctx);
    assert.deepEqual(out.commands.map((c) => (c as { key: string }).key), ['Call#3']);
  });

  it('a Wait sets a durable timer and completes when it fires', function () {
    const { ctx, state } = setup({ actions: { W: { type: 'Wait', inputs: { interval: { count: 2, unit: 'Hour' } } } } });
    let out = transition(state, { kind: 'runStarted', at: T0 }, ctx);
    assert.deepEqual(out.commands, [{ kind: 'startTimer', key: 'W', due: '2026-01-01T02:00:00.000Z', purpose: 'wait' }]);
    assert.deepEqual(state.timers['W'], { key: 'W', due: '2026-01-01T02:00:00.000Z', purpose: 'wait' });
    out = transition(state, { kind: 'timerFired', at: '2026-01-01T02:00:00.000Z', key: 'W', purpose: 'wait' }, ctx);
    assert.equal(state.status, 'Succeeded');
    assert.equal(state.actions['W']!.endTime, '2026-01-01T02:00:00.000Z');
  });
});

describe('interpreter limits', function () {
  it('fails an action whose outputs pass the payload limit, with a clear error', function () {
    const { ctx, state } = setup({ actions: { Big: { type: 'Compose', inputs: "@concat('0123456789', '0123456789')" } } });
    const limited = { ...ctx, limits: { ...ctx.limits, payloadChars: 15 } };
    transition(state, { kind: 'runStarted', at: T0 }, limited);
    assert.equal(state.actions['Big']!.status, 'Failed');
    assert.equal(state.actions['Big']!.code, 'ActionPayloadTooLarge');
    assert.match(state.actions['Big']!.error!.message, /larger than the limit of 15 characters/);
  });

  it('rejects a Foreach over more items than the configured limit', function () {
    const { ctx, state } = setup({ actions: { Loop: { type: 'Foreach', foreach: '@range(0, 11)', actions: { C: { type: 'Compose', inputs: 1 } } } } });
    transition(state, { kind: 'runStarted', at: T0 }, { ...ctx, limits: { ...ctx.limits, foreachItems: 10 } });
    assert.equal(state.actions['Loop']!.status, 'Failed');
    assert.match(state.actions['Loop']!.error!.message, /11 items; at most 10/);
  });

  it('rejects an Until limit.count above the configured maximum', function () {
    const { ctx, state } = setup({ actions: { U: { type: 'Until', expression: '@equals(1, 1)', limit: { count: '@add(5000, 1000)' }, actions: { C: { type: 'Compose', inputs: 1 } } } } });
    transition(state, { kind: 'runStarted', at: T0 }, ctx);
    assert.equal(state.actions['U']!.status, 'Failed');
    assert.match(state.actions['U']!.error!.message, /from 1 to 5000/);
  });
});

describe('interpreter limits: variables', function () {
  it('enforces the configured size of array variables', function () {
    const { ctx, state } = setup({
      actions: {
        Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'list', type: 'array', value: [1, 2] }] } },
        Add: { type: 'AppendToArrayVariable', inputs: { name: 'list', value: 3 }, runAfter: { Init: ['Succeeded'] } },
      },
    });
    transition(state, { kind: 'runStarted', at: T0 }, { ...ctx, limits: { ...ctx.limits, variableArrayItems: 2 } });
    assert.equal(state.actions['Add']!.status, 'Failed');
    assert.match(state.actions['Add']!.error!.message, /at most 2 items/);
    assert.deepEqual(state.variables['list'], [1, 2]);
  });
});
