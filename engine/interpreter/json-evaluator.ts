/**
 * Evaluates a raw definition value (an action's `inputs`, a Switch expression, an If condition in
 * its object form) against a RunView: strings may be expressions, objects and arrays are walked,
 * keys are never evaluated. Each raw value is compiled once and the compiled form is cached by the
 * identity of the (frozen) definition object it came from.
 */
import { compileTemplate, mayBeExpression, type Evaluator } from '../expressions/index.js';
import type { RunView } from '../expressions/run-view.js';
import type { Value, ValueObject } from '../expressions/value.js';

export type JsonEvaluator = (view: RunView) => Value;

const cache = new WeakMap<object, JsonEvaluator>();

export function compileJson(raw: unknown): JsonEvaluator {
  if (typeof raw === 'string') {
    if (!mayBeExpression(raw)) return () => raw;
    return compileTemplate(raw) as Evaluator;
  }
  if (raw === null || typeof raw !== 'object') {
    const value = (raw === undefined ? null : raw) as Value;
    return () => value;
  }
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const evaluator = Array.isArray(raw) ? compileArray(raw) : compileObject(raw as Record<string, unknown>);
  cache.set(raw, evaluator);
  return evaluator;
}

function compileArray(raw: unknown[]): JsonEvaluator {
  const items = raw.map(compileJson);
  return (view) => items.map((item) => item(view));
}

function compileObject(raw: Record<string, unknown>): JsonEvaluator {
  const entries = Object.entries(raw).map(([key, value]) => [key, compileJson(value)] as const);
  return (view) => {
    const out: ValueObject = {};
    for (const [key, evaluate] of entries) {
      if (key === '__proto__') Object.defineProperty(out, key, { value: evaluate(view), enumerable: true, writable: true, configurable: true });
      else out[key] = evaluate(view);
    }
    return out;
  };
}

/**
 * The designer's object form of a condition (`{"and": [{"equals": ["@x", 1]}]}`) as an evaluator:
 * each single-key object is a function call whose arguments are the array items (or the single
 * value), evaluated as definition values.
 */
export function compileCondition(raw: unknown): JsonEvaluator {
  if (typeof raw === 'string' || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return compileJson(raw);
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length !== 1) return compileJson(raw);
  const [name, argsRaw] = entries[0]!;
  const args = (Array.isArray(argsRaw) ? argsRaw : [argsRaw]).map((arg) =>
    arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? compileCondition(arg) : compileJson(arg),
  );
  const call = compileTemplate(`@${name}(${args.map((_, i) => `parameters('__arg${i}')`).join(', ')})`);
  const evaluator: JsonEvaluator = (view) => {
    // The object form's arguments are already values; hand them to the function through a view
    // that answers the placeholder parameters, so laziness and error wording stay the function's.
    const values = args.map((arg) => arg(view));
    const argView: RunView = { ...view, parameter: (p) => (p.startsWith('__arg') ? values[Number(p.slice(5))] : view.parameter(p)) };
    return call(argView);
  };
  cache.set(raw, evaluator);
  return evaluator;
}
