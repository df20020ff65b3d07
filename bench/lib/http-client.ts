/**
 * node:http clients for the Sluice-only benches: a keep-alive POST, a fixed number of requests at
 * a fixed concurrency with every status checked (100,000 stored runs), and the harness's W2
 * measure (sequential requests, each on a fresh connection, answer checked, median).
 */
import http from 'node:http';
import { assertLoopback, BenchError } from './bench-error.js';
import { median, round } from './stats.js';

export interface PostResult {
  status: number;
  body: string;
  ms: number;
}

export function post(url: string, body: Buffer, agent: http.Agent, timeoutMs = 130_000): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new BenchError('LoadFailed', `no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export interface BurstResult {
  requests: number;
  seconds: number;
  rps: number;
  /** Count of answers by HTTP status (0 = socket error). */
  statuses: Record<string, number>;
}

/**
 * Sends `total` POSTs with `concurrency` in flight over keep-alive connections; counts statuses.
 * `onProgress` is called about every 10% so long runs show they are alive.
 */
export async function burst(url: string, body: Buffer, total: number, concurrency: number, onProgress?: (done: number) => void): Promise<BurstResult> {
  assertLoopback(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses: Record<string, number> = {};
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.floor(total / 10));
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      let status = 0;
      try {
        status = (await post(url, body, agent)).status;
      } catch {
        status = 0;
      }
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      done++;
      if (onProgress && done % step === 0) onProgress(done);
    }
  }));
  agent.destroy();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { requests: done, seconds: round(seconds, 3), rps: round(done / seconds, 1), statuses };
}

export interface SequentialResult {
  n: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  samples_ms: number[];
}

/**
 * The harness's W2 measure (`lib/w2.mjs`): `warmup` + `n` sequential POSTs, each on a new
 * connection, each answer compared with `expected` (JSON, key order ignored at the top level).
 */
export async function sequential(url: string, body: Buffer, expected: unknown, n: number, warmup: number): Promise<SequentialResult> {
  assertLoopback(url);
  const agent = new http.Agent({ keepAlive: false });
  const want = canonical(expected);
  const once = async (): Promise<number> => {
    const r = await post(url, body, agent);
    let got: string;
    try { got = canonical(JSON.parse(r.body)); } catch { got = r.body; }
    if (r.status !== 200 || got !== want) throw new BenchError('WrongAnswer', `${url} answered ${r.status}: ${r.body.slice(0, 300)}`);
    return r.ms;
  };
  for (let i = 0; i < warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await once());
  return {
    n,
    median_ms: round(median(samples)!, 2),
    min_ms: round(Math.min(...samples), 2),
    max_ms: round(Math.max(...samples), 2),
    samples_ms: samples.map((s) => round(s, 2)),
  };
}

/** JSON text with object keys sorted at every level, so answers compare regardless of key order. */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value));
}

/** POSTs once and checks the answer; used as a readiness and correctness check before loading. */
export async function expectAnswer(url: string, body: Buffer, expected: unknown): Promise<void> {
  await sequential(url, body, expected, 0, 1);
}
