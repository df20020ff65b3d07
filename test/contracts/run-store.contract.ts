/**
 * The contract every Store implementation passes (SQLite, and any in-memory or PostgreSQL store):
 * run it with `describeRunStore(name, makeStore)`. Each test gets a fresh, empty store.
 */
import assert from 'node:assert/strict';
import { Float, type Value } from '../../engine/expressions/value.js';
import type { RunEvent } from '../../engine/interpreter/events.js';
import type { ActionRecord, RunState, RunStatus } from '../../engine/interpreter/run-state.js';
import type { ActionRow, RunSummary, Store, TriggerHistoryRow } from '../../engine/store/store.js';

export interface StoreFixture {
  store: Store;
  cleanup(): void;
}

/** A run state with a few Values that plain JSON would lose (integral floats, 64-bit integers). */
export function sampleRunState(overrides: Partial<RunState> & { runId: string }): RunState {
  const compose: ActionRecord = {
    key: 'Compose',
    name: 'Compose',
    type: 'Compose',
    repetition: [],
    status: 'Succeeded',
    inputs: { big: 9223372036854775807n, float: new Float(2), half: 0.5 },
    outputs: [new Float(-3), -9223372036854775808n, 'text', null, true],
    startTime: '2024-05-01T10:00:00.000Z',
    endTime: '2024-05-01T10:00:00.010Z',
    attempts: 1,
    scope: '',
  };
  return {
    version: 1,
    workflowName: 'orders',
    workflowVersion: 1,
    status: 'Running',
    startTime: '2024-05-01T10:00:00.000Z',
    trigger: { outputs: { body: { id: 12345678901234567n, price: new Float(10), tags: ['a', 'b'] } } },
    parameters: { limit: 3 },
    variables: { total: new Float(0), count: 9007199254740993n },
    actions: { Compose: compose },
    scopes: { '': { key: '', container: '/actions', repetition: [], pending: 1, closed: false } },
    loops: {},
    timers: {},
    latest: { Compose: 'Compose' },
    entropy: 'seed-1',
    draws: 0,
    ...overrides,
  };
}

export function sampleActionRow(overrides: Partial<ActionRow> & { runId: string; key: string }): ActionRow {
  return { name: overrides.key.split('#')[0]!, type: 'Compose', repetition: [], attempt: 1, status: 'Succeeded', ...overrides };
}

function completed(key: string, at: string, outputs: Value): RunEvent {
  return { kind: 'actionCompleted', at, key, attempt: 1, result: { status: 'Succeeded', outputs } };
}

/** Creates a run and optionally finishes it, so listing and purge tests read in one line. */
function addRun(store: Store, runId: string, options: { workflow?: string; start: string; status?: RunStatus; end?: string }): void {
  const state = sampleRunState({ runId, workflowName: options.workflow ?? 'orders', startTime: options.start });
  store.createRun(state, 'manual');
  if (options.status !== undefined && options.status !== 'Running') {
    store.commitTransition({ state: { ...state, status: options.status, endTime: options.end ?? options.start }, events: [], actions: [] });
  }
}

function ids(page: { value: RunSummary[] }): string[] {
  return page.value.map((r) => r.runId);
}

function collectRuns(store: Store, workflow: string, query: { status?: RunStatus; from?: string; to?: string; top?: number }): string[][] {
  const pages: string[][] = [];
  let skipToken: string | undefined;
  do {
    const page = store.listRuns(workflow, { ...query, skipToken });
    pages.push(ids(page));
    skipToken = page.nextSkipToken;
  } while (skipToken !== undefined && pages.length < 100);
  return pages;
}

export function describeRunStore(name: string, makeStore: () => StoreFixture): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    beforeEach(() => {
      fixture = makeStore();
      store = fixture.store;
    });
    afterEach(() => fixture.cleanup());

    describeWorkflows(() => store);
    describeRuns(() => store);
    describeRunListing(() => store);
    describeActionRows(() => store);
    describeTriggerHistories(() => store);
    describeDeleteAndPurge(() => store);
  });
}

function describeWorkflows(get: () => Store): void {
  describe('workflows', () => {
    const definition = { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions: {} };

    it('saves version 1, enabled by default, and reads it back', () => {
      const saved = get().saveWorkflow({ name: 'orders', definition, parameters: { p: { value: 1 } } });
      assert.equal(saved.version, 1);
      assert.equal(saved.state, 'Enabled');
      assert.equal(saved.createdTime, saved.changedTime);
      assert.deepEqual(get().getWorkflow('orders'), saved);
      assert.deepEqual(saved.definition, definition);
      assert.deepEqual(saved.parameters, { p: { value: 1 } });
      assert.deepEqual(get().saveWorkflow({ name: 'other', definition }).parameters, {});
    });

    it('adds a version on every save and keeps createdTime and every version', () => {
      const v1 = get().saveWorkflow({ name: 'orders', definition });
      const v2 = get().saveWorkflow({ name: 'orders', definition: { ...definition, actions: { A: { type: 'Compose', inputs: 1 } } } });
      assert.equal(v2.version, 2);
      assert.equal(v2.createdTime, v1.createdTime);
      assert.deepEqual(get().getWorkflow('orders')?.definition, v2.definition);
      assert.deepEqual(get().getWorkflow('orders', 1)?.definition, definition);
      assert.equal(get().getWorkflow('orders', 3), undefined);
      assert.deepEqual(get().listWorkflowVersions('orders').map((w) => w.version), [1, 2]);
      assert.deepEqual(get().listWorkflowVersions('missing'), []);
    });

    it('matches names ignoring case and keeps the first spelling', () => {
      get().saveWorkflow({ name: 'OrderFlow', definition });
      assert.equal(get().getWorkflow('orderflow')?.name, 'OrderFlow');
      const v2 = get().saveWorkflow({ name: 'ORDERFLOW', definition });
      assert.equal(v2.version, 2);
      assert.equal(v2.name, 'OrderFlow');
      assert.equal(get().listWorkflows().length, 1);
    });

    it('lists workflows by name with their current version', () => {
      get().saveWorkflow({ name: 'b', definition });
      get().saveWorkflow({ name: 'a', definition });
      get().saveWorkflow({ name: 'b', definition });
      assert.deepEqual(get().listWorkflows().map((w) => [w.name, w.version]), [['a', 1], ['b', 2]]);
    });

    it('changes state without adding a version; saves keep the state unless given', () => {
      get().saveWorkflow({ name: 'orders', definition });
      const disabled = get().setWorkflowState('ORDERS', 'Disabled');
      assert.equal(disabled?.state, 'Disabled');
      assert.equal(disabled?.version, 1);
      assert.equal(get().getWorkflow('orders')?.state, 'Disabled');
      assert.equal(get().saveWorkflow({ name: 'orders', definition }).state, 'Disabled');
      assert.equal(get().saveWorkflow({ name: 'orders', definition, state: 'Enabled' }).state, 'Enabled');
      assert.equal(get().setWorkflowState('missing', 'Disabled'), undefined);
      assert.equal(get().saveWorkflow({ name: 'off', definition, state: 'Disabled' }).state, 'Disabled');
    });
  });
}

function describeRuns(get: () => Store): void {
  describe('runs', () => {
    it('round-trips the run state with integral floats and 64-bit integers', () => {
      const state = sampleRunState({ runId: 'r1', clientTrackingId: 'track-1' });
      get().createRun(state, 'manual');
      const loaded = get().loadRunState('r1');
      assert.deepStrictEqual(loaded, state);
      assert.ok(loaded?.variables.total instanceof Float);
      assert.equal(typeof loaded?.variables.count, 'bigint');
      assert.equal(get().loadRunState('missing'), undefined);
    });

    it('writes the runStarted event and summarises the run', () => {
      get().createRun(sampleRunState({ runId: 'r1', clientTrackingId: 'track-1' }), 'manual');
      assert.deepEqual(get().listRunEvents('r1'), [{ kind: 'runStarted', at: '2024-05-01T10:00:00.000Z' }]);
      assert.deepEqual(get().getRun('orders', 'r1'), {
        runId: 'r1',
        workflowName: 'orders',
        workflowVersion: 1,
        status: 'Running',
        startTime: '2024-05-01T10:00:00.000Z',
        triggerName: 'manual',
        clientTrackingId: 'track-1',
      });
      assert.equal(get().getRun('ORDERS', 'r1')?.runId, 'r1');
      assert.equal(get().getRun('other', 'r1'), undefined);
      assert.equal(get().getRun('orders', 'missing'), undefined);
    });

    it('refuses to create the same run twice', () => {
      get().createRun(sampleRunState({ runId: 'r1' }), 'manual');
      assert.throws(() => get().createRun(sampleRunState({ runId: 'r1' }), 'manual'));
    });

    it('commits a transition: state, summary, events in order and action rows', () => {
      const state = sampleRunState({ runId: 'r1' });
      get().createRun(state, 'manual');
      const e1 = completed('Compose', '2024-05-01T10:00:01.000Z', { n: new Float(1) });
      get().commitTransition({ state: { ...state, draws: 1 }, events: [e1], actions: [sampleActionRow({ runId: 'r1', key: 'Compose' })] });
      const final: RunState = {
        ...state,
        status: 'Failed',
        endTime: '2024-05-01T10:00:02.000Z',
        error: { code: 'ActionFailed', message: 'An action failed.' },
        outputs: { result: 9223372036854775807n, ratio: new Float(1) },
      };
      const e2: RunEvent = { kind: 'cancelRequested', at: '2024-05-01T10:00:02.000Z' };
      get().commitTransition({ state: final, events: [e2], actions: [] });
      // A finished run never resumes: its state keeps what its history reads, not its working parts.
      assert.deepStrictEqual(get().loadRunState('r1'), {
        ...final,
        parameters: {},
        variables: {},
        actions: {},
        scopes: {},
        loops: {},
        timers: {},
      });
      const summary = get().getRun('orders', 'r1');
      assert.equal(summary?.status, 'Failed');
      assert.equal(summary?.endTime, '2024-05-01T10:00:02.000Z');
      assert.deepEqual(summary?.error, { code: 'ActionFailed', message: 'An action failed.' });
      assert.deepStrictEqual(summary?.outputs, final.outputs);
      assert.deepStrictEqual(get().listRunEvents('r1'), [{ kind: 'runStarted', at: state.startTime }, e1, e2]);
      assert.equal(get().listActionRows('r1').length, 1);
    });

    it('rejects a transition of a run that does not exist', () => {
      assert.throws(() => get().commitTransition({ state: sampleRunState({ runId: 'ghost' }), events: [], actions: [] }));
      assert.equal(get().loadRunState('ghost'), undefined);
      assert.deepEqual(get().listRunEvents('ghost'), []);
    });

    it('lists exactly the running runs as active', () => {
      addRun(get(), 'a', { start: '2024-05-01T10:00:00Z' });
      addRun(get(), 'b', { start: '2024-05-01T10:00:01Z', status: 'Succeeded' });
      addRun(get(), 'c', { workflow: 'other', start: '2024-05-01T10:00:02Z' });
      assert.deepEqual([...get().listActiveRunIds()].sort(), ['a', 'c']);
      const c = get().loadRunState('c')!;
      get().commitTransition({ state: { ...c, status: 'Cancelled', endTime: '2024-05-01T10:00:03Z' }, events: [], actions: [] });
      assert.deepEqual(get().listActiveRunIds(), ['a']);
    });
  });
}

function describeRunListing(get: () => Store): void {
  describe('listing runs', () => {
    beforeEach(() => {
      // Two runs share a start time: run id breaks the tie.
      addRun(get(), 'r1', { start: '2024-05-01T10:00:00Z', status: 'Succeeded' });
      addRun(get(), 'r2', { start: '2024-05-01T11:00:00Z', status: 'Failed' });
      addRun(get(), 'r3', { start: '2024-05-01T11:00:00Z', status: 'Succeeded' });
      addRun(get(), 'r4', { start: '2024-05-01T12:00:00Z' });
      addRun(get(), 'r5', { start: '2024-05-01T13:00:00Z', status: 'Failed' });
      addRun(get(), 'x1', { workflow: 'other', start: '2024-05-01T12:30:00Z' });
    });

    it('lists newest first, ties by run id descending, only the workflow asked for', () => {
      const page = get().listRuns('orders');
      assert.deepEqual(ids(page), ['r5', 'r4', 'r3', 'r2', 'r1']);
      assert.equal(page.nextSkipToken, undefined);
      assert.deepEqual(ids(get().listRuns('ORDERS')), ['r5', 'r4', 'r3', 'r2', 'r1']);
      assert.deepEqual(ids(get().listRuns('none')), []);
    });

    it('pages with continuation tokens, without gaps or repeats', () => {
      assert.deepEqual(collectRuns(get(), 'orders', { top: 2 }), [['r5', 'r4'], ['r3', 'r2'], ['r1']]);
      assert.deepEqual(collectRuns(get(), 'orders', { top: 5 }), [['r5', 'r4', 'r3', 'r2', 'r1']]);
    });

    it('keeps its place when newer runs arrive between pages', () => {
      const first = get().listRuns('orders', { top: 2 });
      addRun(get(), 'r6', { start: '2024-05-01T14:00:00Z' });
      assert.deepEqual(ids(get().listRuns('orders', { top: 2, skipToken: first.nextSkipToken })), ['r3', 'r2']);
    });

    it('filters by status and by start time (from inclusive, to exclusive), with paging', () => {
      assert.deepEqual(ids(get().listRuns('orders', { status: 'Failed' })), ['r5', 'r2']);
      assert.deepEqual(ids(get().listRuns('orders', { status: 'Running' })), ['r4']);
      assert.deepEqual(ids(get().listRuns('orders', { from: '2024-05-01T11:00:00Z', to: '2024-05-01T13:00:00Z' })), ['r4', 'r3', 'r2']);
      assert.deepEqual(collectRuns(get(), 'orders', { status: 'Succeeded', from: '2024-05-01T10:00:00Z', top: 1 }), [['r3'], ['r1']]);
      assert.deepEqual(ids(get().listRuns('orders', { status: 'Cancelled' })), []);
    });

    it('rejects a malformed skip token and a bad page size with InvalidArgument', () => {
      assert.throws(() => get().listRuns('orders', { skipToken: 'not-a-token' }), { code: 'InvalidArgument' });
      assert.throws(() => get().listRuns('orders', { top: 0 }), { code: 'InvalidArgument' });
    });

    it('pages 30 runs by default and at most 250', () => {
      for (let i = 0; i < 260; i++) addRun(get(), `bulk-${String(i).padStart(3, '0')}`, { workflow: 'bulk', start: '2024-06-01T00:00:00Z' });
      const first = get().listRuns('bulk');
      assert.equal(first.value.length, 30);
      assert.equal(first.value[0]!.runId, 'bulk-259');
      assert.ok(first.nextSkipToken);
      const big = get().listRuns('bulk', { top: 1000 });
      assert.equal(big.value.length, 250);
      assert.deepEqual(ids(get().listRuns('bulk', { top: 1000, skipToken: big.nextSkipToken })), ['bulk-009', 'bulk-008', 'bulk-007', 'bulk-006', 'bulk-005', 'bulk-004', 'bulk-003', 'bulk-002', 'bulk-001', 'bulk-000']);
    });
  });
}

function describeActionRows(get: () => Store): void {
  describe('action rows', () => {
    beforeEach(() => get().createRun(sampleRunState({ runId: 'r1' }), 'manual'));
    const commit = (actions: ActionRow[]): void => {
      get().commitTransition({ state: get().loadRunState('r1')!, events: [], actions });
    };

    it('round-trips every field and leaves absent fields absent', () => {
      const full: ActionRow = {
        runId: 'r1',
        key: 'Http',
        name: 'Http',
        type: 'Http',
        repetition: [],
        attempt: 1,
        status: 'Failed',
        code: 'NotFound',
        inputs: { method: 'GET', uri: 'http://127.0.0.1/x', n: 9223372036854775807n },
        outputs: { statusCode: 404, body: { ratio: new Float(1), list: [0.5, new Float(2), 2] } },
        error: { code: 'NotFound', message: 'missing' },
        startTime: '2024-05-01T10:00:00.000Z',
        endTime: '2024-05-01T10:00:01.000Z',
        trackedProperties: { orderId: 42 },
        secureInputs: true,
        secureOutputs: true,
      };
      const bare = sampleActionRow({ runId: 'r1', key: 'Bare', status: 'Running' });
      commit([full, bare]);
      assert.deepStrictEqual(get().listActionRows('r1'), [bare, full]);
      assert.deepEqual(get().listActionRows('missing'), []);
    });

    it('upserts by key and attempt, and lists the latest attempt of each key', () => {
      commit([sampleActionRow({ runId: 'r1', key: 'Http', status: 'Running' })]);
      commit([sampleActionRow({ runId: 'r1', key: 'Http', status: 'Failed', code: 'InternalServerError' })]);
      assert.deepEqual(get().listActionRows('r1').map((r) => [r.key, r.attempt, r.status]), [['Http', 1, 'Failed']]);
      commit([sampleActionRow({ runId: 'r1', key: 'Http', attempt: 2, status: 'Running' })]);
      commit([sampleActionRow({ runId: 'r1', key: 'Http', attempt: 2, status: 'Succeeded' }), sampleActionRow({ runId: 'r1', key: 'After' })]);
      assert.deepEqual(get().listActionRows('r1').map((r) => [r.key, r.attempt, r.status]), [['After', 1, 'Succeeded'], ['Http', 2, 'Succeeded']]);
      assert.deepEqual(get().listActionRepetitions('r1', 'Http').map((r) => [r.attempt, r.status, r.code]), [[1, 'Failed', 'InternalServerError'], [2, 'Succeeded', undefined]]);
    });

    it('lists repetitions of one action in numeric repetition order, then attempt', () => {
      const rep = (repetition: number[], attempt = 1): ActionRow =>
        sampleActionRow({ runId: 'r1', key: `Inner#${repetition.join('-')}`, name: 'Inner', repetition, attempt, outputs: repetition.length });
      commit([rep([10]), rep([2], 2), rep([2]), rep([0]), rep([1, 0]), rep([0, 11]), rep([0, 3])]);
      commit([sampleActionRow({ runId: 'r1', key: 'Other#0', name: 'Other', repetition: [0] })]);
      const order = get().listActionRepetitions('r1', 'Inner').map((r) => `${r.repetition.join('-')}/${r.attempt}`);
      assert.deepEqual(order, ['0/1', '0-3/1', '0-11/1', '1-0/1', '2/1', '2/2', '10/1']);
      assert.deepEqual(get().listActionRepetitions('r1', 'Missing'), []);
      assert.equal(get().listActionRows('r1').filter((r) => r.name === 'Inner').length, 6);
    });
  });
}

function describeTriggerHistories(get: () => Store): void {
  describe('trigger histories', () => {
    const row = (id: string, startTime: string, extra: Partial<TriggerHistoryRow> = {}): TriggerHistoryRow => ({
      id,
      workflowName: 'orders',
      triggerName: 'recurrence',
      status: 'Succeeded',
      startTime,
      fired: true,
      ...extra,
    });

    it('round-trips rows and lists them newest first with paging', () => {
      const full = row('t1', '2024-05-01T10:00:00Z', {
        endTime: '2024-05-01T10:00:01Z',
        runId: 'r1',
        inputs: { n: 9223372036854775807n },
        outputs: { body: new Float(3) },
        status: 'Failed',
        fired: false,
        error: { code: 'BadRequest', message: 'bad' },
      });
      get().addTriggerHistory(full);
      get().addTriggerHistory(row('t2', '2024-05-01T11:00:00Z'));
      get().addTriggerHistory(row('t3', '2024-05-01T11:00:00Z'));
      get().addTriggerHistory(row('t4', '2024-05-01T12:00:00Z'));
      get().addTriggerHistory(row('o1', '2024-05-01T13:00:00Z', { triggerName: 'other' }));
      const first = get().listTriggerHistories('orders', 'recurrence', { top: 3 });
      assert.deepEqual(first.value.map((r) => r.id), ['t4', 't3', 't2']);
      const second = get().listTriggerHistories('ORDERS', 'Recurrence', { top: 3, skipToken: first.nextSkipToken });
      assert.deepStrictEqual(second.value, [full]);
      assert.equal(second.nextSkipToken, undefined);
      assert.equal(get().listTriggerHistories('orders', 'recurrence').value.length, 4);
      assert.throws(() => get().listTriggerHistories('orders', 'recurrence', { skipToken: '%%%' }), { code: 'InvalidArgument' });
    });
  });
}

function describeDeleteAndPurge(get: () => Store): void {
  describe('deleting and purging', () => {
    const populate = (workflow: string, runId: string): void => {
      get().saveWorkflow({ name: workflow, definition: { actions: {} } });
      get().saveWorkflow({ name: workflow, definition: { actions: { A: {} } } });
      const state = sampleRunState({ runId, workflowName: workflow });
      get().createRun(state, 'manual');
      get().commitTransition({ state, events: [completed('Compose', state.startTime, 1)], actions: [sampleActionRow({ runId, key: 'Compose' })] });
      get().addTriggerHistory({ id: `${runId}-t`, workflowName: workflow, triggerName: 'manual', status: 'Succeeded', startTime: state.startTime, fired: true, runId });
    };

    it('deletes a workflow with its versions, runs, events, action rows and trigger histories', () => {
      populate('doomed', 'd1');
      populate('kept', 'k1');
      assert.equal(get().deleteWorkflow('DOOMED'), true);
      assert.equal(get().getWorkflow('doomed'), undefined);
      assert.deepEqual(get().listWorkflowVersions('doomed'), []);
      assert.equal(get().getRun('doomed', 'd1'), undefined);
      assert.equal(get().loadRunState('d1'), undefined);
      assert.deepEqual(get().listRunEvents('d1'), []);
      assert.deepEqual(get().listActionRows('d1'), []);
      assert.deepEqual(get().listTriggerHistories('doomed', 'manual').value, []);
      assert.deepEqual(get().listActiveRunIds(), ['k1']);
      assert.equal(get().listWorkflowVersions('kept').length, 2);
      assert.equal(get().listRunEvents('k1').length, 2);
      assert.equal(get().listActionRows('k1').length, 1);
      assert.equal(get().listTriggerHistories('kept', 'manual').value.length, 1);
      assert.equal(get().deleteWorkflow('doomed'), false);
    });

    it('purges finished runs ended before the cut-off, at most `limit` per call, never running ones', () => {
      for (let i = 1; i <= 5; i++) {
        addRun(get(), `old${i}`, { start: '2024-01-01T00:00:00Z', status: i % 2 === 0 ? 'Failed' : 'Succeeded', end: `2024-01-0${i}T00:00:00Z` });
        get().commitTransition({ state: get().loadRunState(`old${i}`)!, events: [], actions: [sampleActionRow({ runId: `old${i}`, key: 'A' })] });
      }
      addRun(get(), 'running', { start: '2023-01-01T00:00:00Z' });
      addRun(get(), 'edge', { start: '2024-02-01T00:00:00Z', status: 'Succeeded', end: '2024-02-01T00:00:00Z' });
      addRun(get(), 'recent', { start: '2024-03-01T00:00:00Z', status: 'Succeeded', end: '2024-03-01T00:00:00Z' });
      const cutoff = '2024-02-01T00:00:00Z';
      assert.equal(get().purgeRunsEndedBefore(cutoff, 2), 2);
      // Oldest endings go first.
      assert.equal(get().loadRunState('old1'), undefined);
      assert.equal(get().loadRunState('old2'), undefined);
      assert.ok(get().loadRunState('old3'));
      assert.equal(get().purgeRunsEndedBefore(cutoff, 2), 2);
      assert.equal(get().purgeRunsEndedBefore(cutoff, 2), 1);
      assert.equal(get().purgeRunsEndedBefore(cutoff, 2), 0);
      assert.deepEqual(ids(get().listRuns('orders')), ['recent', 'edge', 'running']);
      for (let i = 1; i <= 5; i++) {
        assert.deepEqual(get().listActionRows(`old${i}`), []);
        assert.deepEqual(get().listRunEvents(`old${i}`), []);
      }
      assert.equal(get().purgeRunsEndedBefore('2025-01-01T00:00:00Z'), 2);
      assert.deepEqual(get().listActiveRunIds(), ['running']);
    });
  });
}
