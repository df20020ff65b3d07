import assert from 'node:assert/strict';
import { formatMs, overlayInProgress, repetitionLabel, runOverlay, securedPayloads, statusClass, type ActionExecution } from '../../../../ui/src/runs/run-overlay.js';

const exec = (name: string, status: string, extra: Partial<ActionExecution['properties']> = {}): ActionExecution => ({ name, properties: { status, ...extra } });

describe('ui runs: run overlay (executions → card states)', function () {
  it('keys each execution by its node id with status, duration and retries', function () {
    const overlay = runOverlay(
      [
        exec('A', 'Succeeded', { startTime: '2026-01-01T00:00:00.000Z', endTime: '2026-01-01T00:00:01.500Z' }),
        exec('B', 'Failed', { startTime: '2026-01-01T00:00:02.000Z', endTime: '2026-01-01T00:00:02.250Z', retryHistory: [{}, {}] }),
        exec('C', 'Skipped'),
      ],
      { trigger: 'manual' },
    );
    assert.deepEqual([...overlay.keys()], ['action:A', 'action:B', 'action:C', 'trigger:manual']);
    const a = overlay.get('action:A')!;
    assert.equal(a.status, 'Succeeded');
    assert.equal(a.durationMs, 1500);
    assert.equal(a.duration, '1.5 s');
    assert.equal(a.retries, 0);
    assert.equal(overlay.get('action:B')!.retries, 2);
    assert.equal(overlay.get('action:B')!.duration, '250 ms');
    assert.equal(overlay.get('action:C')!.duration, '');
    assert.equal(overlay.get('action:C')!.durationMs, undefined);
    assert.equal(overlay.get('trigger:manual')!.status, 'Succeeded');
  });

  it('measures a running action up to now, and says the overlay is in progress', function () {
    const now = Date.parse('2026-01-01T00:01:05.000Z');
    const overlay = runOverlay([exec('Wait', 'Running', { startTime: '2026-01-01T00:00:00.000Z' })], { now });
    assert.equal(overlay.get('action:Wait')!.duration, '1 min 5 s');
    assert.equal(overlayInProgress(overlay), true);
    assert.equal(overlayInProgress(runOverlay([exec('A', 'Succeeded')])), false);
  });

  it('marks actions inside loops as repeated (their cards get a pager)', function () {
    const overlay = runOverlay([exec('Inner', 'Succeeded', { repetitionIndexes: [{ scopeName: 'Each', itemIndex: 2 }] }), exec('Each', 'Succeeded')]);
    assert.equal(overlay.get('action:Inner')!.repeated, true);
    assert.equal(overlay.get('action:Each')!.repeated, false);
  });

  it('says which payloads are secured: server markers or the definition secureData', function () {
    assert.deepEqual(securedPayloads(exec('A', 'Succeeded', { secureOutputs: true }), undefined), { inputs: false, outputs: true });
    const action = { type: 'Http', runtimeConfiguration: { secureData: { properties: ['inputs'] } } };
    assert.deepEqual(securedPayloads(exec('A', 'Succeeded', { outputs: { statusCode: 200 } }), action), { inputs: true, outputs: false });
    assert.deepEqual(securedPayloads(exec('A', 'Succeeded', { inputs: 1, outputs: 2 }), { type: 'Compose' }), { inputs: false, outputs: false });
  });

  it('formats durations, status classes and repetition names', function () {
    assert.equal(formatMs(undefined), '');
    assert.equal(formatMs(999), '999 ms');
    assert.equal(statusClass('TimedOut'), 'status-timedout');
    assert.equal(repetitionLabel('000002'), '2');
    assert.equal(repetitionLabel('000001-000003'), '1.3');
  });
});
