/**
 * Sluice's own HTTP figures, quickly (part of `npm run bench`): a real server process with the
 * default durable store serving bench/workloads/w1.json and w2.json at /hooks/w1 and /hooks/w2;
 * W1 at concurrency 1 and 32 for HTTP_SECONDS (5) after HTTP_WARMUP (2) s each, loaded as the
 * peers harness loads it (wrk -t1 where installed); W2 median of 10 sequential requests after 2.
 * Prints figures; asserts nothing. The side-by-side table with the peers is `npm run bench:peers`.
 */
import { expectAnswer, sequential } from './lib/http-client.js';
import { runLoad } from './lib/load.js';
import { treeRssKb } from './lib/process-memory.js';
import { startSluiceServer } from './lib/sluice-server.js';
import { savedWorkload, W1_BODY, w1Expected, w2Body } from './lib/workloads.js';

const seconds = Number(process.env['HTTP_SECONDS'] ?? 5);
const warmup = Number(process.env['HTTP_WARMUP'] ?? 2);
const server = await startSluiceServer({ workflows: { w1: savedWorkload('w1'), w2: savedWorkload('w2') } });
try {
  const w1 = server.hookUrl('w1');
  const body = Buffer.from(JSON.stringify(W1_BODY));
  await expectAnswer(w1, body, w1Expected());
  const idleKb = treeRssKb(server.pid);
  const figures: Record<string, number | string> = { bench: 'http-own' };
  for (const c of [1, 32]) {
    if (warmup > 0) await runLoad(w1, body, c, warmup);
    const r = await runLoad(w1, body, c, seconds);
    console.log(`HTTP W1 c=${String(c).padEnd(2)} (${r.tool}, ${seconds} s): ${r.rps.toFixed(0)} req/s, p50 ${r.p50_ms.toFixed(2)} ms, p99 ${r.p99_ms.toFixed(2)} ms, errors ${r.errors + r.non2xx}`);
    Object.assign(figures, { [`w1c${c}Rps`]: Math.round(r.rps), [`w1c${c}P50Ms`]: r.p50_ms, [`w1c${c}P99Ms`]: r.p99_ms, loadgen: r.tool });
  }
  const w2 = await sequential(server.hookUrl('w2'), w2Body(1000), { count: 1000 }, 10, 2);
  console.log(`HTTP W2 1,000 items, fresh connections:  median ${w2.median_ms.toFixed(1)} ms (${w2.min_ms.toFixed(0)}-${w2.max_ms.toFixed(0)}) of ${w2.n}`);
  const afterKb = treeRssKb(server.pid);
  console.log(`Server RSS: ${(idleKb / 1024).toFixed(0)} MB after start, ${(afterKb / 1024).toFixed(0)} MB after the load; SQLite ${(server.dbBytes() / 1024 / 1024).toFixed(1)} MB`);
  Object.assign(figures, { w2MedianMs: w2.median_ms, rssStartMb: Math.round(idleKb / 1024), rssAfterMb: Math.round(afterKb / 1024) });
  console.log(JSON.stringify(figures));
} finally {
  await server.stop();
}
