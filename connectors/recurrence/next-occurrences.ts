/**
 * The Recurrence trigger's calendar: when a recurrence fires, computed without a clock.
 *
 * Second/Minute/Hour step in elapsed time from the anchor; Day/Week/Month step on the wall clock
 * of the time zone, so 08:00 stays 08:00 local across daylight-saving changes. A local time that a
 * spring-forward gap skips is read with the offset in force before the gap (02:30 → 03:30), and a
 * time repeated by the autumn fall-back means its first occurrence, so it fires once — the shifts
 * Microsoft's "daylight saving time and standard time" tables show. See README.md for the evidence.
 */
import { SluiceError } from '../../engine/errors.js';
import { daysInMonth } from '../../engine/expressions/datetime/date-time.js';
import { compile, ELAPSED_STEP, sortedUnique, type Plan, type Recurrence } from './recurrence-plan.js';
import { DAY, HOUR, MINUTE, instantOf, toIso, utcToWall, UTC_ZONE, wallToUtc, type Anchor, type Zone } from './zone-clock.js';

export {
  canonicalRecurrence, FREQUENCIES, MAX_INTERVAL, validateRecurrence, WEEK_DAYS,
  type Recurrence, type RecurrenceFrequency, type RecurrenceSchedule, type ValidateOptions,
} from './recurrence-plan.js';
export { resolveTimeZone } from './zone-clock.js';

/** A 400-year Gregorian cycle: a month-day pattern that never matches within it never will. */
const MAX_SCAN_MONTHS = 4800;
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Local times of day (ms) a calendar recurrence fires at; what the schedule omits comes from the anchor. */
function timesOfDay(plan: Plan, anchorTimeMs: number): number[] {
  const hours = plan.hours ?? [Math.floor(anchorTimeMs / HOUR)];
  const minutes = plan.minutes ?? [Math.floor((anchorTimeMs % HOUR) / MINUTE)];
  const rest = plan.minutes ? 0 : anchorTimeMs % MINUTE;
  return hours.flatMap((h) => minutes.map((m) => h * HOUR + m * MINUTE + rest));
}

const weekDayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

function civil(day: number): { year: number; month: number; dom: number } {
  const d = new Date(day * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dom: d.getUTCDate() };
}

function dayNumber(year: number, month: number, dom: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, dom);
  return Math.floor(d.getTime() / DAY);
}

/** Local days (days since 1970-01-01 on the zone's wall clock) the series may fire on, ascending, from `fromDay`. */
function* candidateDays(plan: Plan, anchorDay: number, fromDay: number): Generator<number> {
  const every = plan.interval;
  const periodFrom = (offset: number, size: number): number => Math.max(0, Math.floor(offset / size / every) * every);
  if (plan.frequency === 'Day') {
    for (let p = periodFrom(fromDay - anchorDay, 1); ; p += every) yield anchorDay + p;
  }
  if (plan.frequency === 'Week') {
    // Weeks run Sunday to Saturday, as .NET's DayOfWeek counts them [inferred].
    const weekStart = anchorDay - weekDayOf(anchorDay);
    const days = plan.weekDays ?? [weekDayOf(anchorDay)];
    for (let p = periodFrom(fromDay - weekStart, 7); ; p += every) {
      for (const d of days) if (weekStart + 7 * p + d >= fromDay) yield weekStart + 7 * p + d;
    }
  }
  const a = civil(anchorDay);
  const f = civil(fromDay);
  const base = a.year * 12 + a.month - 1;
  const first = periodFrom(f.year * 12 + f.month - 1 - base, 1);
  for (let p = first; p - first <= MAX_SCAN_MONTHS; p += every) {
    const year = Math.floor((base + p) / 12);
    const month = ((base + p) % 12) + 1;
    const length = daysInMonth(year, month);
    // An explicit day a month lacks (31 in April) is skipped; the anchor's own day is clamped (Jan 31 → Feb 28).
    const doms = plan.monthDays
      ? (sortedUnique(plan.monthDays.map((d) => (d > 0 ? d : length + 1 + d)).filter((d) => d >= 1 && d <= length)) ?? [])
      : [Math.min(a.dom, length)];
    for (const dom of doms) if (dayNumber(year, month, dom) >= fromDay) yield dayNumber(year, month, dom);
  }
}

/** The earliest instant ≥ `floor` among `times` on local `day`. */
function earliestOnDay(zone: Zone, day: number, times: readonly number[], floor: number): number | undefined {
  const base = day * DAY;
  const offset = zone.offsetMs(base - DAY);
  if (offset === zone.offsetMs(base + 2 * DAY) && offset === zone.offsetMs(base + DAY / 2)) {
    // No transition near this day: wall → UTC is one subtraction and keeps the order.
    for (const t of times) if (base + t - offset >= floor) return base + t - offset;
    return undefined;
  }
  let best: number | undefined;
  for (const t of times) {
    const utc = wallToUtc(zone, base + t);
    if (utc >= floor && (best === undefined || utc < best)) best = utc;
  }
  return best;
}

function nextOnCalendar(plan: Plan, anchor: Anchor, floor: number): number | undefined {
  const anchorDay = Math.floor(anchor.wallMs / DAY);
  const times = timesOfDay(plan, anchor.wallMs - anchorDay * DAY);
  const fromDay = Math.floor(utcToWall(plan.zone, floor) / DAY) - 1;
  let best: number | undefined;
  for (const day of candidateDays(plan, anchorDay, fromDay)) {
    // A wall day starts at most 14 h (the largest offset) before its UTC instants; past that, nothing earlier remains.
    if (day * DAY > MAX_MS || (best !== undefined && day * DAY - 14 * HOUR > best)) break;
    if (plan.endMs !== undefined && day * DAY - 14 * HOUR > plan.endMs) break;
    const t = earliestOnDay(plan.zone, day, times, floor);
    if (t !== undefined && (best === undefined || t < best)) best = t;
  }
  return best;
}

/** The first occurrence at or after `floor` of the series anchored at `anchor`. */
function occurrenceFrom(plan: Plan, anchor: Anchor, floor: number): number | undefined {
  const step = ELAPSED_STEP[plan.frequency];
  let t: number | undefined;
  if (step !== undefined) {
    const size = step * plan.interval;
    t = floor <= anchor.utcMs ? anchor.utcMs : anchor.utcMs + Math.ceil((floor - anchor.utcMs) / size) * size;
  } else {
    t = nextOnCalendar(plan, anchor, Math.max(floor, anchor.utcMs));
  }
  if (t === undefined || t > MAX_MS || (plan.endMs !== undefined && t > plan.endMs)) return undefined;
  return t;
}

function parseInstant(text: string, what: string): number {
  const ms = instantOf(text, UTC_ZONE);
  if (ms === undefined) throw new SluiceError('InvalidArgument', `${what} ${JSON.stringify(text)} is not an ISO 8601 date and time`);
  return ms;
}

/**
 * The next `n` fire instants strictly after `after`, as ISO UTC strings (fewer when `endTime` or
 * the calendar ends the series). With a startTime the series is anchored there; without one each
 * occurrence is computed from the previous — from `after` for the first — as Logic Apps computes
 * "from the last run time". Throws `InvalidArgument` for a recurrence `validateRecurrence` rejects.
 */
export function nextOccurrences(recurrence: Recurrence | Record<string, unknown>, after: string, n: number): string[] {
  const plan = compile(recurrence);
  let cursor = parseInstant(after, 'after');
  const out: string[] = [];
  while (out.length < n) {
    const anchor = plan.start ?? { utcMs: cursor, wallMs: utcToWall(plan.zone, cursor) };
    const next = occurrenceFrom(plan, anchor, cursor + 1);
    if (next === undefined) break;
    out.push(toIso(next));
    cursor = next;
  }
  return out;
}

/**
 * When a trigger saved at `savedAt` first fires: at once without a startTime ("the first
 * recurrence runs immediately when you save or deploy"), else at the first occurrence at or after
 * `savedAt` (a past start's past occurrences are dropped). Undefined when `endTime` has passed.
 */
export function firstFireTime(recurrence: Recurrence | Record<string, unknown>, savedAt: string): string | undefined {
  const plan = compile(recurrence);
  const saved = parseInstant(savedAt, 'savedAt');
  if (!plan.start) return plan.endMs !== undefined && saved > plan.endMs ? undefined : toIso(saved);
  const first = occurrenceFrom(plan, plan.start, saved);
  return first === undefined ? undefined : toIso(first);
}

