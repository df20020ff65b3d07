/**
 * Wall clocks and instants for the Recurrence trigger: time zones (Windows ids as Logic Apps takes
 * them, then IANA names), the gap and overlap rules, and ISO 8601 timestamps with or without offset.
 */
import { findTimeZone, offsetMinutesAt, type TimeZone } from '../../engine/expressions/datetime/time-zones.js';
import { daysInMonth, TICKS_PER_MILLISECOND, UNIX_EPOCH_TICKS } from '../../engine/expressions/datetime/date-time.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Zone {
  readonly name: string;
  offsetMs(utcMs: number): number;
}

export const UTC_ZONE: Zone = { name: 'UTC', offsetMs: () => 0 };

function zoneOf(tz: TimeZone): Zone {
  if (tz.isUtc || tz.iana === 'UTC' || tz.iana === 'Etc/UTC') return { name: tz.id, offsetMs: () => 0 };
  const cache = new Map<number, number>();
  return {
    name: tz.id,
    offsetMs(utcMs: number): number {
      let offset = cache.get(utcMs);
      if (offset === undefined) {
        if (cache.size > 50_000) cache.clear();
        offset = offsetMinutesAt(tz, UNIX_EPOCH_TICKS + BigInt(utcMs) * TICKS_PER_MILLISECOND) * MINUTE;
        cache.set(utcMs, offset);
      }
      return offset;
    },
  };
}

const zones = new Map<string, Zone | null>();

/** Windows ids first (as Logic Apps takes them, ignoring case), then IANA names. */
export function resolveTimeZone(name: string | undefined): Zone | undefined {
  if (name === undefined || name.trim() === '') return UTC_ZONE;
  const key = name.trim().toLowerCase();
  if (!zones.has(key)) {
    const windows = findTimeZone(name);
    let zone: Zone | null = windows ? zoneOf(windows) : null;
    if (!zone) {
      try {
        const iana = new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
        zone = zoneOf({ id: name.trim(), iana, isUtc: false });
      } catch {
        zone = null;
      }
    }
    zones.set(key, zone);
  }
  return zones.get(key) ?? undefined;
}

/** Wall clock (ms, as if UTC) → the instant, by the gap and overlap rules in the file comment. */
export function wallToUtc(zone: Zone, wallMs: number): number {
  const offsets = new Set([zone.offsetMs(wallMs - DAY), zone.offsetMs(wallMs), zone.offsetMs(wallMs + DAY)]);
  let best: number | undefined;
  for (const offset of offsets) {
    const utc = wallMs - offset;
    if (zone.offsetMs(utc) === offset && (best === undefined || utc < best)) best = utc;
  }
  if (best !== undefined) return best;
  // In a gap: the earliest reading lies before the jump; its offset is the one in force then.
  const before = zone.offsetMs(wallMs - Math.max(...offsets));
  return wallMs - before;
}

export function utcToWall(zone: Zone, utcMs: number): number {
  return utcMs + zone.offsetMs(utcMs);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** ISO 8601 date-time → `{ wallMs, offsetMs? }` (offsetMs when the text carries Z or an offset). */
export function parseTimestamp(text: string): { wallMs: number; offsetMs?: number } | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? undefined : Number(v)));
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  const zone = m[8];
  if (zone === undefined) return { wallMs: date.getTime() };
  if (zone.toUpperCase() === 'Z') return { wallMs: date.getTime(), offsetMs: 0 };
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(digits.slice(1, 3)) * HOUR + Number(digits.slice(3, 5) || '0') * MINUTE);
  return { wallMs: date.getTime(), offsetMs };
}

export interface Anchor {
  readonly utcMs: number;
  readonly wallMs: number;
}

/** A start time whose wall clock is kept as written, so a start inside a gap keeps its hour. */
export function anchorOf(text: string, zone: Zone): Anchor | undefined {
  const parsed = parseTimestamp(text);
  if (!parsed) return undefined;
  if (parsed.offsetMs === undefined) return { utcMs: wallToUtc(zone, parsed.wallMs), wallMs: parsed.wallMs };
  const utcMs = parsed.wallMs - parsed.offsetMs;
  return { utcMs, wallMs: utcToWall(zone, utcMs) };
}

/** A timestamp as an instant: its own offset if it has one, else a wall clock in `zone`. */
export function instantOf(text: string, zone: Zone): number | undefined {
  const parsed = parseTimestamp(text);
  if (!parsed) return undefined;
  return parsed.offsetMs === undefined ? wallToUtc(zone, parsed.wallMs) : parsed.wallMs - parsed.offsetMs;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
