/**
 * The first syntax error of a definition string value, with its 0-based position in the text, or
 * undefined when it parses (plain text parses as a literal). Uses the engine's own template parser.
 */
import { ExpressionSyntaxError } from '../../../engine/expressions/expression-errors.js';
import { parseTemplate } from '../../../engine/expressions/template.js';

export interface ParseProblem {
  readonly message: string;
  readonly position: number;
}

export function parseProblem(text: string): ParseProblem | undefined {
  try {
    parseTemplate(text);
    return undefined;
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return { message: e.message, position: Math.min(Math.max(0, e.position), text.length) };
    return { message: e instanceof Error ? e.message : String(e), position: text.length };
  }
}
