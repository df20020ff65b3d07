/**
 * Helpers of the number tests: evaluate a template, expect an evaluation error, and check a value's
 * kind as well as its number (integer vs float vs decimal is observable).
 */
import assert from 'node:assert/strict';
import { contextView, evaluateTemplate, ExpressionEvaluationError } from '../../../engine/expressions/index.js';
import { Decimal, Float, kindOf, toText, type Value } from '../../../engine/expressions/value.js';

export function ev(text: string, random = 0.5): Value {
  const view = contextView({});
  return evaluateTemplate(text, { ...view, random: () => random, now: view.now.bind(view) } as typeof view);
}

/** Text of the result as interpolation prints it (`@{...}`). */
export function evText(expr: string): string {
  return toText(ev(`@${expr}`));
}

export function evError(text: string, pattern?: RegExp): ExpressionEvaluationError {
  try {
    const got = ev(text);
    return assert.fail(`expected ${text} to fail, got ${toText(got)}`);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    assert.ok(err instanceof ExpressionEvaluationError, `expected ExpressionEvaluationError, got ${String(err)}`);
    assert.equal(err.code, 'InvalidTemplate');
    if (pattern) assert.match(err.message, pattern);
    return err;
  }
}

/** Asserts kind and text: `expectNumber('@add(1, 2)', 'Integer', '3')`. */
export function expectNumber(text: string, kind: 'Integer' | 'Float' | 'Decimal', shown: string): void {
  const v = ev(text);
  assert.equal(kindOf(v), kind, `${text}: kind`);
  assert.equal(toText(v), shown, `${text}: text`);
}

export { Decimal, Float };
