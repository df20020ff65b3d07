/**
 * Interpreter throughput, in-process, with every action's history persisted to SQLite on disk:
 * - W1: a request-triggered workflow of 10 Compose actions and a Response (runs/s, actions/s);
 * - W2: a Foreach over 1,000 items with one Compose each (milliseconds per run).
 * Prints figures; asserts nothing. Goal (issue 3): >= 5,000 actions/s persisted on one core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../engine/runtime/engine.js';
import { SqliteStore } from '../engine/store/sqlite-store.js';

function w1(): Record<string, unknown> {
  const actions: Record<string, unknown> = {};
  let previous: string | undefined;
  for (let i = 1; i <= 10; i++) {
    const name = `Step_${i}`;
    actions[name] = {
      type: 'Compose',
      inputs: previous === undefined ? "@concat(triggerBody()?['Name'], '-1')" : `@concat(outputs('${previous}'), '-${i}')`,
      runAfter: previous === undefined ? {} : { [previous]: ['Succeeded'] },
    };
    previous = name;
  }
  actions['Response'] = { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: { name: `@outputs('${previous}')` } }, runAfter: { [previous!]: ['Succeeded'] } };
  return { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions };
}

function w2(): Record<string, unknown> {
  return {
    triggers: { manual: { type: 'Request', kind: 'Http' } },
    actions: {
      Loop: { type: 'Foreach', foreach: "@triggerBody()?['items']", actions: { Transform: { type: 'Compose', inputs: '@mul(item(), 2)' } } },
      Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: { count: "@length(triggerBody()?['items'])" } }, runAfter: { Loop: ['Succeeded'] } },
    },
  };
}

const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
const store = new SqliteStore({ path: join(dir, 'bench.db') });
const engine = createEngine({ store, retentionDays: 0 });
try {
  engine.saveWorkflow({ name: 'w1', definition: w1() });
  engine.saveWorkflow({ name: 'w2', definition: w2() });
  const runW1 = async (): Promise<void> => {
    const started = await engine.startRun({ workflowName: 'w1', outputs: { body: { Name: 'data/file-0001.csv', Size: 123 } } });
    await started.completed;
  };
  for (let i = 0; i < 200; i++) await runW1(); // warm-up
  let runs = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(seconds * 1e9);
  while (process.hrtime.bigint() < deadline) {
    await runW1();
    runs++;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const w1Runs = runs / elapsed;
  console.log(`W1 10 x Compose + Response, sequential: ${w1Runs.toFixed(0)} runs/s, ${(w1Runs * 11).toFixed(0)} actions/s persisted`);

  // Concurrent runs: 32 at a time, as a busy request trigger would see.
  let concurrent = 0;
  const cStart = process.hrtime.bigint();
  const cDeadline = cStart + BigInt(seconds * 1e9);
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (process.hrtime.bigint() < cDeadline) {
      await runW1();
      concurrent++;
    }
  }));
  const cElapsed = Number(process.hrtime.bigint() - cStart) / 1e9;
  console.log(`W1 with 32 concurrent runs:           ${(concurrent / cElapsed).toFixed(0)} runs/s, ${((concurrent / cElapsed) * 11).toFixed(0)} actions/s persisted`);

  const items = Array.from({ length: 1000 }, (_, i) => i);
  const times: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t0 = process.hrtime.bigint();
    const started = await engine.startRun({ workflowName: 'w2', outputs: { body: { items } } });
    await started.completed;
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`W2 Foreach over 1,000 items:          median ${times[5]!.toFixed(1)} ms per run (${times.length} runs)`);
  console.log(JSON.stringify({ bench: 'runs', w1RunsPerSecond: Math.round(w1Runs), w1ActionsPerSecond: Math.round(w1Runs * 11), w1ConcurrentRunsPerSecond: Math.round(concurrent / cElapsed), w2MedianMs: Number(times[5]!.toFixed(1)) }));
} finally {
  await engine.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
