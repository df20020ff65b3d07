/**
 * Runs every golden workflow (test/fixtures/workflows/*.json, format in its README) once through
 * runWorkflowOnce on the virtual clock, against a loopback HTTP stub where the definition calls
 * out, and checks the run against the fixture's expectations. Every mismatch of a fixture is
 * reported together, with the statuses the run actually produced.
 */
import assert from 'node:assert/strict';
import type { Value } from '../../engine/expressions/value.js';
import type { RunOnceResult, TriggerOutputs } from '../../engine/runtime/engine-types.js';
import { runWorkflowOnce } from '../../engine/runtime/run-once.js';
import { readGoldenFixtures, usesStub, type ActionExpectation, type GoldenFixture } from '../helpers/golden-fixture.js';
import { startGoldenStub, type GoldenStub } from '../helpers/golden-stub.js';
import { plain, show, subsetMismatches } from '../helpers/subset-match.js';

type ActionRun = RunOnceResult['actions'][string];

describe('golden workflows', function () {
  // Only the Http timeout fixture may wait on a real timer (its limit.timeout), and only briefly.
  this.timeout(30_000);

  for (const { file, fixture } of readGoldenFixtures()) {
    it(`${file.replace(/\.json$/, '')}: ${fixture.expected.status}`, async () => {
      const stub = usesStub(fixture) ? await startGoldenStub(fixture.stub?.routes ?? []) : undefined;
      try {
        const result = await runWorkflowOnce({
          definition: fixture.definition,
          ...(fixture.trigger ? { trigger: fixture.trigger as TriggerOutputs } : {}),
          parameters: { ...(fixture.parameters ?? {}), ...(stub ? { stubUrl: stub.url } : {}) } as Record<string, Value>,
          clock: 'virtual',
        });
        const problems = checkRun(fixture, result, stub);
        if (problems.length > 0) assert.fail(`${problems.join('\n')}\n-- actual: ${summary(result)}`);
      } finally {
        await stub?.stop();
      }
    });
  }
});

function checkRun(fixture: GoldenFixture, result: RunOnceResult, stub: GoldenStub | undefined): string[] {
  const expected = fixture.expected;
  const problems: string[] = [];
  if (result.status !== expected.status) problems.push(`run status: expected ${expected.status}, got ${result.status}`);
  if (expected.error) problems.push(...subsetMismatches(expected.error, result.error, 'error'));
  for (const [name, want] of Object.entries(expected.actions ?? {})) {
    const got = result.actions[name];
    if (got) problems.push(...checkAction(name, want, got, expected.secrets ?? []));
    else if (!statusesOf(want).includes(NOT_RUN)) problems.push(`action ${name}: not in the result`);
  }
  if (fixture.checkUnlistedFailures !== false) {
    for (const [name, got] of Object.entries(result.actions)) {
      if (!(name in (expected.actions ?? {})) && got.status === 'Failed') problems.push(`action ${name}: unexpectedly Failed ${show(got.error)}`);
    }
  }
  if (expected.outputs) problems.push(...subsetMismatches(expected.outputs, plainRecord(result.outputs), 'outputs'));
  if (expected.response) problems.push(...subsetMismatches(expected.response, responseOf(result), 'response'));
  for (const [key, count] of Object.entries(expected.stubCalls ?? {})) {
    const received = stub?.calls.get(key) ?? 0;
    if (received !== count) problems.push(`stub calls ${key}: expected ${count}, got ${received}`);
  }
  const text = resultText(result);
  for (const secret of expected.secrets ?? []) {
    if (text.includes(secret)) problems.push(`secret ${show(secret)} appears in the run result`);
  }
  return problems;
}

function checkAction(name: string, want: ActionExpectation, got: ActionRun, secrets: readonly string[]): string[] {
  const at = `action ${name}`;
  const problems: string[] = [];
  const statuses = statusesOf(want);
  if (!statuses.includes(got.status)) problems.push(`${at}: expected status ${statuses.join(' or ')}, got ${got.status} ${show(got.error)}`);
  if (want.code !== undefined && got.code !== want.code) problems.push(`${at}: expected code ${want.code}, got ${String(got.code)}`);
  if (want.outputs !== undefined) problems.push(...subsetMismatches(want.outputs, plain(got.outputs), `${at} outputs`));
  // The result leaves out counts of 1.
  const attempts = got.attempts ?? 1;
  const repetitions = got.repetitions ?? 1;
  if (want.attempts !== undefined && attempts !== want.attempts) problems.push(`${at}: expected ${want.attempts} attempts, got ${attempts}`);
  if (want.repetitions !== undefined && repetitions !== want.repetitions) problems.push(`${at}: expected ${want.repetitions} repetitions, got ${repetitions}`);
  if (want.trackedProperties !== undefined) {
    const record: Record<string, unknown> = got;
    problems.push(...subsetMismatches(want.trackedProperties, plain(record['trackedProperties'] as Value | undefined), `${at} trackedProperties`));
  }
  if (want.secure) {
    const recorded = show({ inputs: plain(got.inputs), outputs: plain(got.outputs) });
    for (const secret of secrets) if (recorded.includes(secret)) problems.push(`${at}: secured inputs/outputs show ${show(secret)}`);
  }
  return problems;
}

/** The pseudo-status of an action the run never reached and did not record. */
const NOT_RUN = 'NotRun';

function statusesOf(want: ActionExpectation): string[] {
  return Array.isArray(want.status) ? want.status : [want.status];
}

function plainRecord(values: Record<string, Value> | undefined): unknown {
  return values === undefined ? undefined : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, plain(v)]));
}

function responseOf(result: RunOnceResult): unknown {
  const r = result.response;
  return r === undefined ? undefined : { statusCode: r.statusCode, headers: r.headers, body: plain(r.body) };
}

/** Everything the run result shows, as text, for the secrets check. */
function resultText(result: RunOnceResult): string {
  const actions = Object.fromEntries(
    Object.entries(result.actions).map(([name, a]) => [name, { ...a, inputs: plain(a.inputs), outputs: plain(a.outputs) }]),
  );
  const all = { status: result.status, error: result.error, actions, outputs: plainRecord(result.outputs), response: responseOf(result) };
  return JSON.stringify(all, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

function summary(result: RunOnceResult): string {
  const statuses = Object.entries(result.actions).map(([name, a]) => `${name}=${a.status}${a.code ? `(${a.code})` : ''}`);
  return `${result.status} ${show(result.error)} [${statuses.join(', ')}]`;
}
