/**
 * Lenient timestamp parsing in the manner of .NET `DateTime.Parse` with `RoundtripKind`, which is
 * what the Logic Apps date functions do with their string arguments:
 * - ISO 8601 (`2018-03-15`, `2018-03-15T13:27:36.123Z`, `... +05:30`), also with a space for `T`;
 * - culture-ordered numeric dates (`03/15/2018`, `3/15/2018 1:05 PM`, `15.03.2018` in de-DE);
 * - dates with month names (`15 March 2018`, `Thu, 25 Sep 2025 05:18:31 GMT`, `martes 20 octubre 2020`).
 * `Z`/`GMT`/`UTC` give a UTC value; an explicit offset gives the instant as a server-local value
 * (UTC clock, kind Local); no zone gives an unspecified value.
 */
import type { CultureData } from './culture.js';
import {
  TICKS_PER_MINUTE,
  inRange,
  ticksFromParts,
  validParts,
  partsOf,
  type DateTimeKind,
  type DateTimeValue,
} from './date-time.js';

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface ParseOptions {
  culture: CultureData;
  /** Supplies the date for inputs that omit it (as .NET uses the current date). */
  today?: () => CivilDate;
}

/** Fields gathered by a parser before they become a value. */
export interface ParsedFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction of a second in ticks (may round up to 10,000,000). */
  fraction: number;
  /** `undefined`: no zone; 0 with `utc`: Z; otherwise minutes east of UTC. */
  offsetMinutes?: number;
  utc?: boolean;
  dayOfWeek?: number;
}

/** Builds the value, applying the zone rules; `undefined` if the fields are out of range. */
export function buildValue(f: ParsedFields): DateTimeValue | undefined {
  if (!validParts(f.year, f.month, f.day, f.hour, f.minute, f.second)) return undefined;
  let ticks = ticksFromParts(f.year, f.month, f.day, f.hour, f.minute, f.second) + BigInt(f.fraction);
  if (f.dayOfWeek !== undefined && partsOf({ ticks, kind: 'Unspecified' }).dayOfWeek !== f.dayOfWeek) return undefined;
  let kind: DateTimeKind = 'Unspecified';
  if (f.utc) kind = 'Utc';
  else if (f.offsetMinutes !== undefined) {
    ticks -= BigInt(f.offsetMinutes) * TICKS_PER_MINUTE;
    kind = 'Local';
  }
  return inRange(ticks) ? { ticks, kind } : undefined;
}

/** Digits of a fraction of a second as ticks, rounded to the nearest tick as .NET does. */
export function fractionTicks(digits: string): number {
  if (digits === '') return 0;
  return Math.round(Number(`0.${digits}`) * 1e7);
}

/** `±hh`, `±hhmm` or `±hh:mm` → minutes; `undefined` if out of range (.NET allows up to 14:00). */
export function offsetFrom(text: string): number | undefined {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Two-digit years: .NET's Gregorian TwoDigitYearMax is 2029. */
export function expandYear(year: number, digits: number): number {
  if (digits > 2) return year;
  return year <= 29 ? 2000 + year : 1900 + year;
}

const ISO =
  /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:(?:T|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?$/i;

function parseIso(text: string): DateTimeValue | undefined | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const fields: ParsedFields = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: m[3] === undefined ? 1 : Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    fraction: fractionTicks(m[7] ?? ''),
  };
  const zone = m[8];
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') fields.utc = true;
    else {
      const offset = offsetFrom(zone);
      if (offset === undefined) return undefined;
      fields.offsetMinutes = offset;
    }
  }
  return buildValue(fields);
}

/** Parses a timestamp leniently; `undefined` when it is not one. */
export function parseTimestamp(text: string, options: ParseOptions): DateTimeValue | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const iso = parseIso(trimmed);
  if (iso !== null) return iso;
  return parseGeneral(trimmed, options);
}

type Token =
  | { t: 'num'; value: number; digits: number }
  | { t: 'word'; text: string }
  | { t: 'time'; hour: number; minute: number; second: number; fraction: string }
  | { t: 'offset'; text: string }
  | { t: 'sep'; text: string };

const TIME = /(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?/y;
const OFFSET = /[+-]\d{1,2}(?::?\d{2})?/y;
const WORD = /[\p{L}][\p{L}\p{M}]*\.?/uy;
const NUMBER = /\d+/y;

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  let sawTime = false;
  const at = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = i;
    return re.exec(text);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    let m: RegExpExecArray | null;
    if ((m = at(TIME))) {
      tokens.push({ t: 'time', hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? '0'), fraction: m[4] ?? '' });
      sawTime = true;
    } else if ((m = at(NUMBER))) {
      tokens.push({ t: 'num', value: Number(m[0]), digits: m[0].length });
    } else if ((m = at(WORD))) {
      tokens.push({ t: 'word', text: m[0] });
    } else if (sawTime && (m = at(OFFSET))) {
      tokens.push({ t: 'offset', text: m[0] });
    } else if ('/-.,'.includes(ch)) {
      tokens.push({ t: 'sep', text: ch });
      i++;
      continue;
    } else {
      return undefined;
    }
    i += m[0].length;
  }
  return tokens;
}

const norm = (s: string): string => s.toLocaleLowerCase().replace(/\.$/, '');

function indexIn(names: readonly string[], word: string): number {
  return names.findIndex((n) => n !== '' && norm(n) === word);
}

/** Words that appear literally in the culture's patterns ("de" in Spanish dates) may be skipped. */
function isPatternWord(culture: CultureData, word: string): boolean {
  const literals = Object.values(culture.patterns).join(' ').match(/'[^']*'/g) ?? [];
  return literals.some((l) => l.slice(1, -1).toLocaleLowerCase().split(/\s+/).includes(word));
}

interface Gathered {
  numbers: { value: number; digits: number }[];
  month?: number;
  dayOfWeek?: number;
  time?: { hour: number; minute: number; second: number; fraction: string };
  pm?: boolean;
  utc?: boolean;
  offset?: number;
}

function gather(tokens: Token[], culture: CultureData): Gathered | undefined {
  const g: Gathered = { numbers: [] };
  for (const tok of tokens) {
    if (tok.t === 'num') g.numbers.push(tok);
    else if (tok.t === 'time') {
      if (g.time) return undefined;
      g.time = tok;
    } else if (tok.t === 'offset') {
      const offset = offsetFrom(tok.text);
      if (offset === undefined || g.offset !== undefined) return undefined;
      g.offset = offset;
    } else if (tok.t === 'word' && !classifyWord(g, norm(tok.text), culture)) return undefined;
  }
  return g;
}

function classifyWord(g: Gathered, word: string, culture: CultureData): boolean {
  const month = [culture.monthNames, culture.genitiveMonthNames, culture.abbrMonthNames, culture.abbrGenitiveMonthNames]
    .map((names) => indexIn(names, word))
    .find((i) => i >= 0);
  if (month !== undefined) {
    if (g.month !== undefined) return false;
    g.month = month + 1;
    return true;
  }
  const day = [culture.dayNames, culture.abbrDayNames].map((names) => indexIn(names, word)).find((i) => i >= 0);
  if (day !== undefined) {
    g.dayOfWeek = day;
    return true;
  }
  const designators: [string, boolean][] = [[culture.am, false], [culture.pm, true], ['am', false], ['pm', true]];
  const designator = designators.find(([d]) => d !== '' && norm(d) === word);
  if (designator) {
    g.pm = designator[1];
    return true;
  }
  if (word === 'z' || word === 'gmt' || word === 'utc') {
    g.utc = true;
    return true;
  }
  return word === 't' || isPatternWord(culture, word);
}

/** Order of day, month and year in the culture's short date pattern, e.g. `MDY`. */
function dateOrder(culture: CultureData): string {
  const letters = culture.patterns.d.replace(/'[^']*'/g, '').replace(/[^dMy]/g, '');
  return [...new Set(letters.split(''))].join('').toUpperCase();
}

function resolveDate(g: Gathered, culture: CultureData, today?: () => CivilDate): CivilDate | undefined {
  const nums = g.numbers;
  const year = (n: { value: number; digits: number }): number => expandYear(n.value, n.digits);
  const looksLikeYear = (n: { value: number; digits: number }): boolean => n.digits >= 3 || n.value > 31;
  if (g.month !== undefined) {
    if (nums.length === 2) {
      const [a, b] = nums as [{ value: number; digits: number }, { value: number; digits: number }];
      if (looksLikeYear(a) && !looksLikeYear(b)) return { year: year(a), month: g.month, day: b.value };
      return { year: year(b), month: g.month, day: a.value };
    }
    if (nums.length === 1) {
      const n = nums[0]!;
      if (looksLikeYear(n)) return { year: year(n), month: g.month, day: 1 };
      return today ? { year: today().year, month: g.month, day: n.value } : undefined;
    }
    return undefined;
  }
  if (nums.length === 3) {
    const [a, b, c] = nums as [{ value: number; digits: number }, { value: number; digits: number }, { value: number; digits: number }];
    if (a.digits >= 3) return { year: year(a), month: b.value, day: c.value };
    const order = dateOrder(culture);
    const byLetter: Record<string, { value: number; digits: number }> = { [order[0]!]: a, [order[1]!]: b, [order[2]!]: c };
    if (!byLetter.Y || !byLetter.M || !byLetter.D) return undefined;
    return { year: year(byLetter.Y), month: byLetter.M.value, day: byLetter.D.value };
  }
  if (nums.length === 2) {
    const [a, b] = nums as [{ value: number; digits: number }, { value: number; digits: number }];
    if (a.digits >= 3) return { year: a.value, month: b.value, day: 1 };
    if (!today) return undefined;
    const dayFirst = dateOrder(culture).indexOf('D') < dateOrder(culture).indexOf('M');
    return { year: today().year, month: (dayFirst ? b : a).value, day: (dayFirst ? a : b).value };
  }
  if (nums.length === 0 && g.time && today) return today();
  return undefined;
}

function parseGeneral(text: string, options: ParseOptions): DateTimeValue | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const g = gather(tokens, options.culture);
  if (!g) return undefined;
  const date = resolveDate(g, options.culture, options.today);
  if (!date) return undefined;
  let hour = g.time?.hour ?? 0;
  if (g.pm !== undefined) {
    if (!g.time || hour > 12 || hour === 0) return undefined;
    hour = g.pm ? (hour % 12) + 12 : hour % 12;
  }
  return buildValue({
    ...date,
    hour,
    minute: g.time?.minute ?? 0,
    second: g.time?.second ?? 0,
    fraction: fractionTicks(g.time?.fraction ?? ''),
    utc: g.utc,
    offsetMinutes: g.offset,
    dayOfWeek: g.dayOfWeek,
  });
}
