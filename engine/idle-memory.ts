/**
 * Gives memory back to the operating system once the server has gone quiet.
 *
 * Why: V8 sizes its heap for the work it last saw. Start-up (loading modules, compiling schemas)
 * and any burst of requests grow the young generation to its maximum (two 16 MB semi-spaces) and
 * leave the old generation full of garbage promoted in flight, and V8 keeps all of it resident
 * until its own memory reducer runs. That reducer waits for a low allocation rate averaged over its
 * last ten collections, which after a burst takes from twenty seconds to well over a minute (it
 * measured "high allocation" for 65 s after 20,000 requests, the process holding 200 MB for 20 MB
 * of live objects). A server knows better when it is idle: its event loop says so.
 *
 * How: once a second the event loop's utilisation is sampled. After a quiet second with enough
 * committed-but-unused heap to be worth it, a full collection runs (incrementally, `async`, so the
 * loop stays responsive). It frees the old generation's garbage. V8 shrinks the young generation
 * only at a full collection whose allocation rate, measured since the previous one over at least
 * five seconds, is low; so when the first collection leaves the heap large, a second one follows
 * after that window. At most three collections per quiet period (any busy second starts a new one),
 * and never two within that window.
 * Under load nothing runs: a busy loop never counts as quiet, so request handling never waits for
 * these collections and the young generation regrows at once to the size the load wants.
 *
 * The collector needs V8's `gc()`: without `--expose-gc` it is obtained by setting the flag for the
 * moment it takes to make one fresh context and read its `gc`, then clearing it again.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What the collector saw in one second. */
export interface IdleSample {
  /** Share of the second the event loop was busy, 0..1. */
  utilization: number;
  /** Milliseconds, monotonic. */
  now: number;
  /** Bytes V8 has committed for its heap. */
  committed: number;
  /** Bytes of it in use. */
  used: number;
}

/** Where the collector stands in the current quiet period. */
export interface IdleState {
  /** Consecutive quiet seconds. */
  quiet: number;
  /** Collections run in this quiet period. */
  collections: number;
  /** When the last collection ended (milliseconds, monotonic). */
  lastCollection: number;
}

export interface IdlePolicy {
  /** A second whose utilisation exceeds this is busy. @default 0.05 */
  busyUtilization: number;
  /** Quiet seconds before the first collection. @default 1 */
  quietSeconds: number;
  /** Committed minus used heap below which there is nothing worth collecting. @default 8 MiB */
  minSlackBytes: number;
  /**
   * Least time between two collections: longer than the five seconds over which V8 measures the
   * allocation rate that decides whether the young generation shrinks. It also bounds the cost
   * when busy and quiet seconds alternate (a few milliseconds of incremental marking per window).
   * @default 5500
   */
  windowMs: number;
  /** Collections per quiet period. @default 3 */
  maxCollections: number;
}

export const DEFAULT_IDLE_POLICY: Readonly<IdlePolicy> = Object.freeze({
  busyUtilization: 0.05,
  quietSeconds: 1,
  minSlackBytes: 8 * 1024 * 1024,
  windowMs: 5500,
  maxCollections: 3,
});

export const INITIAL_IDLE_STATE: Readonly<IdleState> = Object.freeze({ quiet: 0, collections: 0, lastCollection: Number.NEGATIVE_INFINITY });

/** The next state, and whether to collect now (pure: the sampling and the collecting are the caller's). */
export function idleStep(state: IdleState, sample: IdleSample, policy: IdlePolicy = DEFAULT_IDLE_POLICY): { state: IdleState; collect: boolean } {
  if (sample.utilization > policy.busyUtilization) return { state: { ...state, quiet: 0, collections: 0 }, collect: false };
  const next = { ...state, quiet: state.quiet + 1 };
  const collect =
    next.quiet >= policy.quietSeconds &&
    next.collections < policy.maxCollections &&
    sample.now - next.lastCollection >= policy.windowMs &&
    sample.committed - sample.used >= policy.minSlackBytes;
  return { state: next, collect };
}

type GcFunction = (options: { type: 'major'; execution: 'async' }) => Promise<void> | void;

/** V8's gc(), from the command line's `--expose-gc` or from a context made while the flag is set. */
function obtainGc(): GcFunction | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as GcFunction;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as GcFunction) : undefined;
  } catch {
    return undefined;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

export interface IdleCollector {
  stop(): void;
}

/** Starts collecting when idle; the timer never keeps the process alive. */
export function startIdleCollector(policy: IdlePolicy = DEFAULT_IDLE_POLICY): IdleCollector {
  const gc = obtainGc();
  if (gc === undefined) return { stop: () => undefined };
  let state: IdleState = INITIAL_IDLE_STATE;
  let loop: EventLoopUtilization = performance.eventLoopUtilization();
  let collecting = false;
  const tick = (): void => {
    const current = performance.eventLoopUtilization();
    const utilization = performance.eventLoopUtilization(current, loop).utilization;
    loop = current;
    if (collecting) return;
    const heap = getHeapStatistics();
    const step = idleStep(state, { utilization, now: performance.now(), committed: heap.total_heap_size, used: heap.used_heap_size }, policy);
    state = step.state;
    if (!step.collect) return;
    collecting = true;
    void Promise.resolve(gc({ type: 'major', execution: 'async' })).finally(() => {
      collecting = false;
      state = { ...state, collections: state.collections + 1, lastCollection: performance.now() };
      // The collection's own marking steps ran on the loop: they must not read as a busy second.
      loop = performance.eventLoopUtilization();
    });
  };
  const timer = setInterval(tick, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
