import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float, type Value } from '../../engine/expressions/value.js';
import { migrateRunState, UnsupportedRunStateError } from '../../engine/store/migrate-run-state.js';
import { LATEST_SCHEMA_VERSION, listAppliedMigrations, migrate, MIGRATIONS, SchemaTooNewError } from '../../engine/store/migrations.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import { describeRunStore, sampleActionRow, sampleRunState } from '../contracts/run-store.contract.js';

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-store-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describeRunStore('SqliteStore on a file', () => {
  const temp = tempDir();
  const store = new SqliteStore({ path: join(temp.dir, 'sluice.db') });
  return { store, cleanup: () => (store.close(), temp.remove()) };
});

describeRunStore('SqliteStore in memory', () => {
  const store = new SqliteStore({ path: ':memory:' });
  return { store, cleanup: () => store.close() };
});

/** A clock that ticks one second per reading, so every time it gives is distinct. */
function ticking(start = Date.parse('2024-05-01T00:00:00Z')): () => string {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
}

describe('SqliteStore (SQLite specifics)', () => {
  let temp: ReturnType<typeof tempDir>;
  const open: SqliteStore[] = [];
  const openStore = (path: string, now?: () => string): SqliteStore => {
    const store = new SqliteStore({ path, now });
    open.push(store);
    return store;
  };
  beforeEach(() => (temp = tempDir()));
  afterEach(() => {
    for (const store of open.splice(0)) store.close();
    temp.remove();
  });

  it('creates the database folder and opens in WAL mode with foreign keys and synchronous NORMAL', () => {
    const path = join(temp.dir, 'nested', 'deeper', 'sluice.db');
    const store = openStore(path);
    assert.ok(existsSync(path));
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(store.db.pragma('synchronous', { simple: true }), 1);
    assert.ok((store.db.pragma('busy_timeout', { simple: true }) as number) > 0);
  });

  it('keeps everything across a close and reopen of the file', () => {
    const path = join(temp.dir, 'sluice.db');
    const first = openStore(path);
    const saved = first.saveWorkflow({ name: 'orders', definition: { actions: {} } });
    const state = sampleRunState({ runId: 'r1' });
    first.createRun(state, 'manual');
    const next = { ...state, variables: { ...state.variables, x: new Float(7) } };
    first.commitTransition({ state: next, events: [{ kind: 'timerFired', at: '2024-05-01T10:00:05Z', key: 'Wait', purpose: 'wait' }], actions: [sampleActionRow({ runId: 'r1', key: 'Compose', outputs: 9223372036854775807n })] });
    first.addTriggerHistory({ id: 't1', workflowName: 'orders', triggerName: 'manual', status: 'Succeeded', startTime: state.startTime, fired: true, runId: 'r1' });
    first.close();

    const second = openStore(path);
    assert.deepEqual(second.getWorkflow('orders'), saved);
    assert.deepStrictEqual(second.loadRunState('r1'), next);
    assert.deepEqual(second.listActiveRunIds(), ['r1']);
    assert.equal(second.listRunEvents('r1').length, 2);
    assert.equal(second.listActionRows('r1')[0]!.outputs, 9223372036854775807n);
    assert.equal(second.listTriggerHistories('orders', 'manual').value.length, 1);
  });

  it('applies each migration once and records it', () => {
    const path = join(temp.dir, 'sluice.db');
    const first = openStore(path, () => '2024-01-01T00:00:00.000Z');
    const applied = listAppliedMigrations(first.db);
    assert.deepEqual(applied, MIGRATIONS.map((m) => ({ version: m.version, name: m.name, appliedAt: '2024-01-01T00:00:00.000Z' })));
    assert.equal(applied.at(-1)!.version, LATEST_SCHEMA_VERSION);
    assert.deepEqual(migrate(first.db, () => 'never'), []);
    first.close();
    const second = openStore(path, () => '2030-01-01T00:00:00.000Z');
    assert.deepEqual(listAppliedMigrations(second.db), applied);
  });

  it('refuses a database written by a newer schema', () => {
    const path = join(temp.dir, 'sluice.db');
    const first = openStore(path);
    first.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')").run();
    first.close();
    assert.throws(() => new SqliteStore({ path }), (err: unknown) => err instanceof SchemaTooNewError && err.found === 999);
  });

  it('stamps workflow times from the injected clock; state changes touch changedTime only', () => {
    // The first readings stamp the applied migrations, one each; saves come after.
    const store = openStore(':memory:', ticking());
    const t = (n: number): string => new Date(Date.parse('2024-05-01T00:00:00.000Z') + (MIGRATIONS.length + n) * 1000).toISOString();
    const v1 = store.saveWorkflow({ name: 'orders', definition: { actions: {} } });
    assert.deepEqual([v1.createdTime, v1.changedTime], [t(1), t(1)]);
    const v2 = store.saveWorkflow({ name: 'orders', definition: { actions: {} } });
    assert.deepEqual([v2.createdTime, v2.changedTime], [t(1), t(2)]);
    const disabled = store.setWorkflowState('orders', 'Disabled')!;
    assert.deepEqual([disabled.version, disabled.changedTime], [2, t(3)]);
    assert.equal(store.getWorkflow('orders')?.changedTime, t(3));
    // A version record carries the time that version was saved, and the current state.
    assert.deepEqual(
      store.listWorkflowVersions('orders').map((w) => [w.version, w.changedTime, w.state]),
      [[1, t(1), 'Disabled'], [2, t(2), 'Disabled']],
    );
  });

  it('commits a transition all or nothing', () => {
    const store = openStore(':memory:');
    const state = sampleRunState({ runId: 'r1' });
    store.createRun(state, 'manual');
    const broken = { ...sampleActionRow({ runId: 'r1', key: 'B' }), status: null as unknown as string };
    assert.throws(() =>
      store.commitTransition({
        state: { ...state, status: 'Succeeded', endTime: '2024-05-01T11:00:00Z' },
        events: [{ kind: 'cancelRequested', at: '2024-05-01T11:00:00Z' }],
        actions: [sampleActionRow({ runId: 'r1', key: 'A' }), broken],
      }),
    );
    assert.deepStrictEqual(store.loadRunState('r1'), state);
    assert.equal(store.getRun('orders', 'r1')?.status, 'Running');
    assert.equal(store.listRunEvents('r1').length, 1);
    assert.deepEqual(store.listActionRows('r1'), []);
  });

  it('round-trips awkward values exactly', () => {
    const store = openStore(':memory:');
    const awkward = {
      floats: [new Float(0), new Float(-0), new Float(1e21), 0.1, -1.5e-7, new Float(1.7976931348623157e308), Number.MIN_VALUE],
      ints: [0, -1, 9007199254740991, 9007199254740993n, -9223372036854775808n, 9223372036854775807n],
      text: ['', 'quote " backslash \\ newline \n', '\u0000nul', 'é 𝄞 \u2028'],
      nested: { ownProto: JSON.parse('{"__proto__": {"x": 1}}') as Record<string, Value>, deep: [[[]]], 'a.b': null, empty: {} },
    };
    const state = sampleRunState({ runId: 'r1', variables: { awkward } });
    store.createRun(state, 'manual');
    const loaded = store.loadRunState('r1')!;
    assert.deepStrictEqual(loaded.variables.awkward, awkward);
    const floats = (loaded.variables.awkward as { floats: unknown[] }).floats;
    assert.ok(Object.is((floats[1] as Float).value, -0));
  });

  it('refuses stored run states of unknown versions with a typed error', () => {
    const store = openStore(':memory:');
    store.createRun(sampleRunState({ runId: 'r1' }), 'manual');
    store.db.prepare("UPDATE run_states SET state = json_set(state, '$.version', 99) WHERE run_id = 'r1'").run();
    assert.throws(() => store.loadRunState('r1'), (err: unknown) => err instanceof UnsupportedRunStateError && err.found === 99 && err.where.run === 'r1');
    for (const bad of [{ version: 0 }, { version: '1' }, { runId: 'x' }, null, [], 'text']) {
      assert.throws(() => migrateRunState(bad), UnsupportedRunStateError);
    }
    const current = sampleRunState({ runId: 'r2' });
    assert.equal(migrateRunState(current), current);
  });
});

describe('SqliteStore: non-finite floats', function () {
  it('a run state holding NaN and ±Infinity loads back', async function () {
    const { SqliteStore } = await import('../../engine/store/sqlite-store.js');
    const { createRunState } = await import('../../engine/runtime/run-factory.js');
    const store = new SqliteStore({ path: ':memory:' });
    try {
      const state = createRunState({ runId: 'nf', workflowName: 'w', workflowVersion: 1, triggerName: 'manual', outputs: {}, parameters: {}, at: '2026-01-01T00:00:00.000Z' });
      state.variables = { a: NaN, b: Infinity, c: -Infinity };
      store.createRun(state, 'manual');
      const loaded = store.loadRunState('nf')!;
      assert.ok(Number.isNaN(loaded.variables['a']));
      assert.equal(loaded.variables['b'], Infinity);
      assert.equal(loaded.variables['c'], -Infinity);
    } finally {
      store.close();
    }
  });
});

describe('SqliteStore: group commit', function () {
  it('commits the transitions of several runs in one transaction, all or nothing', async function () {
    const { createRunState } = await import('../../engine/runtime/run-factory.js');
    const store = new SqliteStore({ path: ':memory:' });
    try {
      const make = (runId: string) => createRunState({ runId, workflowName: 'w', workflowVersion: 1, triggerName: 'manual', outputs: {}, parameters: {}, at: '2026-01-01T00:00:00.000Z' });
      const a = make('ga');
      const b = make('gb');
      store.createRun(a, 'manual');
      store.createRun(b, 'manual');
      store.commitTransitions([
        { state: { ...a, status: 'Succeeded', endTime: '2026-01-01T00:00:01.000Z' }, events: [], actions: [] },
        { state: { ...b, status: 'Failed', endTime: '2026-01-01T00:00:01.000Z' }, events: [], actions: [] },
      ]);
      assert.equal(store.getRun('w', 'ga')!.status, 'Succeeded');
      assert.equal(store.getRun('w', 'gb')!.status, 'Failed');
      assert.throws(() =>
        store.commitTransitions([
          { state: { ...a, status: 'Failed' }, events: [], actions: [] },
          { state: make('missing'), events: [], actions: [] },
        ]),
      );
      assert.equal(store.getRun('w', 'ga')!.status, 'Succeeded', 'the failed batch changed nothing');
    } finally {
      store.close();
    }
  });
});
