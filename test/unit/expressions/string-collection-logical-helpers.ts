/**
 * Shared helpers of the string, collection and logical function tests: evaluate a template
 * against a small context, and catch the evaluation error a case must raise.
 */
import assert from 'node:assert/strict';
import {
  contextView,
  evaluateTemplate,
  ExpressionEvaluationError,
  type EvalContext,
  type RunView,
  type Value,
} from '../../../engine/expressions/index.js';

export function view(context: EvalContext = {}, overrides: Partial<RunView> = {}): RunView {
  return { ...contextView(context), ...overrides };
}

/** Evaluates `text` (as written in a definition, e.g. "@length('abc')"); `p` become parameters. */
export function ev(text: string, p: Record<string, Value> = {}, overrides: Partial<RunView> = {}): Value {
  return evaluateTemplate(text, view({ parameters: p }, overrides));
}

/** Asserts that evaluation fails with an InvalidTemplate error and returns it. */
export function evError(text: string, p: Record<string, Value> = {}): ExpressionEvaluationError {
  try {
    const got = ev(text, p);
    assert.fail(`expected ${text} to fail, got ${JSON.stringify(got, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    assert.ok(err instanceof ExpressionEvaluationError, `expected ExpressionEvaluationError, got ${String(err)}`);
    return err;
  }
}
