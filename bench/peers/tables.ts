/** Markdown tables of a side-by-side result: medians, memory/CPU, per-repeat spread, ratios, goals. */
import type { PeersResult } from './peers-result.js';

const f = (x: number | undefined, d: number): string => (x === undefined || !Number.isFinite(x) ? '-' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
const mb = (kb: number | undefined): string => (kb === undefined || !(kb > 0) ? '-' : (kb / 1024).toFixed(0));

export function mediansTable(r: PeersResult): string {
  const out = [
    '| engine | variant | W1 c=1 req/s | W1 c=1 p50 ms | W1 c=1 p99 ms | W1 c=32 req/s | W1 c=32 p50 ms | W1 c=32 p99 ms | W2 median ms | idle RSS MB | RSS max MB | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const m of r.medians) {
    const a = m.w1['1'];
    const b = m.w1['32'];
    out.push(`| ${m.label} | ${m.variant_label} | ${f(a?.rps, 0)} | ${f(a?.p50_ms, 2)} | ${f(a?.p99_ms, 2)} | ${f(b?.rps, 0)} | ${f(b?.p50_ms, 1)} | ${f(b?.p99_ms, 1)} | ${f(m.w2?.median_ms, 1)} | ${mb(m.idle?.rss_idle_kb)} | ${mb(m.rss_max_kb)} | ${m.errors} |`);
  }
  return out.join('\n');
}

export function detailTable(r: PeersResult): string {
  const out = [
    '| engine | variant | start → ready s | server CPU cores at W1 c=32 | RSS after all MB | SQLite DB after MB | W1 c=32 req/s, each run | W1 c=1 p99 ms, each run | W2 median ms, each run |',
    '|---|---|---:|---:|---:|---:|---|---|---|',
  ];
  for (const m of r.medians) {
    const ready = m.idle ? `${f(m.idle.start_to_ready_s, 1)}${m.idle.setup_s ? ` (+${f(m.idle.setup_s, 1)} import)` : ''}` : '-';
    const db = m.after?.db_kb ? (m.after.db_kb / 1024).toFixed(1) : '-';
    out.push(`| ${m.label} | ${m.variant_label} | ${ready} | ${f(m.w1['32']?.server_cpu_cores, 2)} | ${mb(m.after?.rss_after_all_kb)} | ${db} | ${(m.w1['32']?.rps_runs ?? []).map((x) => f(x, 0)).join(', ') || '-'} | ${(m.w1['1']?.p99_runs ?? []).map((x) => f(x, 2)).join(', ') || '-'} | ${(m.w2?.median_runs ?? []).map((x) => f(x, 1)).join(', ') || '-'} |`);
  }
  return out.join('\n');
}

export function ratiosTable(r: PeersResult): string {
  if (r.ratios.length === 0) return '(Sluice was not measured in this run.)';
  const x = (v: number | undefined, d = 2): string => (v === undefined ? '-' : `${v.toFixed(d)}x`);
  const out = [
    '| ratio | W1 c=32 throughput | W1 c=1 throughput | W2 time |',
    '|---|---:|---:|---:|',
  ];
  for (const q of r.ratios) out.push(`| ${q.label} | ${x(q.w1_c32)} | ${x(q.w1_c1)} | ${x(q.w2_time)} |`);
  out.push('', 'Throughput ratios are Sluice\'s req/s divided by the other\'s (above 1: Sluice serves more); the W2 ratio is Sluice\'s time divided by the other\'s (below 1: Sluice is faster).');
  return out.join('\n');
}

export function goalsTable(r: PeersResult): string {
  const out = ['| goal (issue 7, item 4) | target | measured | |', '|---|---|---|---|'];
  for (const g of r.goals) out.push(`| ${g.goal} | ${g.target} | ${g.measured} | ${g.met === undefined ? 'not measured' : g.met ? 'met' : g.stretch ? 'missed (stretch)' : 'missed'} |`);
  return out.join('\n');
}

export function machineTable(r: PeersResult): string {
  const m = r.machine;
  const rows: [string, string][] = [
    ['cores (`nproc`)', String(m.cores)],
    ['memory', `${(m.memory_total_mb / 1024).toFixed(1)} GiB`],
    ['CPU', m.cpu_model],
    ['kernel', m.kernel],
    ['load average (1/5/15 min)', `${m.load_average_before ? `${m.load_average_before} before the run, ` : ''}${m.load_average} after (other work on this machine)`],
    ['Node.js (Sluice, harness and peers)', m.node],
    ['Sluice', `${r.sluice.version}${r.sluice.commit ? `, commit ${r.sluice.commit}` : ''}${r.sluice.uncommitted_engine_files ? ` + ${r.sluice.uncommitted_engine_files} uncommitted engine/connectors file(s)` : ''}`],
    ...r.peer_versions.filter((l) => /^(n8n|node-red|wrk|autocannon):/.test(l)).map((l): [string, string] => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
    ['load', `${r.settings.loadgen}; W1 ${r.settings.warmup_s} s warm-up + ${r.settings.duration_s} s at c=${r.settings.concs.join(' and ')}; W2 ${r.settings.w2_n} sequential requests; ${r.settings.repeats} repeat(s), medians`],
  ];
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

/** One line: non-loopback DNS lookups / connects the harness's egress recorder saw, per engine, all runs. */
export function egressLine(r: PeersResult): string {
  const by = new Map<string, { hooks: number; attempts: number }>();
  for (const run of r.runs) {
    for (const [peer, e] of Object.entries(run.egress ?? {})) {
      const t = by.get(peer) ?? { hooks: 0, attempts: 0 };
      by.set(peer, { hooks: t.hooks + e.hook_processes, attempts: t.attempts + e.attempts });
    }
  }
  if (by.size === 0) return '';
  const parts = [...by].map(([peer, t]) => `${peer} ${t.attempts} (recorder loaded ${t.hooks} times: processes and worker threads)`);
  return `Non-loopback DNS lookups / TCP connects recorded by the harness's egress recorder over all runs: ${parts.join(', ')}.`;
}
