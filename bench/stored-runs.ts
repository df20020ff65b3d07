/**
 * Memory after 100,000 stored runs (issue 7, item 4): Sluice as a real server process with its
 * default durable store, idle RSS after 10 s, then 100,000 W1 requests (32 in flight, keep-alive,
 * every answer checked for 200), 10 s to settle, RSS again, and the size of the SQLite database.
 *
 *   node dist/bench/stored-runs.js              # writes bench/results/stored-runs-<stamp>.json, refreshes bench/RESULTS.md
 *   node dist/bench/stored-runs.js --out FILE   # writes FILE only (bench/peers/run.sh)
 *
 * STORED_RUNS (100000), STORED_CONCURRENCY (32), STORED_SETTLE_S (10) change the sizes for a quick try.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { burst, expectAnswer } from './lib/http-client.js';
import { sampleMaxRss, treeRssKb } from './lib/process-memory.js';
import { utcStamp, writeResult } from './lib/results-file.js';
import { startSluiceServer } from './lib/sluice-server.js';
import { storedRunsTable, type StoredRunsResult } from './lib/stored-runs-report.js';
import { round } from './lib/stats.js';
import { savedWorkload, W1_BODY, w1Expected } from './lib/workloads.js';
import { writeResultsMd } from './peers/results-md.js';

const total = Number(process.env['STORED_RUNS'] ?? 100_000);
const concurrency = Number(process.env['STORED_CONCURRENCY'] ?? 32);
const settleS = Number(process.env['STORED_SETTLE_S'] ?? 10);
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? process.argv[outIndex + 1] : undefined;

const sleep = (s: number): Promise<void> => new Promise((r) => setTimeout(r, s * 1000));
const log = (m: string): void => { process.stderr.write(`[stored-runs ${new Date().toISOString().slice(11, 19)}] ${m}\n`); };

function countRows(dataDir: string): Record<string, number> | undefined {
  try {
    const db = new Database(join(dataDir, 'sluice.db'), { readonly: true, fileMustExist: true });
    try {
      const rows: Record<string, number> = {};
      for (const table of ['runs', 'action_executions']) rows[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return rows;
    } finally {
      db.close();
    }
  } catch (err) {
    log(`could not count stored rows (${(err as Error).message}); reporting the database size only`);
    return undefined;
  }
}

const server = await startSluiceServer({ workflows: { w1: savedWorkload('w1') } });
try {
  const url = server.hookUrl('w1');
  const body = Buffer.from(JSON.stringify(W1_BODY));
  await expectAnswer(url, body, w1Expected());
  log(`Sluice pid ${server.pid} at ${server.url}; settling ${settleS} s`);
  await sleep(settleS);
  const idle = treeRssKb(server.pid);
  log(`idle RSS ${(idle / 1024).toFixed(0)} MB; sending ${total.toLocaleString('en-US')} W1 requests, ${concurrency} in flight`);
  const sampler = sampleMaxRss(server.pid, 500);
  const sent = await burst(url, body, total, concurrency, (done) => log(`${done.toLocaleString('en-US')} answered, RSS ${(treeRssKb(server.pid) / 1024).toFixed(0)} MB`));
  const max = sampler.stop();
  log(`${sent.rps.toFixed(0)} req/s; settling ${settleS} s`);
  await sleep(settleS);
  const after = treeRssKb(server.pid);
  const rows = countRows(server.dataDir);
  const result: StoredRunsResult = {
    kind: 'stored-runs',
    date: new Date().toISOString(),
    runs_requested: total,
    concurrency,
    settle_s: settleS,
    rss_idle_kb: idle,
    rss_max_kb: max,
    rss_after_kb: after,
    ratio: round(after / idle, 3),
    statuses: sent.statuses,
    all_ok: sent.statuses['200'] === total,
    seconds: sent.seconds,
    rps: sent.rps,
    db_bytes: server.dbBytes(),
    ...(rows === undefined ? {} : { rows }),
    load: 'node:http keep-alive client',
  };
  console.log(storedRunsTable(result));
  if (!result.all_ok) log(`not every answer was 200: ${JSON.stringify(sent.statuses)}`);
  if (outFile !== undefined) {
    writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  } else {
    log(`wrote ${writeResult('stored-runs-', utcStamp(), result)}`);
    log(`updated ${writeResultsMd()}`);
  }
  if (!result.all_ok) process.exitCode = 1;
} finally {
  await server.stop();
}
