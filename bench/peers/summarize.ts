/**
 * After `bench/peers/run.sh`: reads each repeat's harness results (results.jsonl, env.txt), takes
 * medians, ratios and goals, prints the tables, writes bench/results/<stamp>.json and regenerates
 * bench/RESULTS.md.
 *
 *   node dist/bench/peers/summarize.js --versions <versions.txt> [--stored <stored-runs.json>]
 *        [--started <epoch s>] <harness results dir>...
 * Settings are read from the environment run.sh exported (REPEATS, DURATION, WARMUP, CONCS, W2_N, PEERS, LOADGEN).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BenchError } from '../lib/bench-error.js';
import { machineInfo } from '../lib/machine.js';
import { utcStamp, writeResult } from '../lib/results-file.js';
import { sluiceVersion } from '../lib/sluice-version.js';
import type { StoredRunsResult } from '../lib/stored-runs-report.js';
import { computeGoals } from './goals.js';
import { computeMedians, computeRatios } from './medians.js';
import type { HarnessRow, HarnessRun, PeersResult } from './peers-result.js';
import { writeResultsMd } from './results-md.js';
import { detailTable, goalsTable, mediansTable, ratiosTable } from './tables.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const versionsFile = option('--versions');
const storedFile = option('--stored');
const started = option('--started');
const dirs = args;
if (dirs.length === 0) throw new BenchError('BadResults', 'no harness results folder given');

function readRun(dir: string, repeat: number): HarnessRun {
  const file = join(dir, 'results.jsonl');
  if (!existsSync(file)) throw new BenchError('BadResults', `${file} is missing: the harness run did not finish`);
  const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as HarnessRow);
  // The harness records a database size for n8n only; run.sh measured Sluice's after the run.
  const dbFile = join(dir, 'sluice-db-kb.txt');
  if (existsSync(dbFile)) {
    const after = rows.find((r) => r.peer === 'sluice' && r.workload === 'after');
    if (after) after.db_kb = Number(readFileSync(dbFile, 'utf8').trim());
  }
  const env = existsSync(join(dir, 'env.txt')) ? readFileSync(join(dir, 'env.txt'), 'utf8').split('\n').filter(Boolean) : [];
  const egress: HarnessRun['egress'] = {};
  for (const f of readdirSync(dir).filter((n) => /^egress-.+\.log$/.test(n))) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
    egress[f.slice('egress-'.length, -'.log'.length)] = { hook_processes: lines.filter((l) => l.startsWith('#')).length, attempts: lines.filter((l) => !l.startsWith('#')).length };
  }
  return { repeat, stamp: basename(dir), env, rows, egress };
}

const runs = dirs.map((d, i) => readRun(d, i + 1));
const versions = versionsFile !== undefined && existsSync(versionsFile) ? readFileSync(versionsFile, 'utf8').split('\n').filter(Boolean) : (runs[0]?.env ?? []);
const sluice = sluiceVersion();
const medians = computeMedians(runs, versions, sluice.commit ? `${sluice.version} (${sluice.commit})` : sluice.version);
const stored = storedFile !== undefined && existsSync(storedFile) ? (JSON.parse(readFileSync(storedFile, 'utf8')) as StoredRunsResult) : undefined;
const env = process.env;
const result: PeersResult = {
  kind: 'peers',
  date: new Date().toISOString(),
  settings: {
    repeats: runs.length,
    duration_s: Number(env['DURATION'] ?? 20),
    warmup_s: Number(env['WARMUP'] ?? 5),
    concs: (env['CONCS'] ?? '1 32').split(/\s+/).filter(Boolean).map(Number),
    w2_n: Number(env['W2_N'] ?? 10),
    peers: (env['PEERS'] ?? '').split(/\s+/).filter(Boolean),
    loadgen: loadgen(),
  },
  machine: { ...machineInfo(), ...(env['BENCH_LOADAVG_START'] ? { load_average_before: env['BENCH_LOADAVG_START'] } : {}) },
  sluice,
  peer_versions: versions,
  ...(started === undefined ? {} : { wall_time_s: Math.round(Date.now() / 1000 - Number(started)) }),
  runs,
  medians,
  ratios: computeRatios(medians),
  ...(stored === undefined ? {} : { stored_runs: stored }),
  goals: computeGoals(medians, stored),
};
function loadgen(): string {
  const tools = [...new Set(runs.flatMap((r) => r.rows.map((row) => row.tool)).filter((t): t is string => t !== undefined))];
  const described = tools.map((t) => (t === 'wrk' ? 'wrk, 1 thread, keep-alive' : t === 'autocannon' ? 'autocannon, 1 worker (wrk missing)' : t));
  return described.join(' / ') || 'none';
}

const file = writeResult('', utcStamp(), result);
console.log(['', `## Medians of ${runs.length} run(s)`, '', mediansTable(result), '', detailTable(result), '', '## Ratios', '', ratiosTable(result), '', '## Goals', '', goalsTable(result), ''].join('\n'));
process.stderr.write(`wrote ${file} and ${writeResultsMd()}\n`);
