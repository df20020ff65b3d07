/**
 * The engine on a real SQLite store: child workflows, durable timers across an engine restart, and
 * the retention purge.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../engine/runtime/clock.js';
import { createEngine } from '../../engine/runtime/engine.js';
import { RetentionPurger } from '../../engine/runtime/retention.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';

const request = { type: 'Request', kind: 'Http' };

describe('engine', function () {
  let dir: string;
  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-engine-'));
  });
  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a Workflow action calls a child workflow and receives its Response', async function () {
    const store = new SqliteStore({ path: join(dir, 'db.sqlite') });
    const engine = createEngine({ store, retentionDays: 0 });
    try {
      const child = {
        triggers: { manual: request },
        actions: { Reply: { type: 'Response', kind: 'Http', inputs: { statusCode: 201, body: { doubled: "@mul(triggerBody()?['n'], 2)" } } } },
      };
      const parent = {
        triggers: { manual: request },
        actions: {
          Call: { type: 'Workflow', inputs: { host: { workflow: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Logic/workflows/child' }, triggerName: 'manual' }, body: { n: 21 } } },
          Use: { type: 'Compose', inputs: "@body('Call')?['doubled']", runAfter: { Call: ['Succeeded'] } },
        },
      };
      assert.ok(engine.saveWorkflow({ name: 'child', definition: child }).ok);
      assert.ok(engine.saveWorkflow({ name: 'parent', definition: parent }).ok);
      const started = await engine.startRun({ workflowName: 'parent', outputs: { body: {} } });
      const state = await started.completed;
      assert.equal(state.status, 'Succeeded');
      assert.equal(state.actions['Call']!.outputs && (state.actions['Call']!.outputs as { statusCode: number }).statusCode, 201);
      assert.equal(state.actions['Use']!.outputs, 42);
      assert.equal(store.listRuns('child').value.length, 1, 'the child ran once');
    } finally {
      await engine.stop();
      store.close();
    }
  });

  it('a Wait survives an engine restart: the timer is re-armed from the stored state', async function () {
    const path = join(dir, 'db.sqlite');
    const clock = new ManualClock('2026-03-01T00:00:00.000Z');
    const definition = {
      triggers: { manual: request },
      actions: {
        Pause: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } } },
        After: { type: 'Compose', inputs: '@utcNow()', runAfter: { Pause: ['Succeeded'] } },
      },
    };
    let store = new SqliteStore({ path });
    let engine = createEngine({ store, clock, retentionDays: 0 });
    engine.saveWorkflow({ name: 'pause', definition });
    const { runId } = await engine.startRun({ workflowName: 'pause', outputs: {} });
    assert.equal(store.loadRunState(runId)!.actions['Pause']!.status, 'Waiting');
    await engine.stop();
    store.close();

    store = new SqliteStore({ path });
    engine = createEngine({ store, clock, retentionDays: 0 });
    try {
      await engine.start();
      const completed = engine.whenCompleted(runId)!;
      clock.advance(59 * 60_000);
      assert.equal(store.getRun('pause', runId)!.status, 'Running', 'not before the hour');
      clock.advance(60_000);
      const state = await completed;
      assert.equal(state.status, 'Succeeded');
      assert.equal(state.actions['After']!.outputs, '2026-03-01T01:00:00.0000000Z');
    } finally {
      await engine.stop();
      store.close();
    }
  });

  it('purges finished runs older than the retention period and keeps the rest', async function () {
    const store = new SqliteStore({ path: join(dir, 'db.sqlite') });
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const engine = createEngine({ store, clock, retentionDays: 0 });
    try {
      engine.saveWorkflow({ name: 'tiny', definition: { triggers: { manual: request }, actions: { A: { type: 'Compose', inputs: 1 } } } });
      for (let i = 0; i < 5; i++) await (await engine.startRun({ workflowName: 'tiny', outputs: {} })).completed;
      clock.advance(10 * 86_400_000);
      const recent = await engine.startRun({ workflowName: 'tiny', outputs: {} });
      await recent.completed;
      const purger = new RetentionPurger({ store, clock, days: 7 });
      assert.equal(await purger.purge(), 5);
      const left = store.listRuns('tiny').value.map((r) => r.runId);
      assert.deepEqual(left, [recent.runId]);
      assert.equal(store.listActionRows(recent.runId).length, 1, 'history of kept runs stays');
    } finally {
      await engine.stop();
      store.close();
    }
  });
});
