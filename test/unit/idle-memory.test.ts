/**
 * The idle collector's decisions (engine/idle-memory.ts), fed samples by hand: nothing while busy,
 * a first collection after a quiet second when there is slack, a second one only after V8's
 * allocation-rate window, no more than the policy allows, and a fresh period after a busy second.
 */
import assert from 'node:assert/strict';
import { DEFAULT_IDLE_POLICY, idleStep, INITIAL_IDLE_STATE, type IdleSample, type IdleState } from '../../engine/idle-memory.js';

const MB = 1024 * 1024;

function sample(now: number, utilization: number, slackMb = 40): IdleSample {
  return { now, utilization, committed: (20 + slackMb) * MB, used: 20 * MB };
}

/** Runs one sample per second from `start`, returns the seconds at which a collection was asked for. */
function collections(samples: IdleSample[], state: IdleState = INITIAL_IDLE_STATE): number[] {
  const asked: number[] = [];
  let current = state;
  for (const s of samples) {
    const step = idleStep(current, s);
    current = step.state;
    if (step.collect) {
      asked.push(s.now / 1000);
      // As the collector does once the collection ended.
      current = { ...current, collections: current.collections + 1, lastCollection: s.now };
    }
  }
  return asked;
}

const seconds = (from: number, to: number, utilization: number, slackMb?: number): IdleSample[] =>
  Array.from({ length: to - from + 1 }, (_, i) => sample((from + i) * 1000, utilization, slackMb));

describe('idle collector: when to collect', function () {
  it('never collects while the event loop is busy', function () {
    assert.deepEqual(collections(seconds(1, 30, 0.5)), []);
  });

  it('collects after a quiet second, then once more after the window, then stops', function () {
    // Three at most per quiet period, at least windowMs apart.
    assert.deepEqual(collections(seconds(1, 60, 0.001)), [1, 7, 13]);
  });

  it('does not collect when there is little committed-but-unused heap', function () {
    assert.deepEqual(collections(seconds(1, 30, 0.001, 4)), []);
  });

  it('a busy second starts a new quiet period, but never two collections within the window', function () {
    const samples = [...seconds(1, 2, 0.001), ...seconds(3, 3, 0.9), ...seconds(4, 12, 0.001)];
    assert.deepEqual(collections(samples), [1, 7]);
    assert.ok(DEFAULT_IDLE_POLICY.windowMs > 5000, "longer than V8's five-second allocation window");
  });
});
