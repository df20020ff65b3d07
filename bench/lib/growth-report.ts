/**
 * The result of `bench/growth.ts` (issue 7, item 5: cost against workflow length and item count)
 * and its tables, with a linearity column (cost per action / per item must not rise with size)
 * and the marginal cost of one more action / item between two sizes, for reading.
 */

export interface GrowthW1Row {
  length: number;
  concurrency: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  /** req/s x length (Compose actions; the Response is not counted). */
  actions_per_s: number;
  errors: number;
  tool: string;
}

export interface GrowthW2Row {
  items: number;
  requests: number;
  median_ms?: number;
  min_ms?: number;
  max_ms?: number;
  samples_ms?: number[];
  ms_per_item?: number;
  rss_idle_kb: number;
  rss_max_kb: number;
  rss_after_kb: number;
  db_bytes: number;
  /** Why the size could not be measured (e.g. the answer did not come back 200). */
  error?: string;
}

export interface GrowthResult {
  kind: 'growth';
  date: string;
  settings: { warmup_s: number; duration_s: number; lengths: number[]; items: number[] };
  machine: unknown;
  sluice: unknown;
  w1: GrowthW1Row[];
  w2: GrowthW2Row[];
}

/**
 * Linear cost is a + b·n: the cost per unit (per action, per item) then falls or stays flat as n
 * grows (the fixed part a is shared by more units). Cost per unit that rises from one size to the
 * next by more than this factor means super-linear growth (noise on a shared machine stays below it).
 */
const RISING_FACTOR = 1.25;

function verdict(perUnit: (number | undefined)[], i: number): string {
  const cur = perUnit[i];
  if (cur === undefined) return '-';
  const prev = perUnit.slice(0, i).filter((m): m is number => m !== undefined).at(-1);
  if (prev === undefined) return 'base';
  return cur <= prev * RISING_FACTOR ? 'linear' : `rising (x${(cur / prev).toFixed(2)} per unit)`;
}

export function growthW1Table(rows: GrowthW1Row[]): string {
  const out = [
    '| actions | concurrency | req/s | p50 ms | p99 ms | actions/s | µs per request | µs per action | marginal µs per added action | linear? | errors |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  for (const conc of [...new Set(rows.map((r) => r.concurrency))]) {
    const rs = rows.filter((r) => r.concurrency === conc).sort((a, b) => a.length - b.length);
    // server-side cost per request at saturation ~ 1 / throughput (closed loop)
    const perReq = rs.map((r) => 1e6 / r.rps);
    const marginals = rs.map((r, i) => (i === 0 ? undefined : (perReq[i]! - perReq[i - 1]!) / (r.length - rs[i - 1]!.length)));
    const perAction = rs.map((r, i) => perReq[i]! / r.length);
    rs.forEach((r, i) => {
      out.push(`| ${r.length} | ${r.concurrency} | ${r.rps.toFixed(0)} | ${r.p50_ms.toFixed(2)} | ${r.p99_ms.toFixed(2)} | ${r.actions_per_s.toFixed(0)} | ${perReq[i]!.toFixed(0)} | ${perAction[i]!.toFixed(1)} | ${marginals[i] === undefined ? '-' : marginals[i]!.toFixed(1)} | ${verdict(perAction, i)} | ${r.errors} |`);
    });
  }
  return out.join('\n');
}

export function growthW2Table(rows: GrowthW2Row[]): string {
  const out = [
    '| items | requests | median ms (min-max) | ms per item | marginal µs per added item | linear? | RSS idle MB | RSS max MB | RSS after MB | SQLite DB MB |',
    '|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  const rs = [...rows].sort((a, b) => a.items - b.items);
  const marginals = rs.map((r, i) => {
    const p = rs[i - 1];
    if (i === 0 || r.median_ms === undefined || p?.median_ms === undefined) return undefined;
    return ((r.median_ms - p.median_ms) * 1000) / (r.items - p.items);
  });
  const mb = (kb: number): string => (kb / 1024).toFixed(0);
  const perItem = rs.map((r) => r.ms_per_item);
  rs.forEach((r, i) => {
    const time = r.median_ms === undefined ? `failed: ${r.error ?? '?'}` : `${r.median_ms.toFixed(1)} (${r.min_ms!.toFixed(0)}-${r.max_ms!.toFixed(0)})`;
    out.push(`| ${r.items.toLocaleString('en-US')} | ${r.requests} | ${time} | ${r.ms_per_item === undefined ? '-' : r.ms_per_item.toFixed(4)} | ${marginals[i] === undefined ? '-' : marginals[i]!.toFixed(1)} | ${verdict(perItem, i)} | ${mb(r.rss_idle_kb)} | ${mb(r.rss_max_kb)} | ${mb(r.rss_after_kb)} | ${(r.db_bytes / 1024 / 1024).toFixed(1)} |`);
  });
  return out.join('\n');
}
