/**
 * From a string value as it stands in a definition to an evaluator. A definition is compiled once
 * (every string parsed, every call bound) and then evaluated for each run.
 */
import { compileExpression, type Evaluator } from './evaluate.js';
import { ExpressionEvaluationError } from './expression-errors.js';
import type { RunView } from './run-view.js';
import { parseTemplate, type Template } from './template.js';
import { toText, type Value } from './value.js';

export type { Evaluator } from './evaluate.js';

export function compileParsedTemplate(template: Template): Evaluator {
  switch (template.kind) {
    case 'literal': {
      const value = template.value;
      return () => value;
    }
    case 'expression':
      return compileExpression(template.ast);
    case 'interpolation': {
      const parts = template.parts.map((part) => (typeof part === 'string' ? part : compileExpression(part)));
      return (view) => {
        let out = '';
        for (const part of parts) out += typeof part === 'string' ? part : segmentText(part(view));
        return out;
      };
    }
  }
}

/** The text of an `@{...}` segment; content that cannot be read as text is an evaluation error. */
function segmentText(value: Value): string {
  try {
    return toText(value);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ExpressionEvaluationError(`@{...}: the value cannot be converted to text: ${reason}`, {
      detail: `The template language expression cannot be converted to text: ${reason}.`,
    });
  }
}

/** Parses and compiles; throws ExpressionSyntaxError with the position on bad text. */
export function compileTemplate(text: string): Evaluator {
  return compileParsedTemplate(parseTemplate(text));
}

const CACHE_LIMIT = 1000;
const cache = new Map<string, Evaluator>();

/**
 * Evaluates a string value once. Compiled forms of recent texts are kept, so ad-hoc callers (the
 * CLI, tests) also pay the parse only once per text.
 */
export function evaluateTemplate(text: string, view: RunView): Value {
  let evaluator = cache.get(text);
  if (evaluator === undefined) {
    evaluator = compileTemplate(text);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(text, evaluator);
  }
  return evaluator(view);
}
