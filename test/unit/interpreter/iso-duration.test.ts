import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DefinitionError } from '../../../engine/errors.js';
import { addIsoDuration, durationMs, parseIsoDuration } from '../../../engine/interpreter/iso-duration.js';

describe('ISO 8601 durations', function () {
  describe('parseIsoDuration', function () {
    it('reads every component', function () {
      assert.deepEqual(parseIsoDuration('P1Y2M3W4DT5H6M7.5S'), {
        negative: false, years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5,
      });
    });

    it('reads a sign and a comma fraction', function () {
      const d = parseIsoDuration('-PT1,5H');
      assert.equal(d.negative, true);
      assert.equal(d.hours, 1.5);
    });

    for (const bad of ['', 'P', 'PT', 'P1DT', '1D', 'PT5', 'P1.5DT2H', 'P1.5Y', 'PT1S1M', 'P1H', 'pt5s', 'P-1D']) {
      it(`rejects '${bad}'`, function () {
        assert.throws(() => parseIsoDuration(bad), (err: unknown) => err instanceof DefinitionError && err.code === 'InvalidArgument');
      });
    }
  });

  describe('durationMs', function () {
    const cases: Array<[string, number]> = [
      ['PT5S', 5_000],
      ['PT120S', 120_000],
      ['PT1H30M', 5_400_000],
      ['P1D', 86_400_000],
      ['P2W', 14 * 86_400_000],
      ['P1DT0.001S', 86_400_001],
      ['PT0.5S', 500],
      ['-PT10S', -10_000],
      ['PT0S', 0],
    ];
    for (const [text, ms] of cases) {
      it(`${text} is ${ms} ms`, function () {
        assert.equal(durationMs(text), ms);
      });
    }

    it('refuses years and months, whose length depends on the date', function () {
      assert.throws(() => durationMs('P1M'), /years or months/);
      assert.throws(() => durationMs('P1Y'), /years or months/);
      assert.throws(() => durationMs('P1Y2D'), (err: unknown) => err instanceof DefinitionError);
      assert.equal(durationMs('P0Y0M1D'), 86_400_000);
    });

    it('accepts parsed components', function () {
      assert.equal(durationMs(parseIsoDuration('PT1M')), 60_000);
    });
  });

  describe('addIsoDuration', function () {
    const cases: Array<[string, string, string]> = [
      ['2024-01-31T10:00:00Z', 'P1M', '2024-02-29T10:00:00.000Z'],
      ['2023-01-31T10:00:00Z', 'P1M', '2023-02-28T10:00:00.000Z'],
      ['2024-02-29T00:00:00Z', 'P1Y', '2025-02-28T00:00:00.000Z'],
      ['2024-03-31T00:00:00Z', '-P1M', '2024-02-29T00:00:00.000Z'],
      ['2024-11-30T12:00:00Z', 'P3M', '2025-02-28T12:00:00.000Z'],
      ['2024-01-01T00:00:00Z', 'P1Y2M3DT4H5M6S', '2025-03-04T04:05:06.000Z'],
      ['2024-01-31T23:30:00+02:00', 'PT1H', '2024-01-31T22:30:00.000Z'],
      ['2024-03-30T00:00:00Z', 'P1D', '2024-03-31T00:00:00.000Z'],
      ['2024-12-31T23:59:59.500Z', 'PT0.5S', '2025-01-01T00:00:00.000Z'],
    ];
    for (const [start, d, expected] of cases) {
      it(`${start} + ${d} = ${expected}`, function () {
        assert.equal(addIsoDuration(start, d), expected);
      });
    }

    it('rejects a bad time and a result out of range', function () {
      assert.throws(() => addIsoDuration('yesterday', 'P1D'), /not a valid ISO 8601 time/);
      assert.throws(() => addIsoDuration('9999-12-01T00:00:00Z', 'P1M'), /range/);
    });

    it('agrees with durationMs for durations without years and months', function () {
      const start = Date.UTC(2000, 0, 1);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 3_000 }),
          fc.integer({ min: 0, max: 100 }),
          fc.integer({ min: 0, max: 10_000 }),
          fc.integer({ min: 0, max: 100_000 }),
          fc.integer({ min: 0, max: 10 * 86_400 }),
          (days, hours, minutes, offsetS, seconds) => {
            const text = `P${days}DT${hours}H${minutes}M${seconds}S`;
            const iso = new Date(start + offsetS * 1000).toISOString();
            assert.equal(Date.parse(addIsoDuration(iso, text)) - Date.parse(iso), durationMs(text));
          },
        ),
      );
    });

    it('adding then subtracting whole months returns to the same day unless it was clamped', function () {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 100 * 365 }), fc.integer({ min: 1, max: 240 }), (dayOffset, months) => {
          const iso = new Date(Date.UTC(1950, 0, 1) + dayOffset * 86_400_000).toISOString();
          const there = addIsoDuration(iso, `P${months}M`);
          const back = addIsoDuration(there, `-P${months}M`);
          const day = new Date(iso).getUTCDate();
          if (day <= 28) assert.equal(back, iso);
          assert.ok(new Date(there).getUTCDate() <= day);
        }),
      );
    });
  });
});
