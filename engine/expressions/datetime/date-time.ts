/**
 * A .NET `DateTime` as the Logic Apps runtime holds one: 100-ns ticks since 0001-01-01T00:00:00
 * (proleptic Gregorian, no leap seconds) and a kind. The kind decides what the `K` format
 * specifier prints: `Z` for UTC, nothing for unspecified, and the server's offset for local —
 * Logic Apps servers run in UTC, so a local value is a UTC wall clock printed with `+00:00`.
 * A timestamp parsed with an explicit offset becomes such a local value (the instant, moved to
 * the server's zone), which is why the original offset is never seen again.
 */
export type DateTimeKind = 'Utc' | 'Local' | 'Unspecified';

export interface DateTimeValue {
  readonly ticks: bigint;
  readonly kind: DateTimeKind;
}

export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;
/** 9999-12-31T23:59:59.9999999, the largest .NET DateTime. */
export const MAX_TICKS = 3_155_378_975_999_999_999n;
/** Ticks at 1970-01-01T00:00:00Z. */
export const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;
/** Days from 0001-01-01 to 1970-01-01. */
const EPOCH_DAY_OFFSET = 719_162;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 0001-01-01 of a civil date (Hinnant's days_from_civil, shifted to year 1). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + EPOCH_DAY_OFFSET;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days - EPOCH_DAY_OFFSET + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Sub-second ticks, 0..9,999,999. */
  fraction: number;
  /** 0 = Sunday, as .NET's DayOfWeek. */
  dayOfWeek: number;
  /** 1-based day of the year. */
  dayOfYear: number;
}

export function partsOf(dt: DateTimeValue): DateTimeParts {
  const days = Number(dt.ticks / TICKS_PER_DAY);
  const rest = dt.ticks % TICKS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const secondsOfDay = Number(rest / TICKS_PER_SECOND);
  return {
    year,
    month,
    day,
    hour: Math.floor(secondsOfDay / 3600),
    minute: Math.floor(secondsOfDay / 60) % 60,
    second: secondsOfDay % 60,
    fraction: Number(rest % TICKS_PER_SECOND),
    // 0001-01-01 was a Monday.
    dayOfWeek: (days + 1) % 7,
    dayOfYear: days - daysFromCivil(year, 1, 1) + 1,
  };
}

/** Whether the civil fields name a real date and time within the .NET range. */
export function validParts(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  return (
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59
  );
}

/** Ticks of valid civil fields (call `validParts` first). */
export function ticksFromParts(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  fraction = 0,
): bigint {
  const days = BigInt(daysFromCivil(year, month, day));
  const seconds = BigInt(hour * 3600 + minute * 60 + second);
  return days * TICKS_PER_DAY + seconds * TICKS_PER_SECOND + BigInt(fraction);
}

export function inRange(ticks: bigint): boolean {
  return ticks >= 0n && ticks <= MAX_TICKS;
}

/** Shifts by a number of ticks; `undefined` when the result leaves 0001..9999. */
export function addTicks(dt: DateTimeValue, delta: bigint): DateTimeValue | undefined {
  const ticks = dt.ticks + delta;
  return inRange(ticks) ? { ticks, kind: dt.kind } : undefined;
}

/** .NET `AddMonths`: the day of month is clamped to the target month's length; time of day kept. */
export function addMonths(dt: DateTimeValue, months: bigint): DateTimeValue | undefined {
  const p = partsOf(dt);
  const total = BigInt(p.year) * 12n + BigInt(p.month - 1) + months;
  if (total < 12n || total > 9999n * 12n + 11n) return undefined;
  const year = Number(total / 12n);
  const month = Number(total % 12n) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return { ticks: ticksFromParts(year, month, day) + (dt.ticks % TICKS_PER_DAY), kind: dt.kind };
}

export function withKind(dt: DateTimeValue, kind: DateTimeKind): DateTimeValue {
  return { ticks: dt.ticks, kind };
}

/** Truncates to a multiple of `unit` ticks (start of day / hour). */
export function truncate(dt: DateTimeValue, unit: bigint): DateTimeValue {
  return { ticks: dt.ticks - (dt.ticks % unit), kind: dt.kind };
}

/** The value as a JavaScript epoch-millisecond count (sub-millisecond ticks dropped). */
export function toEpochMs(ticks: bigint): number {
  const delta = ticks - UNIX_EPOCH_TICKS;
  const ms = delta / TICKS_PER_MILLISECOND;
  return Number(delta < 0n && delta % TICKS_PER_MILLISECOND !== 0n ? ms - 1n : ms);
}
