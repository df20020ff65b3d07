import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getCulture } from '../../../engine/expressions/datetime/culture.js';
import {
  addMonths,
  civilFromDays,
  daysFromCivil,
  partsOf,
  ticksFromParts,
  TICKS_PER_MILLISECOND,
  UNIX_EPOCH_TICKS,
} from '../../../engine/expressions/datetime/date-time.js';
import { formatDateTime } from '../../../engine/expressions/datetime/format-date-time.js';
import { parseExact } from '../../../engine/expressions/datetime/parse-exact.js';
import { parseTimestamp } from '../../../engine/expressions/datetime/parse-timestamp.js';
import { formatTimeSpan, formatTimeSpanConstant, parseTimeSpan } from '../../../engine/expressions/datetime/time-span.js';
import { findTimeZone, offsetMinutesAt, utcToZone, zoneToUtc } from '../../../engine/expressions/datetime/time-zones.js';

const enUS = getCulture('en-us')!;

describe('datetime helpers', function () {
  describe('civil calendar', function () {
    it('days round-trip through civil dates across the whole range', function () {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 3_652_058 }), (days) => {
          const { year, month, day } = civilFromDays(days);
          assert.equal(daysFromCivil(year, month, day), days);
        }),
      );
    });
    it('agrees with JavaScript Date for years 1970..2400', function () {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 13_569_465_600_000 }), (ms) => {
          const ticks = UNIX_EPOCH_TICKS + BigInt(ms) * TICKS_PER_MILLISECOND;
          const p = partsOf({ ticks, kind: 'Utc' });
          const d = new Date(ms);
          assert.deepEqual(
            [p.year, p.month, p.day, p.hour, p.minute, p.second, p.dayOfWeek],
            [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCDay()],
          );
        }),
      );
    });
    it('addMonths clamps to the last day and keeps the time of day', function () {
      const jan31 = { ticks: ticksFromParts(2023, 1, 31, 17, 45, 1, 5), kind: 'Unspecified' as const };
      const p = partsOf(addMonths(jan31, 1n)!);
      assert.deepEqual([p.year, p.month, p.day, p.hour, p.minute, p.second, p.fraction], [2023, 2, 28, 17, 45, 1, 5]);
      assert.equal(addMonths(jan31, -24277n), undefined);
    });
  });

  describe('format and parse', function () {
    it('o output parses back to the same value and kind', function () {
      fc.assert(
        fc.property(
          fc.bigInt({ min: 0n, max: 3_155_378_975_999_999_999n }),
          fc.constantFrom('Utc' as const, 'Unspecified' as const),
          (ticks, kind) => {
            const text = formatDateTime({ ticks, kind }, 'o', enUS);
            assert.deepEqual(parseTimestamp(text, { culture: enUS }), { ticks, kind });
          },
        ),
      );
    });
    it('custom patterns parse back exactly', function () {
      const dt = { ticks: ticksFromParts(2019, 11, 3, 21, 4, 5, 1_230_000), kind: 'Unspecified' as const };
      for (const pattern of ['dddd, dd MMMM yyyy hh:mm:ss.fff tt', 'yyyyMMddHHmmssFFFFFFF', 'd/M/yy H:m:s.fffffff']) {
        const text = formatDateTime(dt, pattern, enUS);
        assert.deepEqual(parseExact(text, pattern, enUS), dt, pattern);
      }
    });
  });

  describe('time zones', function () {
    it('resolves Windows ids ignoring case and rejects others', function () {
      assert.equal(findTimeZone('w. europe standard time')?.iana, 'Europe/Berlin');
      assert.equal(findTimeZone('UTC')?.isUtc, true);
      assert.equal(findTimeZone('Europe/Berlin'), undefined);
    });
    it('knows half-hour and DST offsets', function () {
      const jan = ticksFromParts(2021, 1, 15);
      const jul = ticksFromParts(2021, 7, 15);
      assert.equal(offsetMinutesAt(findTimeZone('India Standard Time')!, jan), 330);
      assert.equal(offsetMinutesAt(findTimeZone('AUS Eastern Standard Time')!, jan), 660);
      assert.equal(offsetMinutesAt(findTimeZone('AUS Eastern Standard Time')!, jul), 600);
    });
    it('wall clock and UTC round-trip away from transitions', function () {
      const zone = findTimeZone('Eastern Standard Time')!;
      fc.assert(
        fc.property(fc.bigInt({ min: ticksFromParts(2000, 1, 1), max: ticksFromParts(2040, 1, 1) }), (utc) => {
          const wall = utcToZone(zone, utc);
          const back = zoneToUtc(zone, wall);
          // A repeated wall time maps to the later (standard-time) instant.
          assert.ok(back === utc || back === utc + 36_000_000_000n);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('time spans', function () {
    it('constant format round-trips through parsing', function () {
      fc.assert(
        fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (ticks) => {
          assert.equal(parseTimeSpan(formatTimeSpanConstant(ticks)), ticks);
        }),
      );
    });
    it('custom day widths and trimmed fractions', function () {
      const ticks = parseTimeSpan('12.01:02:03.4000000')!;
      assert.equal(formatTimeSpan(ticks, 'ddd\\:FFF', '.'), '012:4');
      assert.equal(formatTimeSpan(ticks, '%d', '.'), '12');
    });
  });
});
