import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Float } from '../../../engine/expressions/value.js';
import {
  DEFAULT_RETRY_POLICY,
  exponentialRange,
  isRetryPolicyError,
  parseRetryPolicy,
  retryDelayMs,
  type RetryPolicy,
} from '../../../engine/interpreter/retry-policy.js';

const S = 1000;

function policy(raw: unknown): RetryPolicy {
  const p = parseRetryPolicy(raw);
  if (isRetryPolicyError(p)) assert.fail(`unexpected error: ${p.error}`);
  return p;
}

function errorOf(raw: unknown): { error: string; property: string } {
  const p = parseRetryPolicy(raw);
  if (!isRetryPolicyError(p)) assert.fail(`expected an error for ${JSON.stringify(raw)}`);
  return p;
}

describe('retry policy', function () {
  describe('parseRetryPolicy', function () {
    it('absent means the default policy: exponential, 4 retries, PT7S within PT5S..PT1H', function () {
      assert.deepEqual(policy(undefined), { type: 'exponential', count: 4, intervalMs: 7 * S, minimumIntervalMs: 5 * S, maximumIntervalMs: 3600 * S });
      assert.deepEqual(policy(null), DEFAULT_RETRY_POLICY);
      assert.deepEqual(policy({ type: 'Default' }), DEFAULT_RETRY_POLICY);
    });

    it('reads none in any case', function () {
      assert.deepEqual(policy({ type: 'NONE' }), { type: 'none' });
    });

    it('reads fixed with its count and interval, case-insensitive members', function () {
      assert.deepEqual(policy({ type: 'fixed', count: 2, interval: 'PT30S' }), { type: 'fixed', count: 2, intervalMs: 30 * S });
      assert.deepEqual(policy({ Type: 'Fixed', Count: '3', Interval: 'PT1M' }), { type: 'fixed', count: 3, intervalMs: 60 * S });
      assert.deepEqual(policy({ type: 'fixed', count: new Float(5), interval: 'PT5S' }), { type: 'fixed', count: 5, intervalMs: 5 * S });
    });

    it('defaults the count to 4', function () {
      assert.equal((policy({ type: 'fixed', interval: 'PT10S' }) as { count: number }).count, 4);
    });

    it('reads exponential with the documented bound defaults (PT5S, P1D)', function () {
      assert.deepEqual(policy({ type: 'exponential', count: 5, interval: 'PT10S' }), {
        type: 'exponential', count: 5, intervalMs: 10 * S, minimumIntervalMs: 5 * S, maximumIntervalMs: 86_400 * S,
      });
      assert.deepEqual(policy({ type: 'exponential', count: 50, interval: 'PT10S', minimumInterval: 'PT10S', maximumInterval: 'PT120S' }), {
        type: 'exponential', count: 50, intervalMs: 10 * S, minimumIntervalMs: 10 * S, maximumIntervalMs: 120 * S,
      });
    });

    const bad: Array<[unknown, string]> = [
      ['exponential', ''],
      [[], ''],
      [{}, 'type'],
      [{ type: 'linear', count: 2, interval: 'PT5S' }, 'type'],
      [{ type: 'fixed', count: 0, interval: 'PT5S' }, 'count'],
      [{ type: 'fixed', count: 91, interval: 'PT5S' }, 'count'],
      [{ type: 'fixed', count: 2.5, interval: 'PT5S' }, 'count'],
      [{ type: 'fixed', count: 'two', interval: 'PT5S' }, 'count'],
      [{ type: 'fixed', count: 2 }, 'interval'],
      [{ type: 'fixed', count: 2, interval: 'PT4S' }, 'interval'],
      [{ type: 'fixed', count: 2, interval: 'P1DT1S' }, 'interval'],
      [{ type: 'fixed', count: 2, interval: 'P1M' }, 'interval'],
      [{ type: 'fixed', count: 2, interval: '00:00:10' }, 'interval'],
      [{ type: 'fixed', count: 2, interval: 10 }, 'interval'],
      [{ type: 'exponential', count: 2, interval: 'PT10S', minimumInterval: 'PT1M', maximumInterval: 'PT30S' }, 'minimumInterval'],
      [{ type: 'exponential', count: 2, interval: 'PT10S', maximumInterval: 'P2D' }, 'maximumInterval'],
    ];
    for (const [raw, property] of bad) {
      it(`rejects ${JSON.stringify(raw)} at '${property}'`, function () {
        assert.equal(errorOf(raw).property, property);
      });
    }
  });

  describe('retryDelayMs', function () {
    it('never retries under none', function () {
      assert.equal(retryDelayMs({ type: 'none' }, 1, 0.5), undefined);
    });

    it('waits the interval for each of count retries under fixed, then stops', function () {
      const p = policy({ type: 'fixed', count: 2, interval: 'PT30S' });
      assert.equal(retryDelayMs(p, 1, 0.9), 30 * S);
      assert.equal(retryDelayMs(p, 2, 0.1), 30 * S);
      assert.equal(retryDelayMs(p, 3, 0.1), undefined);
      assert.equal(retryDelayMs(p, 0, 0.1), undefined);
    });

    it('draws the exponential wait from the documented ranges', function () {
      const p = policy({ type: 'exponential', count: 4, interval: 'PT10S', minimumInterval: 'PT5S', maximumInterval: 'PT1H' });
      assert.deepEqual(exponentialRange(p as Extract<RetryPolicy, { type: 'exponential' }>, 1), { lo: 5 * S, hi: 10 * S });
      assert.equal(retryDelayMs(p, 1, 0), 5 * S);
      assert.equal(retryDelayMs(p, 1, 0.5), 7.5 * S);
      assert.equal(retryDelayMs(p, 2, 0), 10 * S);
      assert.equal(retryDelayMs(p, 2, 0.999999), 19_999);
      assert.equal(retryDelayMs(p, 3, 0.5), 30 * S);
      assert.equal(retryDelayMs(p, 4, 0.25), 50 * S);
      assert.equal(retryDelayMs(p, 5, 0.25), undefined);
    });

    it('the default policy waits 5-7 s, 7-14 s, 14-28 s and 28-56 s', function () {
      const ranges = [1, 2, 3, 4].map((n) => [retryDelayMs(DEFAULT_RETRY_POLICY, n, 0), retryDelayMs(DEFAULT_RETRY_POLICY, n, 0.9999999)]);
      assert.deepEqual(ranges, [[5 * S, 7 * S - 1], [7 * S, 14 * S - 1], [14 * S, 28 * S - 1], [28 * S, 56 * S - 1]]);
      assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 5, 0), undefined);
    });

    it('caps at the maximum once the grown interval passes it', function () {
      const p = policy({ type: 'exponential', count: 10, interval: 'PT10S', minimumInterval: 'PT5S', maximumInterval: 'PT2M' });
      assert.equal(retryDelayMs(p, 5, 0.5), 100 * S); // [80 s, min(160 s, 120 s)]
      assert.equal(retryDelayMs(p, 6, 0), 120 * S); // [160 s, 320 s] lies above the maximum
      assert.equal(retryDelayMs(p, 10, 0.7), 120 * S);
    });

    it('raises to the minimum when it lies above the grown interval', function () {
      const p = policy({ type: 'exponential', count: 3, interval: 'PT5S', minimumInterval: 'PT1M', maximumInterval: 'PT1H' });
      assert.equal(retryDelayMs(p, 1, 0.3), 60 * S);
      assert.equal(retryDelayMs(p, 2, 0.3), 60 * S);
    });

    it('always stays within [lo, hi] when that range is non-empty, and within [min, max] always', function () {
      const seconds = fc.integer({ min: 5, max: 86_400 });
      fc.assert(
        fc.property(seconds, seconds, seconds, fc.integer({ min: 1, max: 90 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (interval, a, b, n, r) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const p = policy({ type: 'exponential', count: 90, interval: `PT${interval}S`, minimumInterval: `PT${min}S`, maximumInterval: `PT${max}S` });
          const delay = retryDelayMs(p, n, r);
          assert.ok(delay !== undefined);
          assert.ok(Number.isInteger(delay));
          assert.ok(delay >= min * S && delay <= max * S, `delay ${delay} outside [${min}s, ${max}s]`);
          const { lo, hi } = exponentialRange(p as Extract<RetryPolicy, { type: 'exponential' }>, n);
          if (lo <= hi) assert.ok(delay >= lo && delay <= hi, `delay ${delay} outside [${lo}, ${hi}]`);
        }),
      );
    });

    it('gives exactly count retries for any count', function () {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 90 }), fc.constantFrom('fixed', 'exponential'), (count, type) => {
          const p = policy({ type, count, interval: 'PT5S' });
          assert.notEqual(retryDelayMs(p, count, 0.5), undefined);
          assert.equal(retryDelayMs(p, count + 1, 0.5), undefined);
        }),
      );
    });
  });
});
