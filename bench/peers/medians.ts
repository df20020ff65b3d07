/**
 * Medians over the repeats of the side-by-side run, per engine and variant, and Sluice's ratios to
 * each peer. Errors are summed, not medianed: one failed request in any repeat must show.
 */
import { median, round } from '../lib/stats.js';
import type { EngineMedians, HarnessRow, HarnessRun, Ratio, W1Median } from './peers-result.js';

const ENGINE_LABELS: Record<string, string> = { sluice: 'Sluice', nodered: 'Node-RED', n8n: 'n8n', baseline: 'baseline (plain node:http)' };
const VARIANT_LABELS: Record<string, Record<string, string>> = {
  sluice: { default: 'history persisted' },
  n8n: { default: 'default saving (all)', nosave: 'success saving off' },
};

/** "n8n: 2.8.4  (n8n-core ...)" -> 2.8.4, from install.sh's versions.txt. */
export function peerVersion(versions: string[], key: string): string | undefined {
  const line = versions.find((l) => l.startsWith(`${key}:`));
  return line === undefined ? undefined : /^[^:]+:\s*(\S+)/.exec(line)?.[1];
}

export function engineLabel(peer: string, versions: string[], sluiceVersion?: string): string {
  const base = ENGINE_LABELS[peer] ?? peer;
  const version = peer === 'sluice' ? sluiceVersion : peer === 'nodered' ? peerVersion(versions, 'node-red') : peer === 'n8n' ? peerVersion(versions, 'n8n') : undefined;
  return version ? `${base} ${version}` : base;
}

const num = (values: (number | undefined)[]): number[] => values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
const med = (values: (number | undefined)[], digits: number): number => round(median(num(values)) ?? Number.NaN, digits);

export function computeMedians(runs: HarnessRun[], versions: string[], sluiceVersion?: string): EngineMedians[] {
  const all = runs.flatMap((r) => r.rows.map((row) => ({ repeat: r.repeat, row })));
  const keys: { peer: string; variant: string }[] = [];
  for (const { row } of all) {
    if (row.variant !== undefined && !keys.some((k) => k.peer === row.peer && k.variant === row.variant)) keys.push({ peer: row.peer, variant: row.variant });
  }
  return keys.map(({ peer, variant }) => {
    const mine = (w: HarnessRow['workload']): { repeat: number; row: HarnessRow }[] => all.filter((x) => x.row.peer === peer && x.row.workload === w && (w === 'idle' || w === 'after' || x.row.variant === variant));
    const w1Rows = mine('W1');
    const w1: Record<string, W1Median> = {};
    for (const conc of [...new Set(w1Rows.map((x) => x.row.conc!))]) {
      const rs = w1Rows.filter((x) => x.row.conc === conc).map((x) => x.row);
      w1[String(conc)] = {
        rps: med(rs.map((r) => r.rps), 1),
        p50_ms: med(rs.map((r) => r.p50_ms), 3),
        p99_ms: med(rs.map((r) => r.p99_ms), 3),
        rss_max_kb: med(rs.map((r) => r.rss_max_kb), 0),
        server_cpu_cores: med(rs.map((r) => r.server_cpu_cores), 2),
        rps_runs: rs.map((r) => round(r.rps ?? Number.NaN, 1)),
        p99_runs: rs.map((r) => round(r.p99_ms ?? Number.NaN, 3)),
      };
    }
    const w2 = mine('W2').map((x) => x.row);
    const idle = mine('idle').map((x) => x.row);
    const after = mine('after').map((x) => x.row);
    const repeats = [...new Set(all.filter((x) => x.row.peer === peer).map((x) => x.repeat))];
    const rssMaxPerRepeat = repeats.map((rep) => Math.max(0, ...num(w1Rows.filter((x) => x.repeat === rep).map((x) => x.row.rss_max_kb))));
    const m: EngineMedians = {
      peer,
      variant,
      label: engineLabel(peer, versions, sluiceVersion),
      variant_label: VARIANT_LABELS[peer]?.[variant] ?? variant,
      w1,
      errors: w1Rows.reduce((s, x) => s + (x.row.errors ?? 0) + (x.row.non2xx ?? 0), 0),
      repeats: repeats.length,
    };
    if (w2.length > 0) m.w2 = { median_ms: med(w2.map((r) => r.median_ms), 2), min_ms: med(w2.map((r) => r.min_ms), 2), max_ms: med(w2.map((r) => r.max_ms), 2), median_runs: w2.map((r) => r.median_ms!) };
    if (idle.length > 0) m.idle = { rss_idle_kb: med(idle.map((r) => r.rss_idle_kb), 0), start_to_ready_s: med(idle.map((r) => r.start_to_ready_s), 1), setup_s: med(idle.map((r) => r.setup_s ?? 0), 1) };
    if (after.length > 0) m.after = { rss_after_all_kb: med(after.map((r) => r.rss_after_all_kb), 0), db_kb: med(after.map((r) => r.db_kb ?? 0), 0) };
    if (w1Rows.length > 0) m.rss_max_kb = med(rssMaxPerRepeat, 0);
    return m;
  });
}

/** Sluice (its default variant) against every other engine and variant. */
export function computeRatios(medians: EngineMedians[]): Ratio[] {
  const sluice = medians.find((m) => m.peer === 'sluice' && m.variant === 'default');
  if (sluice === undefined) return [];
  const div = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined || !(b > 0) || !Number.isFinite(a) ? undefined : round(a / b, 3));
  return medians.filter((m) => m.peer !== 'sluice').map((m) => ({
    label: `Sluice / ${m.label}${m.peer === 'n8n' ? `, ${m.variant_label}` : ''}`,
    peer: m.peer,
    variant: m.variant,
    ...defined('w1_c32', div(sluice.w1['32']?.rps, m.w1['32']?.rps)),
    ...defined('w1_c1', div(sluice.w1['1']?.rps, m.w1['1']?.rps)),
    ...defined('w2_time', div(sluice.w2?.median_ms, m.w2?.median_ms)),
  }));
}

function defined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
