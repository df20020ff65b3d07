/**
 * Reading and checking the arguments of the date functions, and rendering their results. Every
 * failure goes through the shared `args.ts` helpers so it carries Logic Apps' wording.
 */
import { argBigInt, argString, fail, failArg } from '../functions/args.js';
import type { CallContext } from '../functions/function-def.js';
import type { Value } from '../value.js';
import { getCulture, type CultureData } from './culture.js';
import {
  addMonths,
  addTicks,
  partsOf,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  type DateTimeValue,
} from './date-time.js';
import { formatDateTime, PatternError } from './format-date-time.js';
import { parseTimestamp, type CivilDate } from './parse-timestamp.js';
import { findTimeZone, type TimeZone } from './time-zones.js';

export const DEFAULT_CULTURE = 'en-us';

/** The current date, from the run's clock, for inputs that omit the date. */
export function todayOf(ctx: CallContext): () => CivilDate {
  return () => {
    const now = nowValue(ctx);
    return partsOf(now);
  };
}

/** The run's clock as a UTC value. */
export function nowValue(ctx: CallContext): DateTimeValue {
  const text = ctx.view.now();
  const parsed = parseTimestamp(text, { culture: culture(ctx, DEFAULT_CULTURE, -1) });
  if (!parsed) fail(ctx, `the run's clock gave an unreadable time '${text}'`);
  return { ticks: parsed.ticks, kind: 'Utc' };
}

/** A timestamp argument: a string holding a date and time. */
export function argTimestamp(ctx: CallContext, args: Value[], index: number, cultureData?: CultureData): DateTimeValue {
  const text = argString(ctx, args, index);
  const dt = parseTimestamp(text, { culture: cultureData ?? culture(ctx, DEFAULT_CULTURE, -1), today: todayOf(ctx) });
  if (!dt) {
    failArg(
      ctx,
      index,
      `must be a date and time (ISO 8601 such as '2018-03-15T13:00:00Z', or '03/15/2018 13:00'), got '${text}'`,
      `In function '${ctx.fn}', the value provided for date time string '${text}' was not valid. The datetime string must match ISO 8601 format.`,
    );
  }
  return dt;
}

/** A culture by name; `index` is the argument it came from (-1 for a built-in default). */
export function culture(ctx: CallContext, locale: string, index: number): CultureData {
  const found = getCulture(locale);
  if (found) return found;
  if (index < 0) fail(ctx, `unknown culture '${locale}'`);
  return failArg(
    ctx,
    index,
    `must be a culture name such as 'en-US' or 'fr-FR', got '${locale}'`,
    `The template language function '${ctx.fn}' was invoked with an invalid locale '${locale}'. Culture is not supported.`,
  );
}

/** An optional culture argument (default en-US). */
export function argCulture(ctx: CallContext, args: Value[], index: number): CultureData {
  if (args.length <= index) return culture(ctx, DEFAULT_CULTURE, -1);
  return culture(ctx, argString(ctx, args, index), index);
}

/** Formats a result with the optional format argument at `index` (default `o`). */
export function render(ctx: CallContext, dt: DateTimeValue, args: Value[], index: number, cultureData?: CultureData): string {
  const format = args.length > index ? argString(ctx, args, index) : 'o';
  const c = cultureData ?? culture(ctx, DEFAULT_CULTURE, -1);
  try {
    return formatDateTime(dt, format, c);
  } catch (e) {
    if (!(e instanceof PatternError)) throw e;
    return failArg(
      ctx,
      index,
      `must be a .NET date and time format ('o', 'D', 'yyyy-MM-dd' ...): '${format}' is invalid (${e.message})`,
      `The template language function '${ctx.fn}' was invoked with an invalid format '${format}'. The format string is not valid.`,
    );
  }
}

export function argTimeZone(ctx: CallContext, args: Value[], index: number): TimeZone {
  const id = argString(ctx, args, index);
  const zone = findTimeZone(id);
  if (!zone) {
    failArg(
      ctx,
      index,
      `must be a Windows time zone id such as 'Pacific Standard Time' or 'UTC', got '${id}'`,
      `The template language function '${ctx.fn}' was invoked with an invalid time zone '${id}'. The time zone ID was not found on the local computer.`,
    );
  }
  return zone;
}

export function outOfRange(ctx: CallContext): never {
  return fail(
    ctx,
    'the result is outside the range of dates (0001-01-01 to 9999-12-31)',
    `The template language function '${ctx.fn}' failed: the added or subtracted value results in an un-representable DateTime.`,
  );
}

/** Adds `amount` units of `unitTicks` (or months), failing outside the .NET date range. */
export function shift(ctx: CallContext, dt: DateTimeValue, amount: bigint, unit: TimeUnit): DateTimeValue {
  const result = unit === 'Month' ? addMonths(dt, amount) : unit === 'Year' ? addMonths(dt, amount * 12n) : addTicks(dt, amount * UNIT_TICKS[unit]);
  return result ?? outOfRange(ctx);
}

export type TimeUnit = 'Second' | 'Minute' | 'Hour' | 'Day' | 'Week' | 'Month' | 'Year';

const UNIT_TICKS: Record<Exclude<TimeUnit, 'Month' | 'Year'>, bigint> = {
  Second: TICKS_PER_SECOND,
  Minute: TICKS_PER_MINUTE,
  Hour: TICKS_PER_HOUR,
  Day: TICKS_PER_DAY,
  Week: 7n * TICKS_PER_DAY,
};

const UNITS: readonly TimeUnit[] = ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month', 'Year'];

export function argTimeUnit(ctx: CallContext, args: Value[], index: number): TimeUnit {
  const text = argString(ctx, args, index);
  const unit = UNITS.find((u) => u.toLowerCase() === text.toLowerCase());
  if (!unit) {
    failArg(
      ctx,
      index,
      `must be a time unit (${UNITS.join(', ')}), got '${text}'`,
      `The template language function '${ctx.fn}' expects its ${['first', 'second', 'third'][index]} parameter to be a time unit: one of ${UNITS.map((u) => `'${u}'`).join(', ')}. The provided value is '${text}'.`,
    );
  }
  return unit;
}

export function argInterval(ctx: CallContext, args: Value[], index: number): bigint {
  return argBigInt(ctx, args, index);
}
