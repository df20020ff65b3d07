/**
 * Splits expression text into tokens. Positions are absolute offsets into the whole string value
 * (the caller passes where the expression starts), so errors point at the character the user sees.
 */
import { ExpressionSyntaxError } from './expression-errors.js';

export type TokenType =
  | 'string'
  | 'number'
  | 'identifier'
  | '('
  | ')'
  | ','
  | '.'
  | '['
  | ']'
  | '?'
  | '}'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Source text of the token (for strings: including the quotes). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const PUNCTUATION = new Set(['(', ')', ',', '.', '[', ']', '?', '}']);
/** Characters that end an identifier (grammar §6.3), plus the ones that are always errors. */
const NOT_IDENTIFIER = new Set(['.', ',', '(', ')', '{', '}', '@', '[', ']', '?', "'", '"']);

function isWhitespace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || /\s/.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/**
 * Tokenizes `text` from `start` up to `end`. Stops early at a `}` (the end of an `@{...}` segment),
 * which it returns as a token for the caller to check.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i]!;
    if (isWhitespace(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      i = readString(text, i, end, tokens);
    } else if (startsNumber(text, i, end, tokens)) {
      i = readNumber(text, i, end, tokens);
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ type: ch as TokenType, text: ch, start: i, end: i + 1 });
      i++;
      if (ch === '}') break;
    } else if (ch === '"') {
      throw new ExpressionSyntaxError(
        `unexpected '"' at position ${i}: string literals are written in single quotes, e.g. 'text'`,
        { position: i, length: 1 },
      );
    } else if (ch === '{' || ch === '@') {
      throw new ExpressionSyntaxError(
        `unexpected '${ch}' at position ${i}: expected a function call, a literal or a property access` +
          (ch === '{' ? ' (there are no object literals; use json() or createArray())' : ''),
        { position: i, length: 1 },
      );
    } else {
      let j = i;
      while (j < end && !NOT_IDENTIFIER.has(text[j]!) && !isWhitespace(text[j]!)) j++;
      tokens.push({ type: 'identifier', text: text.slice(i, j), start: i, end: j });
      i = j;
    }
  }
  tokens.push({ type: 'eof', text: '', start: i, end: i });
  return tokens;
}

function readString(text: string, start: number, end: number, tokens: Token[]): number {
  let i = start + 1;
  for (;;) {
    if (i >= end) {
      throw new ExpressionSyntaxError(
        `unterminated string literal starting at position ${start}: expected a closing "'" (write '' for a quote inside)`,
        { position: start, length: end - start },
      );
    }
    if (text[i] === "'") {
      if (text[i + 1] === "'" && i + 1 < end) {
        i += 2;
        continue;
      }
      tokens.push({ type: 'string', text: text.slice(start, i + 1), start, end: i + 1 });
      return i + 1;
    }
    i++;
  }
}

/**
 * A number starts with a digit, a sign followed by a digit or `.digit`, or `.digit` where no value
 * precedes it (after a value, `.` is member access).
 */
function startsNumber(text: string, i: number, end: number, tokens: Token[]): boolean {
  const ch = text[i]!;
  if (isDigit(ch)) return true;
  const next = i + 1 < end ? text[i + 1] : undefined;
  if (ch === '+' || ch === '-') {
    return isDigit(next) || (next === '.' && i + 2 < end && isDigit(text[i + 2]));
  }
  if (ch === '.' && isDigit(next)) {
    const prev = tokens[tokens.length - 1];
    return prev === undefined || prev.type === '(' || prev.type === ',' || prev.type === '[';
  }
  return false;
}

function readNumber(text: string, start: number, end: number, tokens: Token[]): number {
  let i = start;
  if (text[i] === '+' || text[i] === '-') i++;
  while (i < end && isDigit(text[i])) i++;
  if (text[i] === '.' && i < end) {
    i++;
    while (i < end && isDigit(text[i])) i++;
  }
  if ((text[i] === 'e' || text[i] === 'E') && i < end) {
    let j = i + 1;
    if (text[j] === '+' || text[j] === '-') j++;
    if (isDigit(text[j]) && j < end) {
      while (j < end && isDigit(text[j])) j++;
      i = j;
    }
  }
  tokens.push({ type: 'number', text: text.slice(start, i), start, end: i });
  return i;
}
