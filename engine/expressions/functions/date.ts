/**
 * Date and time functions. Timestamps are strings parsed as .NET does (see
 * `datetime/parse-timestamp.ts`), results are formatted with `o` unless a format is given, and the
 * kind of the input decides the zone suffix of the output (Z, nothing, or +00:00 for an input
 * that carried an offset and was moved to the server's UTC clock).
 */
import {
  argCulture,
  argInterval,
  argTimeUnit,
  argTimestamp,
  argTimeZone,
  culture,
  nowValue,
  render,
  shift,
  todayOf,
} from '../datetime/date-args.js';
import { MAX_TICKS, partsOf, ticksFromParts, TICKS_PER_DAY, TICKS_PER_HOUR, truncate, type DateTimeValue } from '../datetime/date-time.js';
import { PatternError } from '../datetime/format-pattern.js';
import { parseExact } from '../datetime/parse-exact.js';
import { parseTimestamp } from '../datetime/parse-timestamp.js';
import { utcToZone, zoneToUtc } from '../datetime/time-zones.js';
import { formatTimeSpan, formatTimeSpanConstant, parseTimeSpan, TimeSpanFormatError } from '../datetime/time-span.js';
import { makeInt, type Value } from '../value.js';
import { argString, fail, failArg, typeError } from './args.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';

type Unit = 'Second' | 'Minute' | 'Hour' | 'Day';

/** addDays / addHours / addMinutes / addSeconds: (timestamp, amount, format?). */
function addFixed(name: string, unit: Unit): FunctionDef {
  return fn(name, 2, 3, (args, ctx) => {
    const dt = argTimestamp(ctx, args, 0);
    return render(ctx, shift(ctx, dt, argInterval(ctx, args, 1), unit), args, 2);
  });
}

function addToTime(args: Value[], ctx: CallContext, sign: bigint): string {
  const dt = argTimestamp(ctx, args, 0);
  const amount = argInterval(ctx, args, 1) * sign;
  return render(ctx, shift(ctx, dt, amount, argTimeUnit(ctx, args, 2)), args, 3);
}

function relativeToNow(args: Value[], ctx: CallContext, sign: bigint): string {
  const amount = argInterval(ctx, args, 0) * sign;
  return render(ctx, shift(ctx, nowValue(ctx), amount, argTimeUnit(ctx, args, 1)), args, 2);
}

function convertFromUtc(args: Value[], ctx: CallContext): string {
  const dt = argTimestamp(ctx, args, 0);
  const zone = argTimeZone(ctx, args, 1);
  if (dt.kind === 'Local') {
    // .NET's ConvertTimeFromUtc rejects a value that carried an offset (it is local, not UTC).
    const text = args[0] as string;
    failArg(
      ctx,
      0,
      `must be a UTC time (ending in Z, or without a zone), got '${text}' which has an offset`,
      `The template language function '${ctx.fn}' expects its first parameter to be a string that contains a UTC date time. The value was '${text}'.`,
    );
  }
  const wall = utcToZone(zone, dt.ticks);
  return render(ctx, clamped({ ticks: wall, kind: 'Unspecified' }), args, 2);
}

/** Zone conversions clamp to the DateTime range instead of failing, as .NET's TimeZoneInfo does. */
function clamped(dt: DateTimeValue): DateTimeValue {
  if (dt.ticks < 0n) return { ticks: 0n, kind: dt.kind };
  return dt.ticks > MAX_TICKS ? { ticks: MAX_TICKS, kind: dt.kind } : dt;
}

function toUtcTicks(ctx: CallContext, args: Value[], dt: DateTimeValue, zoneIndex: number): bigint {
  const zone = argTimeZone(ctx, args, zoneIndex);
  const utc = zoneToUtc(zone, dt.ticks);
  if (utc === undefined) {
    failArg(
      ctx,
      0,
      `is a time that does not exist in '${zone.id}' (skipped by a daylight saving change): '${args[0] as string}'`,
      `The template language function '${ctx.fn}' failed: the supplied DateTime represents an invalid time in time zone '${zone.id}'.`,
    );
  }
  return utc;
}

function convertToUtc(args: Value[], ctx: CallContext): string {
  const dt = argTimestamp(ctx, args, 0);
  const utc = toUtcTicks(ctx, args, dt, 1);
  return render(ctx, clamped({ ticks: utc, kind: 'Utc' }), args, 2);
}

function convertTimeZone(args: Value[], ctx: CallContext): string {
  const dt = argTimestamp(ctx, args, 0);
  const utc = toUtcTicks(ctx, args, dt, 1);
  const wall = utcToZone(argTimeZone(ctx, args, 2), utc);
  return render(ctx, clamped({ ticks: wall, kind: 'Unspecified' }), args, 3);
}

function dateDifference(args: Value[], ctx: CallContext): string {
  const start = argTimestamp(ctx, args, 0);
  const end = argTimestamp(ctx, args, 1);
  return formatTimeSpanConstant(end.ticks - start.ticks);
}

function formatDateTimeFn(args: Value[], ctx: CallContext): string {
  const dt = argTimestamp(ctx, args, 0);
  return render(ctx, dt, args, 1, argCulture(ctx, args, 2));
}

function parseDateTime(args: Value[], ctx: CallContext): string {
  const text = argString(ctx, args, 0);
  const c = argCulture(ctx, args, 1);
  let dt: DateTimeValue | undefined;
  if (args.length > 2) {
    const format = argString(ctx, args, 2);
    try {
      dt = parseExact(text, format, c, todayOf(ctx));
    } catch (e) {
      if (!(e instanceof PatternError)) throw e;
      failArg(ctx, 2, `must be a .NET date and time format: '${format}' is invalid (${e.message})`);
    }
    if (!dt) {
      failArg(
        ctx,
        0,
        `does not match the format '${format}': '${text}'`,
        `In function '${ctx.fn}', the value provided for date time string '${text}' was not valid. String was not recognized as a valid DateTime.`,
      );
    }
  } else {
    dt = parseTimestamp(text, { culture: c, today: todayOf(ctx) });
    if (!dt) {
      failArg(
        ctx,
        0,
        `is not a date and time in culture '${c.name || 'invariant'}': '${text}'`,
        `In function '${ctx.fn}', the value provided for date time string '${text}' was not valid. String was not recognized as a valid DateTime.`,
      );
    }
  }
  return render(ctx, dt, [], 0);
}

function startOfMonth(dt: DateTimeValue): DateTimeValue {
  const p = partsOf(dt);
  return { ticks: ticksFromParts(p.year, p.month, 1), kind: dt.kind };
}

function startOf(name: string, cut: (dt: DateTimeValue) => DateTimeValue): FunctionDef {
  return fn(name, 1, 2, (args, ctx) => render(ctx, cut(argTimestamp(ctx, args, 0)), args, 1));
}

function ticks(args: Value[], ctx: CallContext): Value {
  return makeInt(argTimestamp(ctx, args, 0).ticks) ?? fail(ctx, 'the tick count is out of range');
}

function formatTimeSpanFn(args: Value[], ctx: CallContext): string {
  const v = args[0]!;
  let spanTicks: bigint | undefined;
  if (typeof v === 'string') spanTicks = parseTimeSpan(v);
  else if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) spanTicks = BigInt(v);
  else typeError(ctx, 0, 'a string', v);
  if (spanTicks === undefined) {
    failArg(ctx, 0, `must be a time span such as '1.02:03:04' or '00:30:00', got '${v as string}'`);
  }
  const format = argString(ctx, args, 1);
  const separator = args.length > 2 ? decimalSeparator(ctx, argString(ctx, args, 2)) : '.';
  try {
    return formatTimeSpan(spanTicks, format, separator);
  } catch (e) {
    if (!(e instanceof TimeSpanFormatError)) throw e;
    return failArg(ctx, 1, `must be a .NET time span format ('c', 'g', 'G', or custom like 'hh\\:mm'): '${format}' is invalid (${e.message})`);
  }
}

function decimalSeparator(ctx: CallContext, locale: string): string {
  const c = culture(ctx, locale, 2);
  if (c.name === '') return '.';
  return new Intl.NumberFormat(c.name).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

export const dateFunctions: FunctionDef[] = [
  addFixed('addDays', 'Day'),
  addFixed('addHours', 'Hour'),
  addFixed('addMinutes', 'Minute'),
  addFixed('addSeconds', 'Second'),
  fn('addToTime', 3, 4, (args, ctx) => addToTime(args, ctx, 1n)),
  fn('subtractFromTime', 3, 4, (args, ctx) => addToTime(args, ctx, -1n)),
  fn('getFutureTime', 2, 3, (args, ctx) => relativeToNow(args, ctx, 1n)),
  fn('getPastTime', 2, 3, (args, ctx) => relativeToNow(args, ctx, -1n)),
  fn('convertFromUtc', 2, 3, convertFromUtc),
  fn('convertTimeZone', 3, 4, convertTimeZone),
  fn('convertToUtc', 2, 3, convertToUtc),
  fn('dateDifference', 2, 2, dateDifference),
  fn('dayOfMonth', 1, 1, (args, ctx) => partsOf(argTimestamp(ctx, args, 0)).day),
  fn('dayOfWeek', 1, 1, (args, ctx) => partsOf(argTimestamp(ctx, args, 0)).dayOfWeek),
  fn('dayOfYear', 1, 1, (args, ctx) => partsOf(argTimestamp(ctx, args, 0)).dayOfYear),
  fn('formatDateTime', 1, 3, formatDateTimeFn),
  fn('parseDateTime', 1, 3, parseDateTime),
  startOf('startOfDay', (dt) => truncate(dt, TICKS_PER_DAY)),
  startOf('startOfHour', (dt) => truncate(dt, TICKS_PER_HOUR)),
  startOf('startOfMonth', startOfMonth),
  fn('ticks', 1, 1, ticks),
  fn('utcNow', 0, 1, (args, ctx) => render(ctx, nowValue(ctx), args, 0)),
  fn('formatTimeSpan', 2, 3, formatTimeSpanFn),
];
