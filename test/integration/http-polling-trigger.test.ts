/**
 * The polling Http trigger through the trigger host: a 202 answer fires nothing (history: Skipped),
 * a 200 fires a run whose trigger outputs are the response; a 500 is a failed poll in the history.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pollingTriggers, registrySupport } from '../../connectors/index.js';
import { defaultConfig } from '../../engine/config.js';
import { ManualClock } from '../../engine/runtime/clock.js';
import { createEngine } from '../../engine/runtime/engine.js';
import { TriggerHost } from '../../engine/runtime/trigger-host.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';

async function settle(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('polling Http trigger', function () {
  let server: Server;
  let url: string;
  const answers = [202, 200, 500];

  before(async function () {
    server = createServer((req, res) => {
      const status = answers.shift() ?? 202;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? JSON.stringify({ orders: [1, 2] }) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  });
  after(async function () {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fires on 200, skips on 202, records a failed poll on 500', async function () {
    const clock = new ManualClock('2026-02-01T00:00:00.000Z');
    const store = new SqliteStore({ path: ':memory:' });
    const engine = createEngine({ store, clock, retentionDays: 0, support: registrySupport() });
    const host = new TriggerHost({ engine, store, clock, config: defaultConfig(), triggers: pollingTriggers });
    try {
      await engine.start();
      host.start();
      const saved = engine.saveWorkflow({
        name: 'feed',
        definition: {
          triggers: { Poll: { type: 'Http', inputs: { method: 'GET', uri: url }, recurrence: { frequency: 'Minute', interval: 1 } } },
          actions: { Count: { type: 'Compose', inputs: "@length(triggerBody()?['orders'])" } },
        },
      });
      assert.ok(saved.ok);
      const histories = (): { status: string }[] => store.listTriggerHistories('feed', 'Poll', { top: 50 }).value;
      clock.advance(0);
      await settle(() => histories().length === 1, 'the first poll');
      assert.equal(histories()[0]!.status, 'Skipped');
      clock.advance(60_000);
      await settle(() => store.listRuns('feed').value.length === 1, 'a run from the 200');
      const run = store.listRuns('feed').value[0]!;
      await settle(() => store.getRun('feed', run.runId)?.status === 'Succeeded', 'the run to finish');
      assert.equal(store.listActionRows(run.runId).find((r) => r.name === 'Count')?.outputs, 2);
      await settle(() => store.getTriggerState('feed', 'Poll')?.nextFireTime === '2026-02-01T00:02:00.000Z', 'the next poll to be scheduled');
      clock.advance(60_000);
      await settle(() => histories().some((h) => h.status === 'Failed'), 'the failed poll');
      assert.equal(store.listRuns('feed').value.length, 1);
    } finally {
      await host.stop();
      await engine.stop();
      store.close();
    }
  });
});
