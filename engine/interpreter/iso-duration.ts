/**
 * ISO-8601 durations (`P1Y2M3DT4H5M6.5S`, `PT120S`, `P2W`) as retry policies, `limit.timeout` and
 * Until's `limit.timeout` write them.
 *
 * Years and months have no fixed length, so there are two readings and no approximation:
 * - `durationMs` gives the exact length of a duration made of weeks, days, hours, minutes and
 *   seconds, and refuses one with years or months;
 * - `addIsoDuration` moves an instant by any duration with calendar arithmetic: years and months
 *   first, the day clamped to the end of a shorter month (31 January + P1M is 28/29 February, as
 *   .NET's `DateTime.AddMonths` does), then the exact part.
 * Calendar arithmetic is done in UTC. Components may exceed their natural range (`PT120S`) and the
 * last one given may carry a fraction (`.` or `,`), which is exact to the millisecond.
 */
import { DefinitionError } from '../errors.js';

export interface IsoDuration {
  negative: boolean;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const MS_PER: Record<'weeks' | 'days' | 'hours' | 'minutes' | 'seconds', number> = {
  weeks: 7 * 86_400_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
};

function invalid(text: string, why: string): DefinitionError {
  return new DefinitionError('InvalidArgument', `'${text}' is not a valid ISO 8601 duration: ${why}`);
}

/** Parses a duration into its components; throws a DefinitionError (`InvalidArgument`) when malformed. */
export function parseIsoDuration(text: string): IsoDuration {
  const m = PATTERN.exec(text.trim());
  if (!m) throw invalid(text, "expected the form 'P[nY][nM][nW][nD][T[nH][nM][nS]]'");
  const groups = m.slice(2);
  const given = groups.map((g, i) => (g === undefined ? -1 : i)).filter((i) => i >= 0);
  if (given.length === 0) throw invalid(text, 'it has no components');
  if (text.trim().endsWith('T')) throw invalid(text, "'T' must be followed by a time component");
  const fractional = given.filter((i) => /[.,]/.test(groups[i]!));
  if (fractional.length > 1 || (fractional.length === 1 && fractional[0] !== given[given.length - 1])) {
    throw invalid(text, 'only the last component may have a fraction');
  }
  const num = (i: number): number => (groups[i] === undefined ? 0 : Number(groups[i]!.replace(',', '.')));
  const parts = { years: num(0), months: num(1), weeks: num(2), days: num(3), hours: num(4), minutes: num(5), seconds: num(6) };
  if (!Number.isInteger(parts.years) || !Number.isInteger(parts.months)) {
    throw invalid(text, 'years and months must be whole numbers');
  }
  for (const v of Object.values(parts)) if (!Number.isFinite(v)) throw invalid(text, 'a component is too large');
  return { negative: m[1] === '-', ...parts };
}

function toDuration(duration: string | IsoDuration): { text: string; d: IsoDuration } {
  return typeof duration === 'string' ? { text: duration, d: parseIsoDuration(duration) } : { text: formatIsoDuration(duration), d: duration };
}

/** The exact part (weeks to seconds) in milliseconds, rounded to the millisecond, unsigned. */
function exactMs(d: IsoDuration): number {
  let ms = 0;
  for (const key of ['weeks', 'days', 'hours', 'minutes', 'seconds'] as const) ms += d[key] * MS_PER[key];
  return Math.round(ms);
}

/**
 * Length in milliseconds of a duration without years or months (negative for `-P…`). Throws a
 * DefinitionError when it has years or months, whose length depends on the date they start from.
 */
export function durationMs(duration: string | IsoDuration): number {
  const { text, d } = toDuration(duration);
  if (d.years !== 0 || d.months !== 0) {
    throw new DefinitionError('InvalidArgument', `the duration '${text}' has years or months, whose length depends on the date; use days or smaller units`);
  }
  const ms = exactMs(d);
  if (!Number.isSafeInteger(ms)) throw invalid(text, 'it is too long');
  return d.negative && ms !== 0 ? -ms : ms;
}

function addMonthsUtc(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth() + months;
  const targetYear = y + Math.floor(mo / 12);
  const targetMonth = ((mo % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const out = new Date(date.getTime());
  out.setUTCFullYear(targetYear, targetMonth, Math.min(date.getUTCDate(), lastDay));
  return out;
}

/**
 * The instant `isoTime` moved by `duration` (backwards for `-P…`), as an ISO-8601 UTC string.
 * Throws a DefinitionError when the time or the duration is malformed or the result is out of range.
 */
export function addIsoDuration(isoTime: string, duration: string | IsoDuration): string {
  const start = new Date(isoTime);
  if (Number.isNaN(start.getTime())) throw new DefinitionError('InvalidArgument', `'${isoTime}' is not a valid ISO 8601 time`);
  const { text, d } = toDuration(duration);
  const sign = d.negative ? -1 : 1;
  const shifted = addMonthsUtc(start, sign * (d.years * 12 + d.months));
  const result = new Date(shifted.getTime() + sign * exactMs(d));
  const year = result.getUTCFullYear();
  if (Number.isNaN(result.getTime()) || year < 1 || year > 9999) {
    throw new DefinitionError('InvalidArgument', `adding '${text}' to '${isoTime}' leaves the range of representable times`);
  }
  return result.toISOString();
}

/** Canonical text of a duration's components (for messages). */
export function formatIsoDuration(d: IsoDuration): string {
  const part = (v: number, unit: string): string => (v ? `${v}${unit}` : '');
  const date = part(d.years, 'Y') + part(d.months, 'M') + part(d.weeks, 'W') + part(d.days, 'D');
  const time = part(d.hours, 'H') + part(d.minutes, 'M') + part(d.seconds, 'S');
  const body = date + (time ? `T${time}` : '');
  return `${d.negative ? '-' : ''}P${body || 'T0S'}`;
}
