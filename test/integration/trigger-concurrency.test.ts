/**
 * Trigger concurrency: at most `runs` runs at a time, the next ones wait in order, and a full
 * waiting queue turns new runs away (TooManyRuns, which request triggers answer with 429).
 */
import assert from 'node:assert/strict';
import { ManualClock } from '../../engine/runtime/clock.js';
import { createEngine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import { SluiceError } from '../../engine/errors.js';

describe('trigger concurrency', function () {
  it('runs one at a time, queues one, refuses the rest, then starts the waiting run', async function () {
    const clock = new ManualClock('2026-01-01T00:00:00.000Z');
    const store = new SqliteStore({ path: ':memory:' });
    const engine = createEngine({ store, clock, retentionDays: 0 });
    try {
      await engine.start();
      engine.saveWorkflow({
        name: 'single',
        definition: {
          triggers: { manual: { type: 'Request', kind: 'Http', runtimeConfiguration: { concurrency: { runs: 1, maximumWaitingRuns: 1 } } } },
          actions: { Pause: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Minute' } } } },
        },
      });
      const first = await engine.fireTrigger({ workflowName: 'single', outputs: { body: 1 } });
      const second = await engine.fireTrigger({ workflowName: 'single', outputs: { body: 2 } });
      assert.equal(first.status, 'fired');
      assert.equal(second.status, 'fired');
      const [run1] = first.status === 'fired' ? first.runs : [];
      const [run2] = second.status === 'fired' ? second.runs : [];
      assert.equal(store.getRun('single', run1!.runId)!.status, 'Running');
      assert.equal(store.getRun('single', run2!.runId)!.status, 'Waiting');
      await assert.rejects(engine.fireTrigger({ workflowName: 'single', outputs: { body: 3 } }), (err: unknown) => err instanceof SluiceError && err.code === 'TooManyRuns');
      assert.equal(store.listRuns('single').value.length, 2, 'nothing stored for the refused run');

      clock.advance(60_000);
      await run1!.completed;
      for (let i = 0; i < 10 && store.getRun('single', run2!.runId)!.status === 'Waiting'; i++) await new Promise((resolve) => setImmediate(resolve));
      assert.equal(store.getRun('single', run2!.runId)!.status, 'Running', 'the waiting run starts when a slot frees');
      clock.advance(60_000);
      assert.equal((await run2!.completed).status, 'Succeeded');
    } finally {
      await engine.stop();
      store.close();
    }
  });
});
