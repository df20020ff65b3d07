/**
 * Retry policies of actions (`inputs.retryPolicy`): reading one, and the wait before each retry.
 * Pure: the interpreter draws the random number and owns the clock.
 *
 * The default policy (no `retryPolicy`, or `type: default`) is exponential with 4 retries, interval
 * PT7S, minimum PT5S and maximum PT1H. The docs describe it in prose as "scaled by 7.5 seconds,
 * capped between 5 and 45 seconds" but render it as exactly that JSON, and Standard's host settings
 * document the same defaults (`Runtime.Backend.HttpOperation.DefaultRetryInterval` 00:00:07,
 * `…DefaultRetryMinimumInterval` 00:00:05, `…DefaultRetryMaximumInterval` 01:00:00, count 4). The
 * two readings only differ for the fourth retry ([28 s, 56 s] against [28 s, 45 s]); we take the
 * documented values over the prose.
 */
import { Float } from '../expressions/value.js';
import { durationMs } from './iso-duration.js';

export type RetryPolicy =
  | { readonly type: 'none' }
  | { readonly type: 'fixed'; readonly count: number; readonly intervalMs: number }
  | {
      readonly type: 'exponential';
      readonly count: number;
      readonly intervalMs: number;
      readonly minimumIntervalMs: number;
      readonly maximumIntervalMs: number;
    };

/** Why a retry policy cannot be used; `property` names the offending member of `retryPolicy`. */
export interface RetryPolicyError {
  readonly error: string;
  readonly property: string;
}

const SECOND = 1_000;
const HOUR = 3_600 * SECOND;
const DAY = 24 * HOUR;

export const MIN_RETRY_COUNT = 1;
export const MAX_RETRY_COUNT = 90;
export const DEFAULT_RETRY_COUNT = 4;
/** Bounds of `interval`, `minimumInterval` and `maximumInterval` (PT5S–P1D). */
export const MIN_RETRY_INTERVAL_MS = 5 * SECOND;
export const MAX_RETRY_INTERVAL_MS = DAY;
/** Bounds an explicit exponential policy gets when it leaves them out. */
export const DEFAULT_MINIMUM_INTERVAL_MS = 5 * SECOND;
export const DEFAULT_MAXIMUM_INTERVAL_MS = DAY;

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  type: 'exponential',
  count: DEFAULT_RETRY_COUNT,
  intervalMs: 7 * SECOND,
  minimumIntervalMs: 5 * SECOND,
  maximumIntervalMs: HOUR,
});

export function isRetryPolicyError(v: RetryPolicy | RetryPolicyError): v is RetryPolicyError {
  return 'error' in v;
}

/** Members are matched ignoring case, as everywhere in a definition. */
function member(obj: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function readCount(raw: unknown): number | RetryPolicyError {
  if (raw === undefined || raw === null) return DEFAULT_RETRY_COUNT;
  let n: number | undefined;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'bigint') n = Number(raw);
  else if (raw instanceof Float) n = raw.value;
  else if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) n = Number(raw);
  if (n === undefined || !Number.isInteger(n) || n < MIN_RETRY_COUNT || n > MAX_RETRY_COUNT) {
    return { property: 'count', error: `the retry count must be an integer from ${MIN_RETRY_COUNT} to ${MAX_RETRY_COUNT}` };
  }
  return n;
}

function readInterval(raw: unknown, property: string, fallback: number | undefined): number | RetryPolicyError {
  if (raw === undefined || raw === null) {
    return fallback ?? { property, error: `the retry policy needs an '${property}' (an ISO 8601 duration such as 'PT10S')` };
  }
  if (typeof raw !== 'string') return { property, error: `the retry '${property}' must be an ISO 8601 duration string` };
  let ms: number;
  try {
    ms = durationMs(raw);
  } catch (err) {
    return { property, error: `the retry '${property}' is invalid: ${(err as Error).message}` };
  }
  if (ms < MIN_RETRY_INTERVAL_MS || ms > MAX_RETRY_INTERVAL_MS) {
    return { property, error: `the retry '${property}' '${raw}' must be between PT5S and P1D` };
  }
  return ms;
}

/**
 * Reads an evaluated `retryPolicy` value. Absent (undefined/null) means the default policy. Types
 * are `none`, `default`, `fixed` and `exponential`, in any letter case; `fixed` and `exponential`
 * need an `interval`, `count` defaults to 4.
 */
export function parseRetryPolicy(raw: unknown): RetryPolicy | RetryPolicyError {
  if (raw === undefined || raw === null) return DEFAULT_RETRY_POLICY;
  if (typeof raw !== 'object' || Array.isArray(raw)) return { property: '', error: 'the retry policy must be an object' };
  const obj = raw as Record<string, unknown>;
  const type = member(obj, 'type');
  if (typeof type !== 'string') return { property: 'type', error: "the retry policy needs a 'type': none, default, fixed or exponential" };
  switch (type.toLowerCase()) {
    case 'none':
      return { type: 'none' };
    case 'default':
      return DEFAULT_RETRY_POLICY;
    case 'fixed': {
      const count = readCount(member(obj, 'count'));
      if (typeof count !== 'number') return count;
      const intervalMs = readInterval(member(obj, 'interval'), 'interval', undefined);
      if (typeof intervalMs !== 'number') return intervalMs;
      return { type: 'fixed', count, intervalMs };
    }
    case 'exponential':
      return parseExponential(obj);
    default:
      return { property: 'type', error: `the retry policy type '${type}' is not one of none, default, fixed, exponential` };
  }
}

function parseExponential(obj: Record<string, unknown>): RetryPolicy | RetryPolicyError {
  const count = readCount(member(obj, 'count'));
  if (typeof count !== 'number') return count;
  const intervalMs = readInterval(member(obj, 'interval'), 'interval', undefined);
  if (typeof intervalMs !== 'number') return intervalMs;
  const minimumIntervalMs = readInterval(member(obj, 'minimumInterval'), 'minimumInterval', DEFAULT_MINIMUM_INTERVAL_MS);
  if (typeof minimumIntervalMs !== 'number') return minimumIntervalMs;
  const maximumIntervalMs = readInterval(member(obj, 'maximumInterval'), 'maximumInterval', DEFAULT_MAXIMUM_INTERVAL_MS);
  if (typeof maximumIntervalMs !== 'number') return maximumIntervalMs;
  if (minimumIntervalMs > maximumIntervalMs) {
    return { property: 'minimumInterval', error: "the retry 'minimumInterval' is greater than its 'maximumInterval'" };
  }
  return { type: 'exponential', count, intervalMs, minimumIntervalMs, maximumIntervalMs };
}

/**
 * The range the wait before exponential retry `n` (1-based) is drawn from, per the docs:
 * n = 1: [max(0, min), min(interval, max)]; n ≥ 2: [max(2^(n-2)·interval, min), min(2^(n-1)·interval, max)].
 */
export function exponentialRange(policy: Extract<RetryPolicy, { type: 'exponential' }>, n: number): { lo: number; hi: number } {
  const low = n === 1 ? 0 : 2 ** (n - 2) * policy.intervalMs;
  const high = 2 ** (n - 1) * policy.intervalMs;
  return { lo: Math.max(low, policy.minimumIntervalMs), hi: Math.min(high, policy.maximumIntervalMs) };
}

/**
 * Milliseconds to wait before retry `retryNumber` (1-based), or undefined when the policy has no
 * retry left. `random` is a draw from [0, 1). When the documented range is empty (the minimum lies
 * above the grown interval, or the grown interval above the maximum) the wait is the bound that
 * wins: the minimum, or the maximum.
 */
export function retryDelayMs(policy: RetryPolicy, retryNumber: number, random: number): number | undefined {
  if (policy.type === 'none' || !Number.isInteger(retryNumber) || retryNumber < 1 || retryNumber > policy.count) return undefined;
  if (policy.type === 'fixed') return policy.intervalMs;
  const { lo, hi } = exponentialRange(policy, retryNumber);
  if (lo <= hi) {
    const r = Math.min(Math.max(random, 0), 1);
    return Math.min(hi, Math.floor(lo + r * (hi - lo)));
  }
  return Math.min(Math.max(hi, policy.minimumIntervalMs), policy.maximumIntervalMs);
}
