/**
 * Issue 7's goals (item 4), judged from the medians of one side-by-side run and the 100,000
 * stored-runs measurement. A goal whose figure was not measured (a peer left out with PEERS=...)
 * is listed with met = undefined rather than guessed.
 */
import type { StoredRunsResult } from '../lib/stored-runs-report.js';
import type { EngineMedians, Goal } from './peers-result.js';

const fmt = (x: number, d = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export function computeGoals(medians: EngineMedians[], stored: StoredRunsResult | undefined): Goal[] {
  const get = (peer: string, variant = 'default'): EngineMedians | undefined => medians.find((m) => m.peer === peer && m.variant === variant);
  const sluice = get('sluice');
  const nodered = get('nodered');
  const n8n = get('n8n');
  const floor = get('baseline');
  const s32 = sluice?.w1['32']?.rps;
  const goals: Goal[] = [];

  const nr32 = nodered?.w1['32']?.rps;
  goals.push({
    goal: 'W1 c=32 throughput, history persisted, at least Node-RED\'s',
    target: nr32 === undefined ? '>= Node-RED' : `>= ${fmt(nr32)} req/s (Node-RED)`,
    measured: s32 === undefined ? 'Sluice not measured' : `${fmt(s32)} req/s${nr32 ? ` (${(s32 / nr32).toFixed(2)}x Node-RED)` : ''}`,
    ...(s32 !== undefined && nr32 !== undefined ? { met: s32 >= nr32 } : {}),
  });
  const n32 = n8n?.w1['32']?.rps;
  goals.push({
    goal: 'W1 c=32 throughput at least 30x n8n (default saving)',
    target: n32 === undefined ? '>= 30x n8n' : `>= ${fmt(30 * n32)} req/s (30 x ${fmt(n32)})`,
    measured: s32 === undefined ? 'Sluice not measured' : `${fmt(s32)} req/s${n32 ? ` (${(s32 / n32).toFixed(1)}x n8n)` : ''}`,
    ...(s32 !== undefined && n32 !== undefined ? { met: s32 >= 30 * n32 } : {}),
  });
  const f32 = floor?.w1['32']?.rps;
  goals.push({
    goal: 'Stretch: W1 c=32 throughput at least 25% of the floor (plain node:http)',
    target: f32 === undefined ? '>= 25% of baseline' : `>= ${fmt(0.25 * f32)} req/s (25% of ${fmt(f32)})`,
    measured: s32 === undefined ? 'Sluice not measured' : `${fmt(s32)} req/s${f32 ? ` (${((100 * s32) / f32).toFixed(1)}% of the floor)` : ''}`,
    ...(s32 !== undefined && f32 !== undefined ? { met: s32 >= 0.25 * f32 } : {}),
    stretch: true,
  });
  const p99 = sluice?.w1['1']?.p99_ms;
  goals.push({
    goal: 'W1 c=1 p99 latency under 5 ms',
    target: '< 5 ms',
    measured: p99 === undefined ? 'not measured' : `${p99.toFixed(2)} ms`,
    ...(p99 !== undefined ? { met: p99 < 5 } : {}),
  });
  const w2 = sluice?.w2?.median_ms;
  const nrW2 = nodered?.w2?.median_ms;
  goals.push({
    goal: 'W2 (1,000-item Foreach) at most Node-RED\'s median',
    target: nrW2 === undefined ? '<= Node-RED' : `<= ${nrW2.toFixed(1)} ms (Node-RED)`,
    measured: w2 === undefined ? 'not measured' : `${w2.toFixed(1)} ms`,
    ...(w2 !== undefined && nrW2 !== undefined ? { met: w2 <= nrW2 } : {}),
  });
  const idle = sluice?.idle?.rss_idle_kb;
  goals.push({
    goal: 'Idle server RSS under 100 MB',
    target: '< 100 MB',
    measured: idle === undefined ? 'not measured' : `${(idle / 1024).toFixed(0)} MB`,
    ...(idle !== undefined ? { met: idle < 100 * 1024 } : {}),
  });
  goals.push({
    goal: `RSS after ${stored ? fmt(stored.runs_requested) : '100,000'} stored runs within 20% of idle`,
    target: '<= 1.20 x idle',
    measured: stored === undefined
      ? 'not measured'
      : `${(stored.rss_after_kb / 1024).toFixed(0)} MB after vs ${(stored.rss_idle_kb / 1024).toFixed(0)} MB idle = ${stored.ratio.toFixed(2)}x${stored.all_ok ? '' : ' (not every answer was 200)'}`,
    ...(stored !== undefined ? { met: stored.ratio <= 1.2 && stored.all_ok } : {}),
  });
  return goals;
}
