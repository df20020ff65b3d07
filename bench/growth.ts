/**
 * Cost growth (issue 7, item 5), against real Sluice server processes with the default durable store:
 * - W1-shaped workflows of 1, 10, 50 and 200 sequential Compose actions + a Response, loaded as
 *   the peers harness loads W1 (wrk -t1, keep-alive; autocannon or node:http where wrk is missing)
 *   at concurrency 32 and 1 for DURATION s after WARMUP s: req/s, p50, p99, actions/s;
 * - a W2-shaped Foreach over 100, 1,000, 10,000 and 100,000 items, each size on a fresh server:
 *   median of 5 sequential requests on fresh connections (3 for 100,000), ms per item, and the
 *   server's RSS (idle, max while it runs, after).
 * Prints the tables, writes bench/results/growth-<stamp>.json and refreshes bench/RESULTS.md.
 *
 * GROWTH_DURATION (10), GROWTH_WARMUP (3), GROWTH_LENGTHS ("1 10 50 200"), GROWTH_ITEMS
 * ("100 1000 10000 100000") change the sizes for a quick try.
 */
import { expectAnswer, sequential } from './lib/http-client.js';
import { growthW1Table, growthW2Table, type GrowthResult, type GrowthW1Row, type GrowthW2Row } from './lib/growth-report.js';
import { runLoad } from './lib/load.js';
import { machineInfo } from './lib/machine.js';
import { sampleMaxRss, treeRssKb } from './lib/process-memory.js';
import { utcStamp, writeResult } from './lib/results-file.js';
import { startSluiceServer } from './lib/sluice-server.js';
import { sluiceVersion } from './lib/sluice-version.js';
import { round } from './lib/stats.js';
import { W1_BODY, w1OfLength, w2Body, w2Definition } from './lib/workloads.js';
import { writeResultsMd } from './peers/results-md.js';

const list = (name: string, fallback: string): number[] => (process.env[name] ?? fallback).split(/[\s,]+/).filter(Boolean).map(Number);
const duration = Number(process.env['GROWTH_DURATION'] ?? 10);
const warmup = Number(process.env['GROWTH_WARMUP'] ?? 3);
const lengths = list('GROWTH_LENGTHS', '1 10 50 200');
const itemCounts = list('GROWTH_ITEMS', '100 1000 10000 100000');
const log = (m: string): void => { process.stderr.write(`[growth ${new Date().toISOString().slice(11, 19)}] ${m}\n`); };
const sleep = (s: number): Promise<void> => new Promise((r) => setTimeout(r, s * 1000));

async function measureW1(): Promise<GrowthW1Row[]> {
  const shapes = new Map(lengths.map((n) => [n, w1OfLength(n)]));
  const server = await startSluiceServer({ workflows: Object.fromEntries([...shapes].map(([n, s]) => [`len${n}`, s.definition])) });
  const rows: GrowthW1Row[] = [];
  try {
    const body = Buffer.from(JSON.stringify(W1_BODY));
    for (const n of lengths) {
      const url = server.hookUrl(`len${n}`);
      await expectAnswer(url, body, shapes.get(n)!.expected);
      for (const c of [32, 1]) {
        log(`W1 ${n} actions, c=${c}: warm-up ${warmup} s, then ${duration} s`);
        if (warmup > 0) await runLoad(url, body, c, warmup);
        const r = await runLoad(url, body, c, duration);
        rows.push({ length: n, concurrency: c, rps: round(r.rps, 1), p50_ms: r.p50_ms, p99_ms: r.p99_ms, actions_per_s: round(r.rps * n, 0), errors: r.errors + r.non2xx, tool: r.tool });
      }
    }
  } finally {
    await server.stop();
  }
  return rows;
}

async function measureW2(items: number): Promise<GrowthW2Row> {
  const server = await startSluiceServer({ workflows: { w2: w2Definition() } });
  try {
    const url = server.hookUrl('w2');
    const body = w2Body(items);
    const n = items >= 100_000 ? 3 : 5;
    const warm = items >= 100_000 ? 0 : 1;
    await sleep(2); // let start-up settle before the idle reading
    const idle = treeRssKb(server.pid);
    log(`W2 ${items.toLocaleString('en-US')} items: ${warm} warm-up + ${n} requests (${(body.length / 1024).toFixed(0)} KB body)`);
    const sampler = sampleMaxRss(server.pid, 100);
    const base = { items, requests: n, rss_idle_kb: idle };
    try {
      const r = await sequential(url, body, { count: items }, n, warm);
      const max = sampler.stop();
      return { ...base, median_ms: r.median_ms, min_ms: r.min_ms, max_ms: r.max_ms, samples_ms: r.samples_ms, ms_per_item: round(r.median_ms / items, 5), rss_max_kb: max, rss_after_kb: treeRssKb(server.pid), db_bytes: server.dbBytes() };
    } catch (err) {
      const max = sampler.stop();
      log(`W2 ${items} items failed: ${(err as Error).message}`);
      return { ...base, rss_max_kb: max, rss_after_kb: treeRssKb(server.pid), db_bytes: server.dbBytes(), error: (err as Error).message.slice(0, 300) };
    }
  } finally {
    await server.stop();
  }
}

const started = Date.now();
const w1 = await measureW1();
console.log(`\nW1 throughput and latency against workflow length\n\n${growthW1Table(w1)}\n`);
const w2: GrowthW2Row[] = [];
for (const items of itemCounts) w2.push(await measureW2(items));
console.log(`W2 time and memory against item count\n\n${growthW2Table(w2)}\n`);
const result: GrowthResult = {
  kind: 'growth',
  date: new Date().toISOString(),
  settings: { warmup_s: warmup, duration_s: duration, lengths, items: itemCounts },
  machine: machineInfo(),
  sluice: sluiceVersion(),
  w1,
  w2,
};
log(`wrote ${writeResult('growth-', utcStamp(), result)} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
log(`updated ${writeResultsMd()}`);
