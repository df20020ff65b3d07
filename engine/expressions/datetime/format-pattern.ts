/**
 * Tokenizing .NET custom date/time patterns (shared by formatting and exact parsing), and the
 * expansion of single-letter standard formats into patterns.
 */
import type { CultureData } from './culture.js';

export type PatternToken =
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'dateSeparator' }
  | { readonly kind: 'timeSeparator' };

/** Thrown (and caught by callers) when a pattern is malformed, as .NET's FormatException. */
export class PatternError extends Error {}

const FIELD_LETTERS = new Set(['d', 'f', 'F', 'g', 'h', 'H', 'K', 'm', 'M', 's', 't', 'y', 'z']);

export function tokenizePattern(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (FIELD_LETTERS.has(ch)) {
      let count = 1;
      while (pattern[i + count] === ch) count++;
      if ((ch === 'f' || ch === 'F') && count > 7) throw new PatternError(`'${ch.repeat(count)}' has more than 7 fraction digits`);
      // K is a single-letter specifier: 'KK' is two of them.
      if (ch === 'K') count = 1;
      tokens.push({ kind: 'field', letter: ch, count });
      i += count;
    } else if (ch === "'" || ch === '"') {
      const [text, next] = readQuoted(pattern, i);
      tokens.push({ kind: 'literal', text });
      i = next;
    } else if (ch === '%') {
      const next = pattern[i + 1];
      if (next === undefined || next === '%') throw new PatternError("'%' must be followed by a single specifier");
      const inner = tokenizePattern(next);
      tokens.push(...inner);
      i += 2;
    } else if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new PatternError("the pattern ends with an unescaped '\\'");
      tokens.push({ kind: 'literal', text: next });
      i += 2;
    } else if (ch === ':') {
      tokens.push({ kind: 'timeSeparator' });
      i++;
    } else if (ch === '/') {
      tokens.push({ kind: 'dateSeparator' });
      i++;
    } else {
      tokens.push({ kind: 'literal', text: ch });
      i++;
    }
  }
  return tokens;
}

function readQuoted(pattern: string, start: number): [string, number] {
  const quote = pattern[start]!;
  let text = '';
  let i = start + 1;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === quote) return [text, i + 1];
    if (ch === '\\' && i + 1 < pattern.length) {
      text += pattern[i + 1];
      i += 2;
      continue;
    }
    text += ch;
    i++;
  }
  throw new PatternError(`the quoted text starting at position ${start + 1} is not closed`);
}

/** Culture-independent patterns of the round-trip and sortable standard formats. */
export const ROUND_TRIP_PATTERN = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
export const RFC1123_PATTERN = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
export const SORTABLE_PATTERN = "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
export const UNIVERSAL_SORTABLE_PATTERN = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";

export interface StandardFormat {
  readonly pattern: string;
  /** The pattern is culture-independent (o, r, s, u use the invariant culture). */
  readonly invariant: boolean;
  /** `U` and `r` show the instant in UTC. */
  readonly toUniversal: boolean;
}

/** The pattern behind a one-letter standard format, or `undefined` if the letter is not one. */
export function standardFormat(letter: string, culture: CultureData): StandardFormat | undefined {
  const p = culture.patterns;
  const plain = (pattern: string): StandardFormat => ({ pattern, invariant: false, toUniversal: false });
  switch (letter) {
    case 'd': return plain(p.d);
    case 'D': return plain(p.D);
    case 'f': return plain(`${p.D} ${p.t}`);
    case 'F': return plain(p.F);
    case 'g': return plain(`${p.d} ${p.t}`);
    case 'G': return plain(`${p.d} ${p.T}`);
    case 'm': case 'M': return plain(p.M);
    case 't': return plain(p.t);
    case 'T': return plain(p.T);
    case 'y': case 'Y': return plain(p.Y);
    case 'o': case 'O': return { pattern: ROUND_TRIP_PATTERN, invariant: true, toUniversal: false };
    case 'r': case 'R': return { pattern: RFC1123_PATTERN, invariant: true, toUniversal: true };
    case 's': return { pattern: SORTABLE_PATTERN, invariant: true, toUniversal: false };
    case 'u': return { pattern: UNIVERSAL_SORTABLE_PATTERN, invariant: true, toUniversal: false };
    case 'U': return { pattern: p.F, invariant: false, toUniversal: true };
    default: return undefined;
  }
}
