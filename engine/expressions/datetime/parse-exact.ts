/**
 * `DateTime.ParseExact(text, format, culture)`: the text must match the pattern exactly (a
 * one-letter format stands for its standard pattern). As in .NET, a pattern without any date field
 * yields today's date, a missing year is the current year, and a missing month or day is 1.
 */
import type { CultureData } from './culture.js';
import { INVARIANT } from './culture.js';
import type { DateTimeValue } from './date-time.js';
import { PatternError, standardFormat, tokenizePattern, type PatternToken } from './format-pattern.js';
import { buildValue, expandYear, fractionTicks, offsetFrom, type CivilDate, type ParsedFields } from './parse-timestamp.js';

export { PatternError };

interface State {
  text: string;
  pos: number;
  culture: CultureData;
  fields: Partial<ParsedFields> & { pm?: boolean; hour12?: number };
}

/** Parses exactly; `undefined` on mismatch. Throws `PatternError` for a malformed format. */
export function parseExact(text: string, format: string, culture: CultureData, today?: () => CivilDate): DateTimeValue | undefined {
  let pattern = format;
  let useCulture = culture;
  if (format.length === 1) {
    const standard = standardFormat(format, culture);
    if (!standard) throw new PatternError(`'${format}' is not a standard date and time format`);
    pattern = standard.pattern;
    if (standard.invariant) useCulture = INVARIANT;
  } else if (format === '') {
    throw new PatternError('the format is empty');
  }
  const tokens = tokenizePattern(pattern);
  const state: State = { text, pos: 0, culture: useCulture, fields: {} };
  for (const token of tokens) if (!matchToken(state, token)) return undefined;
  if (state.pos !== text.length) return undefined;
  return finish(state, today);
}

function finish(state: State, today?: () => CivilDate): DateTimeValue | undefined {
  const f = state.fields;
  let hour = f.hour ?? 0;
  if (f.hour12 !== undefined) {
    if (f.hour12 < 1 || f.hour12 > 12) return undefined;
    hour = (f.hour12 % 12) + (f.pm ? 12 : 0);
  } else if (f.pm !== undefined && f.hour !== undefined) {
    if ((f.pm && hour < 12 && hour !== 0) || (!f.pm && hour >= 12)) return undefined;
  }
  const noDate = f.year === undefined && f.month === undefined && f.day === undefined;
  const now = noDate || f.year === undefined ? today?.() : undefined;
  if ((noDate || f.year === undefined) && !now) return undefined;
  return buildValue({
    year: f.year ?? now!.year,
    month: f.month ?? (noDate ? now!.month : 1),
    day: f.day ?? (noDate ? now!.day : 1),
    hour,
    minute: f.minute ?? 0,
    second: f.second ?? 0,
    fraction: f.fraction ?? 0,
    utc: f.utc,
    offsetMinutes: f.offsetMinutes,
    dayOfWeek: f.dayOfWeek,
  });
}

function digits(state: State, min: number, max: number): number | undefined {
  const m = new RegExp(`\\d{${min},${max}}`, 'y');
  m.lastIndex = state.pos;
  const r = m.exec(state.text);
  if (!r) return undefined;
  state.pos += r[0].length;
  return Number(r[0]);
}

function literal(state: State, text: string): boolean {
  if (!state.text.startsWith(text, state.pos)) return false;
  state.pos += text.length;
  return true;
}

/** The longest name (ignoring case) at the current position; its index or -1. */
function name(state: State, ...lists: (readonly string[])[]): number {
  const rest = state.text.slice(state.pos).toLocaleLowerCase();
  let best = -1;
  let bestLength = 0;
  for (const list of lists) {
    list.forEach((n, i) => {
      if (n !== '' && n.length > bestLength && rest.startsWith(n.toLocaleLowerCase())) {
        best = i;
        bestLength = n.length;
      }
    });
  }
  state.pos += bestLength;
  return best;
}

function matchToken(state: State, token: PatternToken): boolean {
  switch (token.kind) {
    case 'literal':
      // As .NET does, a literal GMT or Z (the r and u patterns) marks the text as UTC.
      if (token.text === 'GMT' || token.text === 'Z') state.fields.utc = true;
      return literal(state, token.text);
    case 'dateSeparator': return literal(state, state.culture.dateSeparator);
    case 'timeSeparator': return literal(state, state.culture.timeSeparator);
    case 'field': return matchField(state, token.letter, token.count);
  }
}

function set(state: State, key: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'hour12', v: number | undefined): boolean {
  if (v === undefined) return false;
  state.fields[key] = v;
  return true;
}

function matchField(state: State, letter: string, count: number): boolean {
  const c = state.culture;
  const f = state.fields;
  const num = (): number | undefined => (count === 1 ? digits(state, 1, 2) : digits(state, 2, 2));
  switch (letter) {
    case 'd': {
      if (count <= 2) return set(state, 'day', num());
      const i = count === 3 ? name(state, c.abbrDayNames) : name(state, c.dayNames);
      if (i < 0) return false;
      f.dayOfWeek = i;
      return true;
    }
    case 'M': {
      if (count <= 2) return set(state, 'month', num());
      const i = count === 3 ? name(state, c.abbrMonthNames, c.abbrGenitiveMonthNames) : name(state, c.monthNames, c.genitiveMonthNames);
      return i >= 0 && set(state, 'month', i + 1);
    }
    case 'y': {
      const start = state.pos;
      const v = count <= 2 ? digits(state, 1, 2) : digits(state, count, Math.max(count, 4));
      if (v === undefined) return false;
      return set(state, 'year', count <= 2 ? expandYear(v, state.pos - start) : v);
    }
    case 'h': return set(state, 'hour12', num());
    case 'H': return set(state, 'hour', num());
    case 'm': return set(state, 'minute', num());
    case 's': return set(state, 'second', num());
    case 'f': case 'F': {
      const m = new RegExp(letter === 'f' ? `\\d{${count}}` : `\\d{0,${count}}`, 'y');
      m.lastIndex = state.pos;
      const r = m.exec(state.text);
      if (!r) return false;
      state.pos += r[0].length;
      f.fraction = fractionTicks(r[0]);
      return true;
    }
    case 't': return matchDesignator(state, count);
    case 'g': return name(state, [c.era, 'A.D.', 'AD']) >= 0;
    case 'K': case 'z': return matchZone(state, letter);
    default: return false;
  }
}

function matchDesignator(state: State, count: number): boolean {
  const c = state.culture;
  const am = count === 1 ? c.am.slice(0, 1) : c.am;
  const pm = count === 1 ? c.pm.slice(0, 1) : c.pm;
  const i = name(state, [am, pm]);
  if (i < 0) return false;
  state.fields.pm = i === 1;
  return true;
}

function matchZone(state: State, letter: string): boolean {
  if (letter === 'K' && /^[zZ]/.test(state.text.slice(state.pos))) {
    state.pos++;
    state.fields.utc = true;
    return true;
  }
  const m = /[+-]\d{1,2}(?::?\d{2})?/y;
  m.lastIndex = state.pos;
  const r = m.exec(state.text);
  if (!r) return letter === 'K';
  const offset = offsetFrom(r[0]);
  if (offset === undefined) return false;
  state.pos += r[0].length;
  state.fields.offsetMinutes = offset;
  return true;
}
