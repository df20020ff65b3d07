/**
 * Shapes of the side-by-side results: the rows the peers harness writes to results.jsonl (one
 * per measurement, see its run.sh) and the file `bench/results/<stamp>.json` made from them.
 */
import type { MachineInfo } from '../lib/machine.js';
import type { SluiceVersion } from '../lib/sluice-version.js';
import type { StoredRunsResult } from '../lib/stored-runs-report.js';

/** One line of the harness's results.jsonl. Fields depend on `workload`. */
export interface HarnessRow {
  peer: string;
  workload: 'idle' | 'W1' | 'W2' | 'after';
  variant?: string;
  // W1 (wrk / autocannon summary + server figures)
  conc?: number;
  tool?: string;
  requests?: number;
  rps?: number;
  p50_ms?: number;
  p90_ms?: number;
  p99_ms?: number;
  max_ms?: number;
  errors?: number;
  non2xx?: number;
  rss_max_kb?: number;
  server_cpu_cores?: number;
  // W2
  n?: number;
  median_ms?: number;
  min_ms?: number;
  samples_ms?: number[];
  rss_after_kb?: number;
  // idle
  start_to_ready_s?: number;
  rss_idle_kb?: number;
  rss_idle_pid_kb?: string;
  setup_s?: number;
  // after
  rss_after_all_kb?: number;
  db_kb?: number;
}

/** One run of the harness (one repeat). */
export interface HarnessRun {
  repeat: number;
  /** The harness's own stamp (its results folder name). */
  stamp: string;
  /** The harness's env.txt: peer versions as install.sh recorded them, load settings, uname, nproc. */
  env: string[];
  rows: HarnessRow[];
  /** From the harness's egress recorder, by peer: processes it was loaded in, non-loopback attempts. */
  egress: Record<string, { hook_processes: number; attempts: number }>;
}

export interface W1Median {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  rss_max_kb: number;
  server_cpu_cores: number;
  /** Each repeat's req/s, in run order. */
  rps_runs: number[];
  p99_runs: number[];
}

/** Medians over the repeats for one engine and variant (n8n has two variants in one process). */
export interface EngineMedians {
  peer: string;
  variant: string;
  label: string;
  variant_label: string;
  w1: Record<string, W1Median>;
  w2?: { median_ms: number; min_ms: number; max_ms: number; median_runs: number[] };
  /** Per process, so shared by the variants of one engine. */
  idle?: { rss_idle_kb: number; start_to_ready_s: number; setup_s: number };
  after?: { rss_after_all_kb: number; db_kb: number };
  /** Max over the concurrencies of each repeat's RSS maximum, median over repeats. */
  rss_max_kb?: number;
  /** W1 socket errors + non-2xx answers, summed over every repeat and concurrency. */
  errors: number;
  repeats: number;
}

export interface Ratio {
  label: string;
  peer: string;
  variant: string;
  /** Sluice req/s divided by the peer's (above 1: Sluice does more). */
  w1_c32?: number;
  w1_c1?: number;
  /** Sluice's W2 time divided by the peer's (below 1: Sluice is faster). */
  w2_time?: number;
}

export interface Goal {
  goal: string;
  target: string;
  measured: string;
  /** undefined when the figure needed was not measured in this run (e.g. a peer left out). */
  met?: boolean;
  stretch?: boolean;
}

export interface PeersResult {
  kind: 'peers';
  date: string;
  settings: { repeats: number; duration_s: number; warmup_s: number; concs: number[]; w2_n: number; peers: string[]; loadgen: string };
  machine: MachineInfo;
  sluice: SluiceVersion;
  /** install.sh's versions.txt of the peers. */
  peer_versions: string[];
  wall_time_s?: number;
  runs: HarnessRun[];
  medians: EngineMedians[];
  ratios: Ratio[];
  stored_runs?: StoredRunsResult;
  goals: Goal[];
}
