/**
 * Renaming an action inside expressions. Only the first argument of the functions that name an
 * action counts (`body('A')`, `outputs('A')`…); `?['A']` is a property and `variables('A')` a
 * variable, so neither changes. Each string is parsed with the engine's expression parser and only
 * the spans of the matching string literals are replaced, so the rest of the text (spacing, quoting
 * of other literals, the case of function names) stays byte-identical and a rename followed by its
 * inverse gives back the same JSON text.
 */
import { forEachCall, type Ast, type Span } from '../../../engine/expressions/ast.js';
import { parseTemplate } from '../../../engine/expressions/template.js';
import { isObject, setOwn, type Json } from './json.js';

/** Functions whose first argument is an action name (matched case-insensitively, as Logic Apps does). */
export const ACTION_NAME_FUNCTIONS: ReadonlySet<string> = new Set(
  ['actions', 'body', 'outputs', 'result', 'items', 'iterationIndexes', 'actionBody', 'actionOutputs'].map((f) => f.toLowerCase()),
);

const quote = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** Rewrites one string; returns it unchanged (same value) when it names nothing to rename. */
export function renameInString(text: string, from: string, to: string): string {
  // Cheap filter: the literal has to appear in the text, quotes doubled as written.
  if (!text.includes('@') || !text.includes(from.replace(/'/g, "''"))) return text;
  let asts: Ast[];
  try {
    const template = parseTemplate(text);
    if (template.kind === 'literal') return text;
    asts = template.kind === 'expression' ? [template.ast] : template.parts.filter((p): p is Ast => typeof p !== 'string');
  } catch {
    return text; // Not an expression we can read: leave it for the validator to report.
  }
  const spans: Span[] = [];
  for (const ast of asts) {
    forEachCall(ast, (call) => {
      const first = call.args[0];
      if (!ACTION_NAME_FUNCTIONS.has(call.name.toLowerCase())) return;
      if (first?.type === 'literal' && first.value === from && first.raw.startsWith("'")) spans.push(first.span);
    });
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => b.start - a.start);
  let out = text;
  for (const span of spans) out = out.slice(0, span.start) + quote(to) + out.slice(span.end);
  return out;
}

/** Rewrites every string value below `value` in place (keys are left alone). */
export function renameInJson(value: Json, from: string, to: string): Json {
  if (typeof value === 'string') return renameInString(value, from, to);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = renameInJson(value[i]!, from, to);
  } else if (isObject(value)) {
    for (const key of Object.keys(value)) setOwn(value, key, renameInJson(value[key]!, from, to));
  }
  return value;
}
