/** The commit plan crosses to the commit worker as one string: it must come back exactly. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { COMMIT_SQL, decodePlan, encodePlan, type CommitStatementName, type CommitStep } from '../../../engine/store/commit-plan.js';

const names = Object.keys(COMMIT_SQL) as CommitStatementName[];
const param = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 's3:abc', 'z', 'n1;', ';:,', '\u0000', '\ud83d\ude00'),
  fc.integer(),
  fc.double({ noNaN: true }).filter((d) => !Object.is(d, -0)),
  fc.bigInt(),
  fc.constant(null),
);
const step: fc.Arbitrary<CommitStep> = fc
  .record({ s: fc.constantFrom(...names), p: fc.array(param, { maxLength: 20 }), mustChange: fc.option(fc.string(), { nil: undefined }), creates: fc.option(fc.string(), { nil: undefined }) })
  .map(({ s, p, mustChange, creates }) => {
    const out: CommitStep = { s, p };
    if (mustChange !== undefined) out.mustChange = mustChange;
    if (creates !== undefined) out.creates = creates;
    return out;
  });

describe('commit plan encoding', () => {
  it('decodes what it encodes: statements, parameters of every kind, and the run checks', () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 12 }), (steps) => assert.deepStrictEqual(decodePlan(encodePlan(steps)), steps)), { numRuns: 1000 });
  });

  it('refuses a parameter SQLite could not bind from the plan', () => {
    assert.throws(() => encodePlan([{ s: 'insertEvent', p: [{ not: 'a scalar' }] }]), /must be a string, number, bigint or null/);
  });
});
