/**
 * The working state stands on the history rows: an action record whose stored row holds the same
 * is written as a stub and rebuilt from the row when the run is read back — across a reopen of the
 * database, for every kind of value; records the rows cannot stand in for stay whole.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionRecord, RunState } from '../../engine/interpreter/run-state.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import type { ActionRow } from '../../engine/store/store.js';
import { sampleRunState } from '../contracts/run-store.contract.js';

/** The row `toActionRow` makes: the record's own values, shared. */
function rowOf(runId: string, record: ActionRecord): ActionRow {
  const row: ActionRow = { runId, key: record.key, name: record.name, type: record.type, repetition: record.repetition, attempt: Math.max(1, record.attempts), status: record.status };
  if (record.code !== undefined) row.code = record.code;
  if (record.inputs !== undefined) row.inputs = record.inputs;
  if (record.outputs !== undefined) row.outputs = record.outputs;
  if (record.error !== undefined) row.error = record.error;
  if (record.startTime !== undefined) row.startTime = record.startTime;
  if (record.endTime !== undefined) row.endTime = record.endTime;
  return row;
}

function loopRecords(n: number): Record<string, ActionRecord> {
  const out: Record<string, ActionRecord> = {};
  for (let i = 0; i < n; i++) {
    const key = `Key#${i}`;
    out[key] = { key, name: 'Key', type: 'Compose', repetition: [i], status: 'Succeeded', code: 'OK', inputs: `processed/${i}`, outputs: { i, big: 9007199254740993n }, startTime: '2024-05-01T10:00:00.000Z', endTime: '2024-05-01T10:00:00.001Z', attempts: 1, scope: `Loop#${i}` };
  }
  return out;
}

describe('working state: action records stored as their history rows', () => {
  let dir: string;
  const stores: SqliteStore[] = [];
  const open = (): SqliteStore => {
    const store = new SqliteStore({ path: join(dir, 'sluice.db') });
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-working-'));
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes stubs for records their rows hold, and reads the run back whole after a reopen', () => {
    const store = open();
    const state: RunState = sampleRunState({ runId: 'r1' });
    store.createRun(state, 'manual');
    const records = loopRecords(50);
    const failedAttempt: ActionRecord = { key: 'Call', name: 'Call', type: 'Http', repetition: [], status: 'Failed', code: 'BadRequest', error: { code: 'BadRequest', message: 'no' }, inputs: { method: 'GET' }, startTime: '2024-05-01T10:00:01.000Z', endTime: '2024-05-01T10:00:02.000Z', attempts: 2, scope: '' };
    const next: RunState = { ...state, actions: { ...state.actions, ...records, Call: failedAttempt } };
    store.commitTransition({ state: next, events: [], actions: [...Object.values(records), failedAttempt].map((r) => rowOf('r1', r)) });
    const stored = store.db.prepare("SELECT state FROM run_states WHERE run_id = 'r1'").pluck().get() as string;
    const working = JSON.parse(stored) as { actions: Record<string, Record<string, unknown>> };
    assert.deepEqual(working.actions['Key#7'], { scope: 'Loop#7', attempts: 1 });
    assert.deepEqual(working.actions['Call'], { scope: '', attempts: 2 });
    // The sample's Compose record has no row of its own values: it stays whole.
    assert.equal(working.actions['Compose']!['key'], 'Compose');
    store.close();
    assert.deepStrictEqual(open().loadRunState('r1'), next);
  });

  it('keeps a record whole when it changed without a row, or when its row hides secure data', () => {
    const store = open();
    const state = sampleRunState({ runId: 'r2' });
    store.createRun(state, 'manual');
    const records = loopRecords(2);
    const secret: ActionRecord = { key: 'Secret', name: 'Secret', type: 'Compose', repetition: [], status: 'Succeeded', inputs: 'p@ss', outputs: 'p@ss', attempts: 1, scope: '', secureInputs: true, secureOutputs: true };
    const first: RunState = { ...state, actions: { ...records, Secret: secret } };
    const secretRow: ActionRow = { runId: 'r2', key: 'Secret', name: 'Secret', type: 'Compose', repetition: [], attempt: 1, status: 'Succeeded', secureInputs: true, secureOutputs: true };
    store.commitTransition({ state: first, events: [], actions: [...Object.values(records).map((r) => rowOf('r2', r)), secretRow] });
    // An interpreter fault: a record changes and no row says so.
    records['Key#1']!.outputs = 'changed';
    store.commitTransition({ state: first, events: [], actions: [] });
    const working = JSON.parse(store.db.prepare("SELECT state FROM run_states WHERE run_id = 'r2'").pluck().get() as string) as { actions: Record<string, Record<string, unknown>> };
    assert.deepEqual(working.actions['Key#0'], { scope: 'Loop#0', attempts: 1 });
    assert.equal(working.actions['Key#1']!['outputs'], 'changed');
    assert.equal(working.actions['Secret']!['inputs'], 'p@ss');
    assert.deepStrictEqual(store.loadRunState('r2'), first);
  });

  it('does not let rows of a commit that failed stand in for records', () => {
    const store = open();
    const state = sampleRunState({ runId: 'r3' });
    store.createRun(state, 'manual');
    const records = loopRecords(1);
    const broken: ActionRow = { ...rowOf('r3', records['Key#0']!), status: null as unknown as string };
    const next: RunState = { ...state, actions: { ...records } };
    assert.throws(() => store.commitTransition({ state: next, events: [], actions: [rowOf('r3', records['Key#0']!), broken] }));
    store.commitTransition({ state: next, events: [], actions: [] });
    assert.deepStrictEqual(store.loadRunState('r3'), next);
  });
});
