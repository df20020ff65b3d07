/** The result of `bench/stored-runs.ts` and how it reads in a table. */

export interface StoredRunsResult {
  kind: 'stored-runs';
  date: string;
  runs_requested: number;
  concurrency: number;
  settle_s: number;
  /** Tree RSS of the server after start + settle, before any request. */
  rss_idle_kb: number;
  /** Highest RSS sampled while the runs were sent. */
  rss_max_kb: number;
  /** RSS after the last answer + settle. */
  rss_after_kb: number;
  /** rss_after_kb / rss_idle_kb */
  ratio: number;
  /** Answers by HTTP status (0 = socket error); all 200 is the expectation. */
  statuses: Record<string, number>;
  all_ok: boolean;
  seconds: number;
  rps: number;
  db_bytes: number;
  /** Rows in the store after the runs, when its tables could be read (runs, action_executions). */
  rows?: Record<string, number>;
  load: string;
}

const mb = (kb: number): string => (kb / 1024).toFixed(0);

export function storedRunsTable(r: StoredRunsResult): string {
  const rows = r.rows ? Object.entries(r.rows).map(([t, n]) => `${n.toLocaleString('en-US')} ${t}`).join(', ') : 'n/a';
  return [
    '| runs sent (c=' + String(r.concurrency) + ') | answers | req/s | RSS idle MB | RSS max while sending MB | RSS after (+' + String(r.settle_s) + ' s) MB | after / idle | SQLite DB MB | rows stored |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---|',
    `| ${r.runs_requested.toLocaleString('en-US')} | ${Object.entries(r.statuses).map(([s, n]) => `${n.toLocaleString('en-US')} x ${s === '0' ? 'socket error' : s}`).join(', ')} | ${r.rps.toFixed(0)} | ${mb(r.rss_idle_kb)} | ${mb(r.rss_max_kb)} | ${mb(r.rss_after_kb)} | ${r.ratio.toFixed(2)} | ${(r.db_bytes / 1024 / 1024).toFixed(0)} | ${rows} |`,
  ].join('\n');
}
