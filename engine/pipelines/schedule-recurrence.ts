/**
 * Azure ML's ScheduleRecurrence (SDK v1, `azureml/pipeline/core/schedule.py`): its validation with
 * the SDK's own messages, and when a recurrence schedule fires. Pure — no clock, no I/O.
 *
 * The calendar math is the Logic Apps Recurrence trigger's (`connectors/recurrence/`): the
 * recurrence is translated to that shape and asked "what comes after T?". Where Azure ML differs
 * from Logic Apps (see README-schedules.md in this folder for the list with evidence):
 * - frequencies are case-sensitive and there is no `Second`; no `endTime`, no `monthDays`
 *   (monthly runs are anchored by start_time);
 * - hours/minutes only with Day or Week (Logic Apps also takes them with Month);
 * - `time_of_day` "hh:mm" is shorthand for hours=[h], minutes=[m], and excludes both;
 * - start_time without time_zone means "GMT Standard Time" (UK time with DST), not UTC;
 * - start_time carries no offset (the SDK refuses a tz-aware datetime);
 * - time zones are Windows ids only (the SDK's TimeZone enum), not IANA names;
 * - a future start_time that itself matches the hours/minutes/week_days pattern does not fire at
 *   start_time but at the next computed occurrence (Logic Apps fires at it).
 */
import { firstFireTime, nextOccurrences, MAX_INTERVAL, type Recurrence } from '../../connectors/recurrence/next-occurrences.js';
import { findTimeZone } from '../expressions/datetime/time-zones.js';

export const SCHEDULE_FREQUENCIES = ['Minute', 'Hour', 'Day', 'Week', 'Month'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];
export const SCHEDULE_WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A validated recurrence as stored: `time_of_day` already turned into hours and minutes, as the SDK does. */
export interface ScheduleRecurrence {
  frequency: ScheduleFrequency;
  interval: number;
  /** Wall-clock time in `time_zone`, `YYYY-MM-DDThh:mm:ss`. */
  start_time?: string;
  /** A Windows time zone id; "GMT Standard Time" when start_time is given without one. */
  time_zone?: string;
  hours?: number[];
  minutes?: number[];
  week_days?: string[];
}

export interface RecurrenceIssue {
  /** The property at fault (`frequency`, `hours`, ...), or '' for the object itself. */
  field: string;
  message: string;
}

/** Exact texts of the SDK's ValueErrors (constructor and `validate()`). */
export const MESSAGES = {
  frequency: 'Invalid value for frequency, only one of Minute, Hour, Day, Week, or Month accepted',
  interval: 'Interval must be an integer greater than 0.',
  hoursFrequency: 'Can only specify hours if frequency is Week or Day.',
  minutesFrequency: 'Can only specify minutes if frequency is Week or Day.',
  weekDaysFrequency: 'Can only specify week days if frequency is Week.',
  hoursRange: 'Hours must be between 0 and 23.',
  minutesRange: 'Minutes must be between 0 and 59.',
  weekDays: 'Week days must be a list of str, accepted values: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday.',
  timeZone: 'Time zone is not a valid TimeZone enum.',
  startTimeZone: 'Must specify time_zone if start_time is provided.',
  startTimeTz: 'Can not specify tzinfo for start_time, use time_zone instead.',
  timeOfDayWithHours: 'Can not specify time_of_day and hours or minutes.',
  timeOfDayFormat: 'time_of_day should be in the format hh:mm.',
  timeOfDayHour: 'Time of day hour value must be between 0 and 23.',
  timeOfDayMinute: 'Time of day minute value must be between 0 and 59.',
} as const;

/** Property names as the SDK and its YAML spell them, and the camelCase the REST wire uses. */
const ALIASES: Record<string, string> = {
  frequency: 'frequency', interval: 'interval', start_time: 'start_time', startTime: 'start_time',
  time_zone: 'time_zone', timeZone: 'time_zone', hours: 'hours', minutes: 'minutes',
  week_days: 'week_days', weekDays: 'week_days', time_of_day: 'time_of_day', timeOfDay: 'time_of_day',
};

const DEFAULT_START_ZONE = 'GMT Standard Time';
const START_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function canonicalKeys(raw: Record<string, unknown>, issues: RecurrenceIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = ALIASES[key];
    if (name === undefined) issues.push({ field: key, message: `Unknown recurrence property '${key}'; expected frequency, interval, start_time, time_zone, hours, minutes, week_days or time_of_day.` });
    else if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

/** A list of integers within [0, max], or undefined when any item is not one. */
function integerList(value: unknown, max: number): number[] | undefined {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return undefined;
  return items.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max) ? (items as number[]) : undefined;
}

function checkStartTime(value: unknown, issues: RecurrenceIssue[]): string | undefined {
  if (typeof value !== 'string') {
    issues.push({ field: 'start_time', message: 'start_time must be a string in the format YYYY-MM-DDThh:mm:ss.' });
    return undefined;
  }
  const text = value.trim();
  if (HAS_OFFSET.test(text)) {
    issues.push({ field: 'start_time', message: MESSAGES.startTimeTz });
    return undefined;
  }
  const m = START_TIME.exec(text);
  const ok = m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31 && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6] ?? 0) <= 59;
  if (!ok) {
    issues.push({ field: 'start_time', message: 'start_time should be in the format YYYY-MM-DDThh:mm:ss.' });
    return undefined;
  }
  return text;
}

/** `time_of_day` → [hour, minute], as the SDK's constructor reads it. */
function readTimeOfDay(value: unknown, issues: RecurrenceIssue[]): [number, number] | undefined {
  if (typeof value !== 'string' || !/^[0-9]{1,2}:[0-9]{2}$/.test(value)) {
    issues.push({ field: 'time_of_day', message: MESSAGES.timeOfDayFormat });
    return undefined;
  }
  const [h, m] = value.split(':').map(Number) as [number, number];
  if (h > 23) issues.push({ field: 'time_of_day', message: MESSAGES.timeOfDayHour });
  if (m > 59) issues.push({ field: 'time_of_day', message: MESSAGES.timeOfDayMinute });
  return h > 23 || m > 59 ? undefined : [h, m];
}

/** The constructor's checks: start_time, time zone default, time_of_day. */
function construct(r: Record<string, unknown>, issues: RecurrenceIssue[]): Partial<ScheduleRecurrence> {
  const out: Partial<ScheduleRecurrence> = {};
  if (r['start_time'] !== undefined) {
    const start = checkStartTime(r['start_time'], issues);
    if (start !== undefined) out.start_time = start;
  }
  if (r['time_zone'] !== undefined) {
    const zone = typeof r['time_zone'] === 'string' ? findTimeZone(r['time_zone']) : undefined;
    if (zone === undefined) issues.push({ field: 'time_zone', message: MESSAGES.timeZone });
    else out.time_zone = zone.id;
  } else if (r['start_time'] !== undefined) {
    out.time_zone = DEFAULT_START_ZONE;
  }
  if (r['time_of_day'] !== undefined) {
    if (r['hours'] !== undefined || r['minutes'] !== undefined) issues.push({ field: 'time_of_day', message: MESSAGES.timeOfDayWithHours });
    const hm = readTimeOfDay(r['time_of_day'], issues);
    if (hm !== undefined) [out.hours, out.minutes] = [[hm[0]], [hm[1]]];
  }
  return out;
}

/** `validate()`'s checks, in its order. */
function validate(r: Record<string, unknown>, built: Partial<ScheduleRecurrence>, issues: RecurrenceIssue[]): void {
  const frequency = SCHEDULE_FREQUENCIES.find((f) => f === r['frequency']);
  if (frequency === undefined) issues.push({ field: 'frequency', message: MESSAGES.frequency });
  else built.frequency = frequency;
  const interval = r['interval'];
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1) {
    issues.push({ field: 'interval', message: MESSAGES.interval });
  } else if (frequency !== undefined && interval > MAX_INTERVAL[frequency]) {
    // Not an SDK check: the calendar shared with Logic Apps takes its interval bounds.
    issues.push({ field: 'interval', message: `Interval must be at most ${MAX_INTERVAL[frequency]} for frequency ${frequency}.` });
  } else {
    built.interval = interval;
  }
  const calendar = frequency === 'Day' || frequency === 'Week';
  // time_of_day has already become hours and minutes (the constructor runs before validate()).
  const fromTimeOfDay = built.hours !== undefined;
  const hours = fromTimeOfDay || r['hours'] === undefined ? built.hours : integerList(r['hours'], 23);
  const minutes = fromTimeOfDay || r['minutes'] === undefined ? built.minutes : integerList(r['minutes'], 59);
  if (frequency !== undefined && !calendar) {
    if (fromTimeOfDay || r['hours'] !== undefined) issues.push({ field: fromTimeOfDay ? 'time_of_day' : 'hours', message: MESSAGES.hoursFrequency });
    if (fromTimeOfDay || r['minutes'] !== undefined) issues.push({ field: fromTimeOfDay ? 'time_of_day' : 'minutes', message: MESSAGES.minutesFrequency });
  }
  if (frequency !== undefined && frequency !== 'Week' && r['week_days'] !== undefined) issues.push({ field: 'week_days', message: MESSAGES.weekDaysFrequency });
  if (!fromTimeOfDay && r['hours'] !== undefined && hours === undefined) issues.push({ field: 'hours', message: MESSAGES.hoursRange });
  if (!fromTimeOfDay && r['minutes'] !== undefined && minutes === undefined) issues.push({ field: 'minutes', message: MESSAGES.minutesRange });
  if (hours !== undefined) built.hours = hours;
  if (minutes !== undefined) built.minutes = minutes;
  if (r['week_days'] !== undefined) {
    const days = Array.isArray(r['week_days']) ? r['week_days'] : [r['week_days']];
    const known = (d: unknown): boolean => SCHEDULE_WEEK_DAYS.some((w) => w === d);
    if (days.length === 0 || !days.every(known)) issues.push({ field: 'week_days', message: MESSAGES.weekDays });
    else built.week_days = days as string[];
  }
}

/** Every problem with a recurrence, each with the property it concerns. */
export function scheduleRecurrenceIssues(raw: unknown): RecurrenceIssue[] {
  return parse(raw).issues;
}

/** What is wrong with a recurrence, as the SDK's messages (empty when it is usable). */
export function validateScheduleRecurrence(raw: unknown): string[] {
  return scheduleRecurrenceIssues(raw).map((i) => i.message);
}

function parse(raw: unknown): { issues: RecurrenceIssue[]; recurrence?: ScheduleRecurrence } {
  if (!isRecord(raw)) return { issues: [{ field: '', message: 'The recurrence must be an object with frequency and interval.' }] };
  const issues: RecurrenceIssue[] = [];
  const r = canonicalKeys(raw, issues);
  const built = construct(r, issues);
  validate(r, built, issues);
  if (issues.length > 0) return { issues };
  const out: ScheduleRecurrence = { frequency: built.frequency!, interval: built.interval! };
  for (const key of ['start_time', 'time_zone', 'hours', 'minutes', 'week_days'] as const) {
    if (built[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = built[key];
  }
  return { issues, recurrence: out };
}

/** The stored form of a valid recurrence (time_of_day as hours/minutes, the default zone filled in); throws on an invalid one. */
export function normalizeScheduleRecurrence(raw: unknown): ScheduleRecurrence {
  const { issues, recurrence } = parse(raw);
  if (recurrence === undefined) throw new Error(`invalid recurrence: ${issues.map((i) => i.message).join(' ')}`);
  return recurrence;
}

export interface SeriesOptions {
  /**
   * Where a recurrence without start_time is counted from: the time the schedule was created (or
   * its recurrence last changed). Without it each occurrence follows the previous one.
   */
  anchor?: string;
}

const hasPattern = (r: ScheduleRecurrence): boolean => r.hours !== undefined || r.minutes !== undefined || r.week_days !== undefined;

/** The Logic Apps recurrence with the same series. */
export function toLogicAppsRecurrence(recurrence: ScheduleRecurrence, options: SeriesOptions = {}): Recurrence {
  const out: Recurrence = { frequency: recurrence.frequency, interval: recurrence.interval };
  if (recurrence.start_time !== undefined) out.startTime = recurrence.start_time;
  else if (options.anchor !== undefined) out.startTime = options.anchor;
  if (recurrence.time_zone !== undefined) out.timeZone = recurrence.time_zone;
  if (hasPattern(recurrence)) {
    out.schedule = {};
    if (recurrence.hours !== undefined) out.schedule.hours = recurrence.hours;
    if (recurrence.minutes !== undefined) out.schedule.minutes = recurrence.minutes;
    if (recurrence.week_days !== undefined) out.schedule.weekDays = recurrence.week_days;
  }
  return out;
}

/** The next `n` fire times strictly after `after` (ISO UTC). */
export function nextScheduleTimes(recurrence: ScheduleRecurrence, after: string, n: number, options: SeriesOptions = {}): string[] {
  return nextOccurrences(toLogicAppsRecurrence(recurrence, options), after, n);
}

/**
 * When a schedule created at `createdAt` first fires (spec §6.2): at once without start_time; a
 * past start_time → the next computed occurrence from now; a future one → start_time itself,
 * unless hours/minutes/week_days are given, then the first computed occurrence after start_time
 * (so a start_time matching the pattern does not fire).
 */
export function firstScheduleTime(recurrence: ScheduleRecurrence, createdAt: string): string | undefined {
  if (recurrence.start_time === undefined) return new Date(Date.parse(createdAt)).toISOString();
  const series = toLogicAppsRecurrence(recurrence);
  const fromNow = firstFireTime(series, createdAt);
  if (!hasPattern(recurrence)) return fromNow;
  const start = firstFireTime({ frequency: 'Minute', interval: 1, startTime: recurrence.start_time, timeZone: recurrence.time_zone }, '1970-01-01T00:00:00Z');
  if (start === undefined || Date.parse(start) < Date.parse(createdAt)) return fromNow;
  return nextOccurrences(series, start, 1)[0];
}

/** The first occurrence at or after `at` of the series as it stands (enabling a schedule again). */
export function resumeScheduleTime(recurrence: ScheduleRecurrence, at: string, options: SeriesOptions = {}): string | undefined {
  return nextScheduleTimes(recurrence, new Date(Date.parse(at) - 1).toISOString(), 1, options)[0];
}
