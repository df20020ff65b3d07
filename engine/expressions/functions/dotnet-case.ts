/**
 * .NET invariant *simple* case mapping (spec §11.31) and the ordinal ignore-case search built on it.
 *
 * .NET maps each code point through ICU's simple mapping (u_toupper / u_tolower), so a string never
 * changes length, except that U+0131 (dotless i) upper-cases to itself and U+0130 (dotted capital I)
 * lower-cases to itself. JavaScript's toUpperCase/toLowerCase apply the full, length-changing
 * mappings ('ß' → 'SS') and final-sigma context, so they are used one code point at a time and any
 * result that is not a single code point of the same width is replaced by the simple mapping.
 */

const DOTLESS_SMALL_I = 0x0131;
const DOTTED_CAPITAL_I = 0x0130;

/**
 * Simple upper-case mappings of the code points whose *full* upper-case mapping expands to several
 * characters (Greek letters with ypogegrammeni): their simple mapping is the titlecase-like
 * letter with prosgegrammeni. Every other expanding code point maps to itself.
 */
function expandingUpper(cp: number): number {
  if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7)) return cp + 8;
  if (cp === 0x1fb3) return 0x1fbc;
  if (cp === 0x1fc3) return 0x1fcc;
  if (cp === 0x1ff3) return 0x1ffc;
  return cp;
}

function mapCodePoint(cp: number, upper: boolean): number {
  if (cp < 0x80) {
    if (upper) return cp >= 0x61 && cp <= 0x7a ? cp - 32 : cp;
    return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
  }
  if (cp === DOTLESS_SMALL_I || cp === DOTTED_CAPITAL_I) return cp;
  const ch = String.fromCodePoint(cp);
  const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
  const first = mapped.codePointAt(0)!;
  const single = mapped.length === (first > 0xffff ? 2 : 1);
  if (single && (first > 0xffff) === (cp > 0xffff)) return first;
  return upper ? expandingUpper(cp) : cp;
}

function mapString(text: string, upper: boolean): string {
  // Fast path: pure ASCII needs no code point walk.
  if (/^[\x00-\x7f]*$/.test(text)) return upper ? text.toUpperCase() : text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    out += String.fromCodePoint(mapCodePoint(cp, upper));
    i += width;
  }
  return out;
}

/** `String.ToUpperInvariant()`: same length as the input. */
export function toUpperInvariant(text: string): string {
  return mapString(text, true);
}

/** `String.ToLowerInvariant()`: same length as the input. */
export function toLowerInvariant(text: string): string {
  return mapString(text, false);
}

/**
 * Case-insensitive (ordinal ignore-case) search helpers. Because simple mapping keeps every
 * position, indexes found in the folded strings are indexes in the originals.
 */
export function indexOfIgnoreCase(text: string, search: string, from = 0): number {
  return toUpperInvariant(text).indexOf(toUpperInvariant(search), from);
}

/**
 * `String.LastIndexOf(search, StringComparison.OrdinalIgnoreCase)` with .NET Framework's empty-search
 * rule (the one the Logic Apps docs show): an empty search string is found at `length - 1`, or at 0
 * in an empty text. `from` is the last position a match may start at.
 */
export function lastIndexOfIgnoreCase(text: string, search: string, from = text.length): number {
  if (search.length === 0) return text.length === 0 ? 0 : Math.min(from, text.length - 1);
  if (from < 0) return -1;
  return toUpperInvariant(text).lastIndexOf(toUpperInvariant(search), from);
}

export function startsWithIgnoreCase(text: string, search: string): boolean {
  return search.length <= text.length && toUpperInvariant(text.slice(0, search.length)) === toUpperInvariant(search);
}

export function endsWithIgnoreCase(text: string, search: string): boolean {
  return search.length <= text.length && toUpperInvariant(text.slice(text.length - search.length)) === toUpperInvariant(search);
}
