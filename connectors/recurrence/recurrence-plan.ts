/**
 * The recurrence object as definitions write it: its types, its validation (spec §3.1 ranges, time
 * zones, which schedule fields each frequency takes) and its compiled form for the series math.
 * Property names and enumerated values match ignoring case, as Logic Apps reads them.
 */
import { SluiceError } from '../../engine/errors.js';
import { anchorOf, instantOf, parseTimestamp, resolveTimeZone, UTC_ZONE, SECOND, MINUTE, HOUR, type Anchor, type Zone } from './zone-clock.js';

export const FREQUENCIES = ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month'] as const;
export type RecurrenceFrequency = (typeof FREQUENCIES)[number];
export const WEEK_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface RecurrenceSchedule {
  hours?: number[] | number;
  minutes?: number[] | number;
  weekDays?: string[] | string;
  /** 1..31, or -1 for the last day of the month (-2 the day before, ...). */
  monthDays?: number[] | number;
}

export interface Recurrence {
  frequency: RecurrenceFrequency;
  interval: number;
  /** With `timeZone`: a wall-clock time in that zone. Without: ends in Z or an offset (else read as UTC). */
  startTime?: string;
  /** No occurrence after this instant (read like `startTime`). */
  endTime?: string;
  /** A Windows zone id as Logic Apps takes it ("W. Europe Standard Time") or an IANA name. */
  timeZone?: string;
  schedule?: RecurrenceSchedule;
}

/** Interval bounds per frequency [doc: connectors-native-recurrence, "Interval"]. */
export const MAX_INTERVAL: Readonly<Record<RecurrenceFrequency, number>> = {
  Second: 9_999_999, Minute: 72_000, Hour: 12_000, Day: 500, Week: 71, Month: 16,
};

export const ELAPSED_STEP: Partial<Record<RecurrenceFrequency, number>> = { Second: SECOND, Minute: MINUTE, Hour: HOUR };

/** Property lookup ignoring case: Logic Apps matches JSON property names case-insensitively. */
export function prop(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(obj)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isExpression(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith('@') && !v.startsWith('@@');
}

function canonicalFrequency(v: unknown): RecurrenceFrequency | undefined {
  return typeof v === 'string' ? FREQUENCIES.find((f) => f.toLowerCase() === v.trim().toLowerCase()) : undefined;
}

function toInteger(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

function listOf(v: unknown): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v : [v];
}

/** Every value, or undefined when some value is not an integer within one of the ranges. */
function integers(v: unknown, ok: (n: number) => boolean): number[] | undefined {
  const out: number[] = [];
  for (const item of listOf(v) ?? []) {
    const n = toInteger(item);
    if (n === undefined || !ok(n)) return undefined;
    out.push(n);
  }
  return out;
}

function weekDayIndexes(v: unknown): number[] | undefined {
  const out: number[] = [];
  for (const item of listOf(v) ?? []) {
    const i = typeof item === 'string' ? WEEK_DAYS.findIndex((d) => d.toLowerCase() === item.trim().toLowerCase()) : -1;
    if (i < 0) return undefined;
    out.push(i);
  }
  return out;
}

export interface ValidateOptions {
  /** Skip values that are still template expressions (the loader checks them after evaluation). */
  allowExpressions?: boolean;
}

/** What is wrong with a recurrence object, as messages (empty when it is usable). */
export function validateRecurrence(raw: unknown, options: ValidateOptions = {}): string[] {
  if (!isObject(raw)) return ['recurrence must be an object with frequency and interval'];
  const issues: string[] = [];
  const skip = (v: unknown): boolean => options.allowExpressions === true && isExpression(v);
  const frequencyRaw = prop(raw, 'frequency');
  const frequency = canonicalFrequency(frequencyRaw);
  if (!frequency && !skip(frequencyRaw)) {
    issues.push(`recurrence.frequency ${JSON.stringify(frequencyRaw ?? null)} is not one of ${FREQUENCIES.join(', ')}`);
  }
  const intervalRaw = prop(raw, 'interval');
  const interval = toInteger(intervalRaw);
  const max = frequency ? MAX_INTERVAL[frequency] : Math.max(...Object.values(MAX_INTERVAL));
  if (!skip(intervalRaw) && (interval === undefined || interval < 1 || interval > max)) {
    issues.push(`recurrence.interval ${JSON.stringify(intervalRaw ?? null)} must be an integer from 1 to ${max}${frequency ? ` for frequency ${frequency}` : ''}`);
  }
  const tzRaw = prop(raw, 'timeZone');
  if (tzRaw !== undefined && !skip(tzRaw) && (typeof tzRaw !== 'string' || !resolveTimeZone(tzRaw))) {
    issues.push(`recurrence.timeZone ${JSON.stringify(tzRaw)} is not a Windows or IANA time zone name`);
  }
  for (const key of ['startTime', 'endTime']) {
    const value = prop(raw, key);
    if (value !== undefined && !skip(value) && (typeof value !== 'string' || !parseTimestamp(value))) {
      issues.push(`recurrence.${key} ${JSON.stringify(value)} is not an ISO 8601 date and time (YYYY-MM-DDThh:mm:ss, with Z when there is no timeZone)`);
    }
  }
  const schedule = prop(raw, 'schedule');
  if (schedule !== undefined && schedule !== null && !skip(schedule)) issues.push(...scheduleIssues(schedule, frequency, skip));
  return issues;
}

function scheduleIssues(schedule: unknown, frequency: RecurrenceFrequency | undefined, skip: (v: unknown) => boolean): string[] {
  if (!isObject(schedule)) return ['recurrence.schedule must be an object'];
  const issues: string[] = [];
  const checks: [string, (v: unknown) => unknown[] | undefined, string, readonly RecurrenceFrequency[]][] = [
    ['hours', (v) => integers(v, (n) => n >= 0 && n <= 23), 'integers from 0 to 23', ['Day', 'Week', 'Month']],
    ['minutes', (v) => integers(v, (n) => n >= 0 && n <= 59), 'integers from 0 to 59', ['Day', 'Week', 'Month']],
    ['weekDays', weekDayIndexes, `day names (${WEEK_DAYS.join(', ')})`, ['Week']],
    ['monthDays', (v) => integers(v, (n) => n !== 0 && n >= -31 && n <= 31), 'days from 1 to 31, or -1 for the last day', ['Month']],
  ];
  for (const [key, read, what, frequencies] of checks) {
    const value = prop(schedule, key);
    if (value === undefined || value === null || skip(value)) continue;
    if (read(value) === undefined) issues.push(`recurrence.schedule.${key} must be ${what}, a single value or an array`);
    if (frequency && !frequencies.includes(frequency)) {
      issues.push(`recurrence.schedule.${key} applies only to frequency ${frequencies.join(' or ')}, not ${frequency}`);
    }
  }
  if (prop(schedule, 'monthlyOccurrences') !== undefined) {
    issues.push('recurrence.schedule.monthlyOccurrences is not supported by Sluice (use monthDays)');
  }
  return issues;
}

export interface Plan {
  readonly frequency: RecurrenceFrequency;
  readonly interval: number;
  readonly zone: Zone;
  /** The series' anchor: the start instant and its wall clock as written (a gap time stays 02:30). */
  readonly start?: Anchor;
  readonly endMs?: number;
  readonly hours?: readonly number[];
  readonly minutes?: readonly number[];
  readonly weekDays?: readonly number[];
  readonly monthDays?: readonly number[];
}

export const sortedUnique = (xs: number[] | undefined): number[] | undefined =>
  xs && xs.length > 0 ? [...new Set(xs)].sort((a, b) => a - b) : undefined;

export function compile(raw: unknown): Plan {
  const issues = validateRecurrence(raw);
  if (issues.length > 0 || !isObject(raw)) {
    throw new SluiceError('InvalidArgument', `invalid recurrence: ${issues.join('; ')}`);
  }
  const frequency = canonicalFrequency(prop(raw, 'frequency')) as RecurrenceFrequency;
  const zone = resolveTimeZone(prop(raw, 'timeZone') as string | undefined) ?? UTC_ZONE;
  const start = prop(raw, 'startTime') as string | undefined;
  const end = prop(raw, 'endTime') as string | undefined;
  const schedule = prop(raw, 'schedule');
  const s = isObject(schedule) && ELAPSED_STEP[frequency] === undefined ? schedule : {};
  return {
    frequency,
    interval: toInteger(prop(raw, 'interval')) as number,
    zone,
    start: start === undefined ? undefined : anchorOf(start, zone),
    endMs: end === undefined ? undefined : instantOf(end, zone),
    hours: sortedUnique(integers(prop(s, 'hours'), () => true)),
    minutes: sortedUnique(integers(prop(s, 'minutes'), () => true)),
    weekDays: frequency === 'Week' ? sortedUnique(weekDayIndexes(prop(s, 'weekDays'))) : undefined,
    monthDays: frequency === 'Month' ? sortedUnique(integers(prop(s, 'monthDays'), () => true)) : undefined,
  };
}

/** The recurrence with canonical property names and frequency spelling (values otherwise as given). */
export function canonicalRecurrence(raw: Record<string, unknown>): Recurrence {
  const out: Record<string, unknown> = {};
  for (const key of ['frequency', 'interval', 'startTime', 'endTime', 'timeZone', 'schedule']) {
    const value = prop(raw, key);
    if (value !== undefined) out[key] = value;
  }
  const frequency = canonicalFrequency(out['frequency']);
  if (frequency) out['frequency'] = frequency;
  const interval = toInteger(out['interval']);
  if (interval !== undefined) out['interval'] = interval;
  const schedule = out['schedule'];
  if (isObject(schedule)) {
    const s: Record<string, unknown> = {};
    for (const key of ['hours', 'minutes', 'weekDays', 'monthDays', 'monthlyOccurrences']) {
      if (prop(schedule, key) !== undefined) s[key] = prop(schedule, key);
    }
    out['schedule'] = s;
  }
  return out as unknown as Recurrence;
}

