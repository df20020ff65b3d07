/**
 * Helpers of the conversion, URI, XML and manipulation function tests: evaluate a template against
 * a small context, catch the evaluation error a case must raise, build and read content envelopes.
 */
import assert from 'node:assert/strict';
import {
  contextView,
  evaluateTemplate,
  ExpressionEvaluationError,
  type EvalContext,
  type Value,
} from '../../../engine/expressions/index.js';

/** Evaluates `text` as written in a definition (e.g. "@xml('<a/>')"); `p` become parameters. */
export function ev(text: string, p: Record<string, Value> = {}, context: EvalContext = {}): Value {
  return evaluateTemplate(text, contextView({ ...context, parameters: p }));
}

/** Asserts that evaluation fails with an InvalidTemplate error and returns it. */
export function evError(text: string, p: Record<string, Value> = {}): ExpressionEvaluationError {
  let got: Value;
  try {
    got = ev(text, p);
  } catch (err) {
    assert.ok(err instanceof ExpressionEvaluationError, `expected ExpressionEvaluationError, got ${String(err)}`);
    assert.equal(err.code, 'InvalidTemplate');
    return err;
  }
  return assert.fail(`expected ${text} to fail, got ${show(got)}`);
}

export function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}

export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function envelope(contentType: string, text: string): Value {
  return { '$content-type': contentType, '$content': b64(text) };
}

/** The text inside an envelope value. */
export function contentText(v: Value): string {
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `expected an envelope, got ${show(v)}`);
  const content = (v as Record<string, Value>)['$content'];
  assert.equal(typeof content, 'string');
  return Buffer.from(content as string, 'base64').toString('utf8');
}
