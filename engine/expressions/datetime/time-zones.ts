/**
 * Windows time zone ids (the ones Logic Apps accepts: "Pacific Standard Time", "UTC",
 * "W. Europe Standard Time") resolved to IANA zones through `windows-iana`, with offsets computed by
 * Intl for any instant, so daylight saving rules are honoured. Ids match ignoring case, as
 * `TimeZoneInfo.FindSystemTimeZoneById` does on Windows.
 */
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { TICKS_PER_DAY, TICKS_PER_MINUTE, toEpochMs } from './date-time.js';

export interface TimeZone {
  /** The Windows id as Windows spells it. */
  readonly id: string;
  readonly iana: string;
  readonly isUtc: boolean;
}

let byLowerId: Map<string, TimeZone> | undefined;

function table(): Map<string, TimeZone> {
  if (byLowerId) return byLowerId;
  byLowerId = new Map();
  for (const entry of Object.values(WINDOWS_TO_IANA_MAP)) {
    const key = entry.windowsName.toLowerCase();
    // The '001' territory row names the zone's primary IANA id; keep it over regional rows.
    if (byLowerId.has(key) && entry.territory !== '001') continue;
    const iana = entry.iana[0];
    if (!iana) continue;
    byLowerId.set(key, { id: entry.windowsName, iana, isUtc: entry.windowsName === 'UTC' });
  }
  return byLowerId;
}

export function findTimeZone(id: string): TimeZone | undefined {
  return table().get(id.trim().toLowerCase());
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(iana, f);
  }
  return f;
}

/** The zone's offset from UTC, in minutes, at the UTC instant `utcTicks`. */
export function offsetMinutesAt(zone: TimeZone, utcTicks: bigint): number {
  if (zone.isUtc) return 0;
  // Work on whole seconds: offsets are whole minutes in every zone Windows knows.
  const ms = toEpochMs(utcTicks - (utcTicks % 10_000_000n));
  const parts = formatterFor(zone.iana).formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const wallMs = Date.UTC(2000, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wall = new Date(wallMs);
  wall.setUTCFullYear(year);
  return Math.round((wall.getTime() - ms) / 60000);
}

/** UTC ticks → the zone's wall-clock ticks. */
export function utcToZone(zone: TimeZone, utcTicks: bigint): bigint {
  return utcTicks + BigInt(offsetMinutesAt(zone, utcTicks)) * TICKS_PER_MINUTE;
}

/**
 * Wall-clock ticks in the zone → UTC ticks. A time skipped by a daylight-saving jump is invalid
 * (`undefined`, .NET throws there); a repeated time is read as standard time, the later instant.
 */
export function zoneToUtc(zone: TimeZone, wallTicks: bigint): bigint | undefined {
  if (zone.isUtc) return wallTicks;
  const offsets = new Set([
    offsetMinutesAt(zone, wallTicks - TICKS_PER_DAY),
    offsetMinutesAt(zone, wallTicks),
    offsetMinutesAt(zone, wallTicks + TICKS_PER_DAY),
  ]);
  let best: bigint | undefined;
  for (const offset of offsets) {
    const utc = wallTicks - BigInt(offset) * TICKS_PER_MINUTE;
    if (utcToZone(zone, utc) !== wallTicks) continue;
    if (best === undefined || utc > best) best = utc;
  }
  return best;
}

