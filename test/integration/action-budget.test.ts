/**
 * A transition starts at most `limits.actionsPerTransition` actions; the rest wait in the run
 * state for a 'continued' event. So a big Foreach of pure actions is committed in slices, and a
 * run stopped between two slices goes on after a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import type { RunState } from '../../engine/interpreter/run-state.js';
import type { CommitUnit } from '../../engine/store/store.js';

const definition = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Loop: { type: 'Foreach', foreach: "@triggerBody()?['items']", actions: { Key: { type: 'Compose', inputs: "@concat('processed/', item())" } } },
    Count: { type: 'Compose', inputs: "@length(triggerBody()?['items'])", runAfter: { Loop: ['Succeeded'] } },
  },
};

describe('action budget per transition', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-budget-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a Foreach of 300 items in slices of at most 40 started actions per commit, with every execution recorded', async function () {
    const store = new SqliteStore({ path: join(dir, 'db.sqlite') });
    const sizes: number[] = [];
    const commit = store.commitGroupAsync.bind(store);
    store.commitGroupAsync = (units: readonly CommitUnit[]) => {
      for (const unit of units) sizes.push(unit.kind === 'poll' ? unit.poll.runs.reduce((n, r) => n + (r.actions?.length ?? 0), 0) : unit.commit.actions.length);
      return commit(units);
    };
    const engine = createEngine({ store, retentionDays: 0, limits: { actionsPerTransition: 40 } });
    try {
      assert.ok(engine.saveWorkflow({ name: 'big', definition }).ok);
      const items = Array.from({ length: 300 }, (_, i) => `f${i}`);
      const started = await engine.startRun({ workflowName: 'big', outputs: { body: { items } } });
      const state = await started.completed;
      assert.equal(state.status, 'Succeeded');
      assert.equal(state.actions['Count']!.outputs, 300);
      assert.equal(store.listActionRepetitions(started.runId, 'Key').length, 300);
      assert.equal(store.listActionRepetitions(started.runId, 'Key').at(-1)!.outputs, 'processed/f299');
      assert.ok(sizes.length >= 8, `committed in ${sizes.length} slices`);
      // Each slice holds at most 40 started actions, plus the rows of the actions they finished.
      assert.ok(Math.max(...sizes) <= 2 * 40 + 2, `largest slice ${Math.max(...sizes)} rows`);
    } finally {
      await engine.stop();
      store.close();
    }
  });

  it('goes on after a restart from a state stopped between two slices', async function () {
    const path = join(dir, 'db.sqlite');
    const first = new SqliteStore({ path });
    const engine = createEngine({ store: first, retentionDays: 0, limits: { actionsPerTransition: 25 } });
    assert.ok(engine.saveWorkflow({ name: 'big', definition }).ok);
    const items = Array.from({ length: 120 }, (_, i) => `f${i}`);
    const started = await engine.startRun({ workflowName: 'big', outputs: { body: { items } } });
    // Stopped right after the first slice is committed: its 'continued' is never applied.
    await engine.stop();
    const stopped = first.loadRunState(started.runId) as RunState;
    assert.equal(stopped.status, 'Running');
    assert.ok((stopped.pending?.length ?? 0) > 0, 'work left pending in the stored state');
    first.close();

    const second = new SqliteStore({ path });
    const again = createEngine({ store: second, retentionDays: 0, limits: { actionsPerTransition: 25 } });
    try {
      await again.start();
      const state = await again.whenCompleted(started.runId)!;
      assert.equal(state.status, 'Succeeded');
      assert.equal(second.listActionRepetitions(started.runId, 'Key').length, 120);
      assert.equal(second.getRun('big', started.runId)?.status, 'Succeeded');
    } finally {
      await again.stop();
      second.close();
    }
  });
});
