/**
 * Closed-loop HTTP load, as the peers harness makes it (`lib/load.sh`): wrk with one thread (so the
 * load generator takes at most one of the two cores), keep-alive, 10 s request timeout; autocannon
 * (one worker) where wrk is missing; and, where neither is installed (a clean clone without the
 * harness's install), a node:http closed loop, which is slower than wrk and says so in `tool`.
 * `LOADGEN=wrk|autocannon|node` forces one.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertLoopback, BenchError } from './bench-error.js';
import { post } from './http-client.js';
import { PROJECT_ROOT } from './sluice-server.js';
import { percentileSorted, round } from './stats.js';

export interface LoadResult {
  tool: 'wrk' | 'autocannon' | 'node';
  requests: number;
  duration_s: number;
  rps: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_ms: number;
  /** Socket errors and timeouts. */
  errors: number;
  /** Answers other than 2xx/3xx. */
  non2xx: number;
}

function hasWrk(): boolean {
  return spawnSync('wrk', ['-v'], { stdio: 'ignore' }).error === undefined;
}

function autocannonPath(): string | undefined {
  const cache = process.env['PEERS_CACHE'] ? resolve(process.env['PEERS_CACHE']) : join(PROJECT_ROOT, 'bench', '.peers');
  const candidates = [join(cache, 'autocannon', 'node_modules', 'autocannon', 'autocannon.js'), join(PROJECT_ROOT, 'node_modules', 'autocannon', 'autocannon.js')];
  return candidates.find((c) => existsSync(c));
}

/** Which generator `runLoad` uses on this machine. */
export function loadTool(): LoadResult['tool'] {
  const forced = process.env['LOADGEN'];
  if (forced === 'node') return 'node';
  if (forced === 'autocannon') return autocannonPath() ? 'autocannon' : 'node';
  if (hasWrk()) return 'wrk';
  return autocannonPath() ? 'autocannon' : 'node';
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((res, rej) => {
    execFile(cmd, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) rej(new BenchError('LoadFailed', `${cmd} failed: ${err.message}\n${stderr}`, { cause: err }));
      else res(stdout);
    });
  });
}

export async function runLoad(url: string, body: Buffer, concurrency: number, seconds: number): Promise<LoadResult> {
  assertLoopback(url);
  const tool = loadTool();
  if (tool === 'node') return nodeLoad(url, body, concurrency, seconds);
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-load-'));
  try {
    const bodyFile = join(dir, 'body.json');
    writeFileSync(bodyFile, body);
    const timeoutMs = (seconds + 15) * 1000;
    if (tool === 'wrk') {
      const out = await run('wrk', ['-t1', `-c${concurrency}`, `-d${seconds}s`, '--timeout', '10s', '-s', join(PROJECT_ROOT, 'bench', 'lib', 'wrk-post.lua'), url], { ...process.env, BODY_FILE: bodyFile }, timeoutMs);
      const line = out.split('\n').find((l) => l.startsWith('JSON '));
      if (!line) throw new BenchError('LoadFailed', `wrk printed no summary:\n${out}`);
      return JSON.parse(line.slice(5)) as LoadResult;
    }
    const out = await run(process.execPath, [autocannonPath()!, '-c', String(concurrency), '-d', String(seconds), '-m', 'POST', '-H', 'Content-Type=application/json', '-i', bodyFile, '-t', '10', '--json', url], process.env, timeoutMs);
    const r = JSON.parse(out) as { requests: { total: number }; duration: number; latency: Record<string, number>; errors: number; timeouts: number; non2xx: number };
    return {
      tool: 'autocannon', requests: r.requests.total, duration_s: r.duration, rps: r.requests.total / r.duration,
      p50_ms: r.latency['p50']!, p90_ms: r.latency['p90']!, p99_ms: r.latency['p99']!, max_ms: r.latency['max']!, mean_ms: r.latency['average']!,
      errors: r.errors + r.timeouts, non2xx: r.non2xx,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `concurrency` loops each sending its next POST when the previous answer arrived, for `seconds`. */
async function nodeLoad(url: string, body: Buffer, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const t0 = process.hrtime.bigint();
  const end = t0 + BigInt(Math.round(seconds * 1e9));
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (process.hrtime.bigint() < end) {
      try {
        const r = await post(url, body, agent, 10_000);
        latencies.push(r.ms);
        if (r.status < 200 || r.status >= 400) non2xx++;
      } catch {
        errors++;
      }
    }
  }));
  agent.destroy();
  const duration = Number(process.hrtime.bigint() - t0) / 1e9;
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length);
  return {
    tool: 'node', requests: latencies.length, duration_s: round(duration, 3), rps: round(latencies.length / duration, 2),
    p50_ms: round(percentileSorted(latencies, 50), 3), p90_ms: round(percentileSorted(latencies, 90), 3), p99_ms: round(percentileSorted(latencies, 99), 3),
    max_ms: round(latencies.at(-1) ?? Number.NaN, 3), mean_ms: round(mean, 3), errors, non2xx,
  };
}
