/**
 * Runs every vector of ../shared/conformance/expressions.json through the evaluator. The vectors
 * are read at test time, never copied. A vector that Sluice deliberately answers differently must
 * be listed in known-differences.json with the reason and the evidence.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../../engine/errors.js';
import {
  contextView,
  deepEqual,
  evaluateTemplate,
  isXmlEnvelope,
  parseEvalContext,
  toJsonText,
  toText,
  type Value,
} from '../../engine/expressions/index.js';
import { parseJson } from '../../engine/expressions/json-parse.js';
import { repoRoot, sharedDir } from '../helpers/paths.js';

interface Vector {
  expr: string;
  context?: Value;
  expected?: Value;
  error?: boolean;
  source?: string;
}

interface KnownDifference {
  expr: string;
  reason: string;
  evidence: string;
}

const vectorsFile = join(sharedDir(), 'conformance', 'expressions.json');
const known: KnownDifference[] = JSON.parse(readFileSync(join(repoRoot(), 'test', 'conformance', 'known-differences.json'), 'utf8'));

/** Compares as the conformance README says: key order ignored, numbers by value, XML via its text. */
function matches(actual: Value, expected: Value): boolean {
  if (typeof expected === 'string' && isXmlEnvelope(actual)) return toText(actual) === expected;
  return deepEqual(actual, expected);
}

describe('conformance: expression vectors', function () {
  if (!existsSync(vectorsFile)) {
    it.skip(`vectors not found at ${vectorsFile}`);
    return;
  }
  const vectors = parseJson(readFileSync(vectorsFile, 'utf8')) as unknown as Vector[];

  it('lists only vectors that exist in known-differences.json, each with reason and evidence', function () {
    for (const entry of known) {
      assert.ok(vectors.some((v) => v.expr === entry.expr), `known difference for a missing vector: ${entry.expr}`);
      assert.ok(entry.reason && entry.evidence, `known difference without reason/evidence: ${entry.expr}`);
    }
  });

  vectors.forEach((vector, index) => {
    const title = `#${index} ${vector.expr.length > 90 ? `${vector.expr.slice(0, 87)}...` : vector.expr}`;
    if (known.some((k) => k.expr === vector.expr)) {
      it.skip(`${title} (known difference)`);
      return;
    }
    it(title, function () {
      const view = contextView(parseEvalContext(vector.context));
      if (vector.error) {
        assert.throws(
          () => evaluateTemplate(vector.expr, view),
          (err: unknown) => err instanceof SluiceError && err.code !== 'InternalError' && err.message.length > 0,
          `expected a clear error (${vector.source ?? ''})`,
        );
        return;
      }
      const actual = evaluateTemplate(vector.expr, view);
      assert.ok(
        matches(actual, vector.expected ?? null),
        `got ${toJsonText(actual)}, expected ${toJsonText(vector.expected ?? null)} (${vector.source ?? ''})`,
      );
    });
  });
});
