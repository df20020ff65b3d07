/**
 * Autocomplete for expression text (`@…` and `@{…}` segments), pure: where the caret is (a
 * function or dynamic-content name, an action name inside `body('…`, a property key inside `?['…`),
 * which suggestions fit, in which order, and the text after accepting one.
 */
import { FUNCTION_DOCS, signatureOf } from './function-docs.js';

export type SuggestionKind = 'dynamic' | 'function' | 'action' | 'property';

export interface Suggestion {
  readonly kind: SuggestionKind;
  /** What the list shows and what the typed prefix is matched against. */
  readonly label: string;
  /** The text that replaces the prefix. */
  readonly insert: string;
  /** Signature or where the value comes from. */
  readonly detail?: string;
  readonly doc?: string;
}

export type CompletionContext =
  | { readonly mode: 'name'; readonly from: number; readonly prefix: string }
  | { readonly mode: 'action'; readonly from: number; readonly prefix: string; readonly fn: string }
  | { readonly mode: 'property'; readonly from: number; readonly prefix: string; readonly base: string };

export interface FunctionInfo {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number | null;
}

/** Offset where the expression around `caret` starts (after `@` or `@{`), or -1 outside one. */
export function expressionStart(text: string, caret: number): number {
  if (text.startsWith('@') && !text.startsWith('@@') && !text.startsWith('@{')) return 1;
  const open = text.lastIndexOf('@{', caret - 1);
  if (open < 0 || (open > 0 && text[open - 1] === '@')) return -1;
  const close = text.indexOf('}', open);
  if (close >= 0 && close < caret) return -1;
  return open + 2;
}

const ACTION_FUNCTIONS = ['body', 'outputs', 'actions', 'result', 'actionBody', 'actionOutputs', 'items', 'iterationIndexes'];

export function completionContext(text: string, caret: number): CompletionContext | undefined {
  const start = expressionStart(text, caret);
  if (start < 0 || caret < start) return undefined;
  const before = text.slice(start, caret);
  const quotes = (before.match(/'/g) ?? []).length;
  if (quotes % 2 === 1) {
    const action = /([A-Za-z]+)\(\s*'([^']*)$/.exec(before);
    if (action && ACTION_FUNCTIONS.includes(action[1]!)) return { mode: 'action', from: caret - action[2]!.length, prefix: action[2]!, fn: action[1]! };
    const prop = /([A-Za-z]+\((?:'[^']*'|[^()'])*\)(?:\??\[\s*'[^']*'\s*\])*)\??\[\s*'([^']*)$/.exec(before);
    if (prop) return { mode: 'property', from: caret - prop[2]!.length, prefix: prop[2]!, base: prop[1]!.replace(/\s+/g, '') };
    return undefined;
  }
  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before);
  const prefix = word ? word[0] : '';
  const charBefore = before[before.length - prefix.length - 1];
  if (charBefore === '.' || charBefore === ']' || charBefore === ')') return undefined;
  return { mode: 'name', from: caret - prefix.length, prefix };
}

export function functionSuggestions(functions: readonly FunctionInfo[]): Suggestion[] {
  return functions.map((f) => {
    const doc = FUNCTION_DOCS[f.name]?.doc;
    return {
      kind: 'function' as const,
      label: f.name,
      insert: f.maxArgs === 0 ? `${f.name}()` : `${f.name}(`,
      detail: signatureOf(f.name, f.minArgs, f.maxArgs),
      ...(doc !== undefined ? { doc } : {}),
    };
  });
}

/** Trigger outputs and the outputs of the given (preceding) actions. */
export function dynamicSuggestions(hasTrigger: boolean, predecessors: readonly string[]): Suggestion[] {
  const out: Suggestion[] = [];
  if (hasTrigger) {
    out.push({ kind: 'dynamic', label: 'triggerBody()', insert: 'triggerBody()', detail: 'Trigger', doc: "The trigger's body." });
    out.push({ kind: 'dynamic', label: 'triggerOutputs()', insert: 'triggerOutputs()', detail: 'Trigger', doc: "The trigger's outputs." });
    out.push({ kind: 'dynamic', label: "triggerOutputs()?['headers']", insert: "triggerOutputs()?['headers']", detail: 'Trigger', doc: "The trigger's headers." });
  }
  for (const name of predecessors) {
    const quoted = name.replace(/'/g, "''");
    out.push({ kind: 'dynamic', label: `body('${name}')`, insert: `body('${quoted}')`, detail: name, doc: `The body of ${name}.` });
    out.push({ kind: 'dynamic', label: `outputs('${name}')`, insert: `outputs('${quoted}')`, detail: name, doc: `The outputs of ${name}.` });
  }
  return out;
}

export function actionSuggestions(names: readonly string[]): Suggestion[] {
  return names.map((n) => ({ kind: 'action' as const, label: n, insert: n.replace(/'/g, "''"), detail: 'Action' }));
}

export function propertySuggestions(keys: readonly string[], source: string): Suggestion[] {
  return keys.map((k) => ({ kind: 'property' as const, label: k, insert: k.replace(/'/g, "''"), detail: source }));
}

/**
 * How well `label` matches `prefix`, lower is better, undefined for no match: exact-case prefix 0,
 * prefix ignoring case 1, the start of an inner word (camelCase, after `(` or `'`) 2, anywhere 3.
 */
export function matchScore(label: string, prefix: string): number | undefined {
  if (prefix === '') return 0;
  if (label.startsWith(prefix)) return 0;
  const lower = label.toLowerCase();
  const p = prefix.toLowerCase();
  if (lower.startsWith(p)) return 1;
  const at = lower.indexOf(p);
  if (at < 0) return undefined;
  for (let i = at; i >= 0; i = lower.indexOf(p, i + 1)) {
    const prev = label[i - 1] ?? '';
    if (/[A-Z]/.test(label[i] ?? '') || /[^A-Za-z0-9]/.test(prev)) return 2;
    if (i + 1 >= lower.length) break;
  }
  return 3;
}

const KIND_ORDER: Record<SuggestionKind, number> = { property: 0, action: 0, dynamic: 1, function: 2 };

/** Matching suggestions, best first: by score, then dynamic content before functions, then shorter, then A–Z. */
export function rankSuggestions(candidates: readonly Suggestion[], prefix: string, limit = 50): Suggestion[] {
  const scored: { s: Suggestion; score: number; i: number }[] = [];
  candidates.forEach((s, i) => {
    const score = matchScore(s.label, prefix);
    if (score !== undefined) scored.push({ s, score, i });
  });
  scored.sort((a, b) => a.score - b.score || KIND_ORDER[a.s.kind] - KIND_ORDER[b.s.kind] || (prefix === '' ? a.i - b.i : a.s.label.length - b.s.label.length || a.s.label.localeCompare(b.s.label)));
  return scored.slice(0, limit).map((x) => x.s);
}

/** The text and caret after accepting `suggestion` at `context` (typed at `caret`). */
export function acceptSuggestion(text: string, caret: number, context: CompletionContext, suggestion: Suggestion): { text: string; caret: number } {
  let insert = suggestion.insert;
  let rest = text.slice(caret);
  if (context.mode === 'name' && suggestion.kind === 'function' && rest.startsWith('(')) insert = insert.replace(/\(\)?$/, '');
  if (context.mode !== 'name') {
    // Close the quote (and the bracket or call) unless the text already does.
    const closer = context.mode === 'property' ? "']" : "')";
    const existing = /^[^'\]\)]*'\s*[\]\)]?/.exec(rest);
    if (existing) rest = rest.slice(existing[0].length);
    insert += closer;
  }
  const head = text.slice(0, context.from) + insert;
  return { text: head + rest, caret: head.length };
}
