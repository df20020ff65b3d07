/**
 * Classifies a JSON string value of a definition (spec §6.2):
 * - `@expr` is a whole-value expression whose result keeps its JSON type;
 * - `@@...` is literal text with the first `@` removed;
 * - text holding `@{expr}` segments is interpolated into a string (`@@{` stays a literal `@{`);
 * - anything else (`user@example.com`, `" @"`) is literal text.
 */
import type { Ast } from './ast.js';
import { ExpressionSyntaxError } from './expression-errors.js';
import { parseExpressionAt } from './parse.js';

export type Template =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'expression'; readonly ast: Ast }
  | { readonly kind: 'interpolation'; readonly parts: readonly (string | Ast)[] };

/** Cheap test used on hot paths: could this string hold an expression at all? */
export function mayBeExpression(text: string): boolean {
  return text.length >= 2 && (text.charCodeAt(0) === 64 /* @ */ || text.includes('@{'));
}

export function parseTemplate(text: string): Template {
  if (text.length < 2) return { kind: 'literal', value: text };
  if (text[0] === '@' && text[1] !== '{') {
    if (text[1] === '@') return { kind: 'literal', value: text.slice(1) };
    return { kind: 'expression', ast: parseExpressionAt(text, 1, text.length, false).ast };
  }
  if (!text.includes('@{')) return { kind: 'literal', value: text };
  return parseInterpolation(text);
}

function parseInterpolation(text: string): Template {
  const parts: (string | Ast)[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('@@{', i)) {
      literal += '@{';
      i += 3;
    } else if (text.startsWith('@{', i)) {
      if (literal) parts.push(literal);
      literal = '';
      const open = i;
      const inner = firstNonSpace(text, i + 2);
      if (text[inner] === '}') {
        throw new ExpressionSyntaxError(`empty @{} segment at position ${open}: expected an expression inside the braces`, {
          position: open,
          length: inner + 1 - open,
        });
      }
      const { ast, terminator } = parseSegment(text, open);
      if (terminator.type !== '}') throw unterminated(text, open);
      parts.push(ast);
      i = terminator.end;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal) parts.push(literal);
  return { kind: 'interpolation', parts };
}

function parseSegment(text: string, open: number): ReturnType<typeof parseExpressionAt> {
  try {
    return parseExpressionAt(text, open + 2, text.length, true);
  } catch (err) {
    // Running out of text inside a segment is best reported at the `@{` that was never closed.
    if (err instanceof ExpressionSyntaxError && err.position >= text.length) throw unterminated(text, open);
    throw err;
  }
}

function unterminated(text: string, open: number): ExpressionSyntaxError {
  return new ExpressionSyntaxError(`unterminated @{ segment starting at position ${open}: expected an expression followed by '}'`, {
    position: open,
    length: text.length - open,
  });
}

function firstNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
