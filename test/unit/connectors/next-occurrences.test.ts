/**
 * The Recurrence trigger's calendar, against a table of hand-computed cases (the daylight-saving
 * rows are Microsoft's own published examples where one exists), then properties over random
 * recurrences.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  firstFireTime,
  nextOccurrences,
  validateRecurrence,
  type Recurrence,
} from '../../../connectors/recurrence/next-occurrences.js';
import { recurrenceOf, recurrenceTrigger } from '../../../connectors/recurrence/recurrence-trigger.js';
import { SluiceError } from '../../../engine/errors.js';
import { defaultConfig } from '../../../engine/config.js';

interface Case {
  name: string;
  r: Recurrence | Record<string, unknown>;
  after: string;
  expected: string[];
}

/** Expected instants are written without milliseconds; results are compared as instants. */
const iso = (s: string): string => new Date(s).toISOString();

const CASES: Case[] = [
  // --- Second, Minute, Hour: elapsed time from the anchor
  { name: 'Second 30 from a past start', r: { frequency: 'Second', interval: 30, startTime: '2024-01-01T00:00:00Z' },
    after: '2024-01-01T00:01:10Z', expected: ['2024-01-01T00:01:30Z', '2024-01-01T00:02:00Z', '2024-01-01T00:02:30Z'] },
  { name: 'Second 1 without start counts from after', r: { frequency: 'Second', interval: 1 },
    after: '2024-05-05T10:00:00Z', expected: ['2024-05-05T10:00:01Z', '2024-05-05T10:00:02Z', '2024-05-05T10:00:03Z'] },
  { name: 'Minute 15 keeps the start minute mark', r: { frequency: 'Minute', interval: 15, startTime: '2024-01-01T00:05:00Z' },
    after: '2024-06-01T12:00:00Z', expected: ['2024-06-01T12:05:00Z', '2024-06-01T12:20:00Z', '2024-06-01T12:35:00Z'] },
  { name: 'Minute 7 counted from the start, not the hour', r: { frequency: 'Minute', interval: 7, startTime: '2024-01-01T00:00:00Z' },
    after: '2024-01-01T01:00:00Z', expected: ['2024-01-01T01:03:00Z', '2024-01-01T01:10:00Z', '2024-01-01T01:17:00Z'] },
  { name: 'Minute 15 without start: from the last run, seconds kept', r: { frequency: 'Minute', interval: 15 },
    after: '2024-10-25T12:00:07Z', expected: ['2024-10-25T12:15:07Z', '2024-10-25T12:30:07Z', '2024-10-25T12:45:07Z'] },
  { name: 'Hour 1 with a future start begins at the start', r: { frequency: 'Hour', interval: 1, startTime: '2030-01-01T08:00:00Z' },
    after: '2024-01-01T00:00:00Z', expected: ['2030-01-01T08:00:00Z', '2030-01-01T09:00:00Z', '2030-01-01T10:00:00Z'] },
  { name: 'Hour 5 from a past start', r: { frequency: 'Hour', interval: 5, startTime: '2024-01-01T00:00:00Z' },
    after: '2024-01-02T00:00:00Z', expected: ['2024-01-02T01:00:00Z', '2024-01-02T06:00:00Z', '2024-01-02T11:00:00Z'] },
  { name: 'Hour 1 across the European spring gap: every real hour (IANA)',
    r: { frequency: 'Hour', interval: 1, startTime: '2024-03-31T00:00:00', timeZone: 'Europe/Berlin' },
    after: '2024-03-30T23:30:00Z', expected: ['2024-03-31T00:00:00Z', '2024-03-31T01:00:00Z', '2024-03-31T02:00:00Z'] },
  { name: 'Hour 1 across the US fall-back: the repeated hour is a real hour and fires',
    r: { frequency: 'Hour', interval: 1, startTime: '2024-11-03T00:00:00', timeZone: 'Eastern Standard Time' },
    after: '2024-11-03T04:30:00Z', expected: ['2024-11-03T05:00:00Z', '2024-11-03T06:00:00Z', '2024-11-03T07:00:00Z'] },
  { name: 'Hour 2 across the US spring gap (Windows zone)',
    r: { frequency: 'Hour', interval: 2, startTime: '2024-03-09T23:00:00', timeZone: 'Pacific Standard Time' },
    after: '2024-03-10T07:00:00Z', expected: ['2024-03-10T09:00:00Z', '2024-03-10T11:00:00Z', '2024-03-10T13:00:00Z'] },

  // --- Day
  { name: 'Day 2, start in the past (Microsoft example)', r: { frequency: 'Day', interval: 2, startTime: '2017-09-07T14:00:00Z' },
    after: '2017-09-08T13:00:00Z', expected: ['2017-09-09T14:00:00Z', '2017-09-11T14:00:00Z', '2017-09-13T14:00:00Z'] },
  { name: 'Day 2, start further in the past, same series', r: { frequency: 'Day', interval: 2, startTime: '2017-09-01T14:00:00Z' },
    after: '2017-09-08T13:00:00Z', expected: ['2017-09-09T14:00:00Z', '2017-09-11T14:00:00Z', '2017-09-13T14:00:00Z'] },
  { name: 'Day 1, start in the future', r: { frequency: 'Day', interval: 1, startTime: '2025-01-10T06:00:00Z' },
    after: '2025-01-01T00:00:00Z', expected: ['2025-01-10T06:00:00Z', '2025-01-11T06:00:00Z', '2025-01-12T06:00:00Z'] },
  { name: 'Day, hours × minutes, no start', r: { frequency: 'Day', interval: 1, schedule: { hours: [8, 16], minutes: [30, 45] } },
    after: '2024-06-10T00:00:00Z', expected: ['2024-06-10T08:30:00Z', '2024-06-10T08:45:00Z', '2024-06-10T16:30:00Z', '2024-06-10T16:45:00Z'] },
  { name: 'Day, later slot the same day first', r: { frequency: 'Day', interval: 1, schedule: { hours: [8, 16], minutes: [30] } },
    after: '2024-06-10T09:00:00Z', expected: ['2024-06-10T16:30:00Z', '2024-06-11T08:30:00Z', '2024-06-11T16:30:00Z'] },
  { name: 'Day, hours only: minutes (and seconds) from the save time', r: { frequency: 'Day', interval: 1, schedule: { hours: 8 } },
    after: '2024-06-10T10:17:23Z', expected: ['2024-06-11T08:17:23Z', '2024-06-12T08:17:23Z'] },
  { name: 'Day, minutes only: the hour from the start time',
    r: { frequency: 'Day', interval: 1, startTime: '2024-06-01T08:00:00Z', schedule: { minutes: [0, 30] } },
    after: '2024-06-10T08:10:00Z', expected: ['2024-06-10T08:30:00Z', '2024-06-11T08:00:00Z', '2024-06-11T08:30:00Z'] },
  { name: 'Day 3 with a schedule keeps the start day parity',
    r: { frequency: 'Day', interval: 3, startTime: '2024-01-01T00:00:00Z', schedule: { hours: [9], minutes: [0] } },
    after: '2024-01-02T00:00:00Z', expected: ['2024-01-04T09:00:00Z', '2024-01-07T09:00:00Z', '2024-01-10T09:00:00Z'] },
  { name: 'Day 08:00 W. Europe stays 08:00 local across the spring change',
    r: { frequency: 'Day', interval: 1, startTime: '2024-03-29T08:00:00', timeZone: 'W. Europe Standard Time' },
    after: '2024-03-29T00:00:00Z', expected: ['2024-03-29T07:00:00Z', '2024-03-30T07:00:00Z', '2024-03-31T06:00:00Z', '2024-04-01T06:00:00Z'] },
  { name: 'Day 08:00 W. Europe stays 08:00 local across the autumn change',
    r: { frequency: 'Day', interval: 1, startTime: '2024-10-26T08:00:00', timeZone: 'W. Europe Standard Time' },
    after: '2024-10-26T00:00:00Z', expected: ['2024-10-26T06:00:00Z', '2024-10-27T07:00:00Z', '2024-10-28T07:00:00Z'] },
  { name: 'Day 02:30 Central, spring gap: fires 03:30 CDT (Microsoft table)',
    r: { frequency: 'Day', interval: 1, startTime: '2019-03-09T02:30:00', timeZone: 'Central Standard Time' },
    after: '2019-03-09T00:00:00Z', expected: ['2019-03-09T08:30:00Z', '2019-03-10T08:30:00Z', '2019-03-11T07:30:00Z'] },
  { name: 'Day 01:30 Central, fall-back: the first 01:30, once (Microsoft table)',
    r: { frequency: 'Day', interval: 1, startTime: '2019-11-02T01:30:00', timeZone: 'Central Standard Time' },
    after: '2019-11-02T00:00:00Z', expected: ['2019-11-02T06:30:00Z', '2019-11-03T06:30:00Z', '2019-11-04T07:30:00Z'] },
  { name: 'Day 02:30 Central across the fall-back (Microsoft table)',
    r: { frequency: 'Day', interval: 1, startTime: '2019-11-02T02:30:00', timeZone: 'Central Standard Time' },
    after: '2019-11-02T00:00:00Z', expected: ['2019-11-02T07:30:00Z', '2019-11-03T08:30:00Z', '2019-11-04T08:30:00Z'] },
  { name: 'Day 02:30 America/New_York, spring gap read with the EST offset',
    r: { frequency: 'Day', interval: 1, timeZone: 'America/New_York', startTime: '2024-03-01T00:00:00', schedule: { hours: [2], minutes: [30] } },
    after: '2024-03-09T00:00:00Z', expected: ['2024-03-09T07:30:00Z', '2024-03-10T07:30:00Z', '2024-03-11T06:30:00Z'] },
  { name: 'Day 01:30 Europe/London, ambiguous time means the BST one',
    r: { frequency: 'Day', interval: 1, timeZone: 'Europe/London', schedule: { hours: 1, minutes: 30 } },
    after: '2024-10-25T12:00:00Z', expected: ['2024-10-26T00:30:00Z', '2024-10-27T00:30:00Z', '2024-10-28T01:30:00Z'] },
  { name: 'Day every half hour on the spring-change day: gap times fold onto real ones, no duplicates',
    r: { frequency: 'Day', interval: 1, timeZone: 'W. Europe Standard Time',
      schedule: { hours: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23], minutes: [0, 30] } },
    after: '2024-03-31T00:40:00Z', expected: ['2024-03-31T01:00:00Z', '2024-03-31T01:30:00Z', '2024-03-31T02:00:00Z', '2024-03-31T02:30:00Z'] },
  { name: 'Day every half hour on the autumn-change day: the repeated hour fires once',
    r: { frequency: 'Day', interval: 1, timeZone: 'W. Europe Standard Time',
      schedule: { hours: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23], minutes: [0, 30] } },
    after: '2024-10-27T00:00:00Z', expected: ['2024-10-27T00:30:00Z', '2024-10-27T02:00:00Z', '2024-10-27T02:30:00Z'] },
  { name: 'Day 08:00 Sydney across the southern spring change (Windows zone)',
    r: { frequency: 'Day', interval: 1, startTime: '2024-10-05T08:00:00', timeZone: 'AUS Eastern Standard Time' },
    after: '2024-10-04T00:00:00Z', expected: ['2024-10-04T22:00:00Z', '2024-10-05T21:00:00Z', '2024-10-06T21:00:00Z'] },
  { name: 'Day across Feb 29 in a leap year', r: { frequency: 'Day', interval: 1, startTime: '2024-02-28T12:00:00Z' },
    after: '2024-02-28T12:00:00Z', expected: ['2024-02-29T12:00:00Z', '2024-03-01T12:00:00Z'] },
  { name: 'A start equal to after is not "strictly after"', r: { frequency: 'Day', interval: 1, startTime: '2024-01-01T00:00:00Z' },
    after: '2024-01-01T00:00:00Z', expected: ['2024-01-02T00:00:00Z'] },
  { name: 'startTime with an offset is that instant', r: { frequency: 'Day', interval: 1, startTime: '2024-06-01T10:00:00+02:00' },
    after: '2024-06-01T00:00:00Z', expected: ['2024-06-01T08:00:00Z', '2024-06-02T08:00:00Z'] },
  { name: 'startTime without Z or timeZone is read as UTC', r: { frequency: 'Day', interval: 1, startTime: '2024-06-01T10:00:00' },
    after: '2024-06-01T00:00:00Z', expected: ['2024-06-01T10:00:00Z', '2024-06-02T10:00:00Z'] },
  { name: 'endTime ends the series', r: { frequency: 'Day', interval: 1, startTime: '2024-01-01T00:00:00Z', endTime: '2024-01-03T00:00:00Z' },
    after: '2024-01-01T12:00:00Z', expected: ['2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z'] },

  // --- Week
  { name: 'Week, Monday 10:30/12:30/14:30 Pacific, no sooner than the start (Microsoft example)',
    r: { frequency: 'Week', interval: 1, startTime: '2020-09-18T08:00:00', timeZone: 'Pacific Standard Time',
      schedule: { hours: [10, 12, 14], minutes: [30], weekDays: ['Monday'] } },
    after: '2020-09-04T00:00:00Z', expected: ['2020-09-21T17:30:00Z', '2020-09-21T19:30:00Z', '2020-09-21T21:30:00Z', '2020-09-28T17:30:00Z'] },
  { name: 'Week, Saturday at the start time', r: { frequency: 'Week', interval: 1, startTime: '2017-09-09T17:00:00Z', schedule: { weekDays: ['Saturday'] } },
    after: '2017-09-01T00:00:00Z', expected: ['2017-09-09T17:00:00Z', '2017-09-16T17:00:00Z', '2017-09-23T17:00:00Z'] },
  { name: 'Week 2, Monday and Friday', r: { frequency: 'Week', interval: 2, startTime: '2024-01-01T00:00:00Z',
    schedule: { weekDays: ['Monday', 'Friday'], hours: [9], minutes: [0] } },
  after: '2024-01-01T00:00:00Z', expected: ['2024-01-01T09:00:00Z', '2024-01-05T09:00:00Z', '2024-01-15T09:00:00Z', '2024-01-19T09:00:00Z'] },
  { name: 'Week 2, weeks run Sunday to Saturday', r: { frequency: 'Week', interval: 2, startTime: '2024-06-02T00:00:00Z',
    schedule: { weekDays: ['Saturday', 'Sunday'], hours: [10], minutes: [0] } },
  after: '2024-06-01T00:00:00Z', expected: ['2024-06-02T10:00:00Z', '2024-06-08T10:00:00Z', '2024-06-16T10:00:00Z', '2024-06-22T10:00:00Z'] },
  { name: 'Week without schedule: the start weekday', r: { frequency: 'Week', interval: 1, startTime: '2024-02-29T12:00:00Z' },
    after: '2024-03-01T00:00:00Z', expected: ['2024-03-07T12:00:00Z', '2024-03-14T12:00:00Z', '2024-03-21T12:00:00Z'] },
  { name: 'Week, any case and single values', r: { Frequency: 'week', Interval: '1', Schedule: { WeekDays: 'sunday', Hours: 6, Minutes: 0 } },
    after: '2024-06-12T00:00:00Z', expected: ['2024-06-16T06:00:00Z', '2024-06-23T06:00:00Z', '2024-06-30T06:00:00Z'] },

  // --- Month
  { name: 'Month from Jan 31 in a leap year: the day is clamped', r: { frequency: 'Month', interval: 1, startTime: '2024-01-31T09:00:00Z' },
    after: '2024-01-01T00:00:00Z', expected: ['2024-01-31T09:00:00Z', '2024-02-29T09:00:00Z', '2024-03-31T09:00:00Z', '2024-04-30T09:00:00Z'] },
  { name: 'Month from Jan 31 in a common year', r: { frequency: 'Month', interval: 1, startTime: '2023-01-31T09:00:00Z' },
    after: '2023-01-31T09:00:00Z', expected: ['2023-02-28T09:00:00Z', '2023-03-31T09:00:00Z', '2023-04-30T09:00:00Z'] },
  { name: 'Month, monthDays 31 skips shorter months', r: { frequency: 'Month', interval: 1, startTime: '2024-01-01T09:00:00Z', schedule: { monthDays: [31] } },
    after: '2024-01-01T00:00:00Z', expected: ['2024-01-31T09:00:00Z', '2024-03-31T09:00:00Z', '2024-05-31T09:00:00Z', '2024-07-31T09:00:00Z', '2024-08-31T09:00:00Z'] },
  { name: 'Month, last day (-1) in a leap year', r: { frequency: 'Month', interval: 1, schedule: { monthDays: [-1], hours: [23], minutes: [0] } },
    after: '2024-01-15T10:00:00Z', expected: ['2024-01-31T23:00:00Z', '2024-02-29T23:00:00Z', '2024-03-31T23:00:00Z', '2024-04-30T23:00:00Z'] },
  { name: 'Month, last day (-1) in a common year', r: { frequency: 'Month', interval: 1, schedule: { monthDays: -1, hours: 23, minutes: 0 } },
    after: '2023-01-31T23:00:00Z', expected: ['2023-02-28T23:00:00Z', '2023-03-31T23:00:00Z'] },
  { name: 'Month 3 from Nov 30', r: { frequency: 'Month', interval: 3, startTime: '2024-11-30T00:00:00Z' },
    after: '2024-11-01T00:00:00Z', expected: ['2024-11-30T00:00:00Z', '2025-02-28T00:00:00Z', '2025-05-30T00:00:00Z', '2025-08-30T00:00:00Z'] },
  { name: 'Month, 1st and 15th at 06:00 Tokyo', r: { frequency: 'Month', interval: 1, startTime: '2024-01-01T00:00:00', timeZone: 'Tokyo Standard Time',
    schedule: { monthDays: [1, 15], hours: [6], minutes: [0] } },
  after: '2024-01-01T00:00:00Z', expected: ['2024-01-14T21:00:00Z', '2024-01-31T21:00:00Z', '2024-02-14T21:00:00Z'] },
  { name: 'Month 12 on the 29th: leap years only', r: { frequency: 'Month', interval: 12, startTime: '2024-02-01T00:00:00Z', schedule: { monthDays: 29 } },
    after: '2024-01-01T00:00:00Z', expected: ['2024-02-29T00:00:00Z', '2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z'] },
  { name: 'Month 12 on the 30th of February: never', r: { frequency: 'Month', interval: 12, startTime: '2024-02-01T00:00:00Z', schedule: { monthDays: 30 } },
    after: '2024-01-01T00:00:00Z', expected: [] },
];

describe('nextOccurrences: table', () => {
  it('has at least 40 cases', () => assert.ok(CASES.length >= 40, `${CASES.length} cases`));
  for (const c of CASES) {
    it(c.name, () => {
      assert.deepEqual(nextOccurrences(c.r, c.after, Math.max(c.expected.length, 1)), c.expected.map(iso));
    });
  }
});

describe('firstFireTime', () => {
  const table: [string, Recurrence, string, string | undefined][] = [
    ['no start: at once', { frequency: 'Day', interval: 1, schedule: { hours: [8] } }, '2024-06-10T10:17:23Z', '2024-06-10T10:17:23Z'],
    ['past start: the next future occurrence', { frequency: 'Day', interval: 2, startTime: '2017-09-07T14:00:00Z' }, '2017-09-08T13:00:00Z', '2017-09-09T14:00:00Z'],
    ['future start: the start', { frequency: 'Minute', interval: 5, startTime: '2030-01-01T00:00:00Z' }, '2024-01-01T00:00:00Z', '2030-01-01T00:00:00Z'],
    ['start now: now', { frequency: 'Hour', interval: 1, startTime: '2024-01-01T00:00:00Z' }, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'],
    ['start with a schedule: no sooner than the start', { frequency: 'Week', interval: 1, startTime: '2020-09-18T08:00:00', timeZone: 'Pacific Standard Time',
      schedule: { hours: [10, 12, 14], minutes: [30], weekDays: ['Monday'] } }, '2020-09-04T00:00:00Z', '2020-09-21T17:30:00Z'],
    ['endTime passed: never', { frequency: 'Day', interval: 1, startTime: '2020-01-01T00:00:00Z', endTime: '2020-02-01T00:00:00Z' }, '2024-01-01T00:00:00Z', undefined],
  ];
  for (const [name, r, savedAt, expected] of table) {
    it(name, () => assert.equal(firstFireTime(r, savedAt), expected === undefined ? undefined : iso(expected)));
  }
});

describe('validateRecurrence', () => {
  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'every day', /must be an object/],
    ['unknown frequency', { frequency: 'Year', interval: 1 }, /frequency "Year"/],
    ['interval 0', { frequency: 'Day', interval: 0 }, /interval 0 must be an integer from 1 to 500/],
    ['interval over the Day limit', { frequency: 'Day', interval: 501 }, /from 1 to 500 for frequency Day/],
    ['interval over the Week limit', { frequency: 'Week', interval: 72 }, /from 1 to 71/],
    ['interval over the Month limit', { frequency: 'Month', interval: 17 }, /from 1 to 16/],
    ['fractional interval', { frequency: 'Minute', interval: 1.5 }, /interval 1.5/],
    ['unknown time zone', { frequency: 'Day', interval: 1, timeZone: 'Mars Standard Time' }, /timeZone "Mars Standard Time"/],
    ['bad startTime', { frequency: 'Day', interval: 1, startTime: '2024-13-01T00:00:00Z' }, /startTime/],
    ['hour 24', { frequency: 'Day', interval: 1, schedule: { hours: [24] } }, /hours must be integers from 0 to 23/],
    ['minute 60', { frequency: 'Day', interval: 1, schedule: { minutes: 60 } }, /minutes must be integers from 0 to 59/],
    ['unknown weekday', { frequency: 'Week', interval: 1, schedule: { weekDays: ['Funday'] } }, /weekDays must be day names/],
    ['monthDay 0', { frequency: 'Month', interval: 1, schedule: { monthDays: [0] } }, /monthDays must be days from 1 to 31/],
    ['monthDay 32', { frequency: 'Month', interval: 1, schedule: { monthDays: 32 } }, /monthDays/],
    ['hours with Hour', { frequency: 'Hour', interval: 1, schedule: { hours: [1] } }, /hours applies only to frequency Day or Week or Month, not Hour/],
    ['weekDays with Day', { frequency: 'Day', interval: 1, schedule: { weekDays: 'Monday' } }, /weekDays applies only to frequency Week/],
    ['monthDays with Week', { frequency: 'Week', interval: 1, schedule: { monthDays: 1 } }, /monthDays applies only to frequency Month/],
    ['monthlyOccurrences', { frequency: 'Month', interval: 1, schedule: { monthlyOccurrences: [{ day: 'Friday', occurrence: 1 }] } }, /not supported/],
    ['an expression where a value is needed', { frequency: "@parameters('f')", interval: 1 }, /frequency/],
  ];
  for (const [name, raw, message] of bad) {
    it(`rejects ${name}`, () => {
      const issues = validateRecurrence(raw);
      assert.ok(issues.some((i) => message.test(i)), JSON.stringify(issues));
    });
  }

  it('accepts good recurrences in any case, Windows and IANA zones', () => {
    assert.deepEqual(validateRecurrence({ frequency: 'Week', interval: 71, timeZone: 'w. europe standard time', schedule: { weekDays: 'friday', hours: '8' } }), []);
    assert.deepEqual(validateRecurrence({ frequency: 'Month', interval: 16, timeZone: 'America/Chicago', schedule: { monthDays: [-1, 31], hours: [0, 23] } }), []);
    assert.deepEqual(validateRecurrence({ frequency: 'Second', interval: 9_999_999, timeZone: 'UTC', startTime: '2024-01-01T00:00:00.1234567Z' }), []);
  });

  it('leaves expressions to a later check when asked', () => {
    assert.deepEqual(validateRecurrence({ frequency: "@parameters('f')", interval: "@parameters('n')" }, { allowExpressions: true }), []);
  });

  it('nextOccurrences refuses what validation rejects, with a typed error', () => {
    assert.throws(() => nextOccurrences({ frequency: 'Day', interval: 0 }, '2024-01-01T00:00:00Z', 1),
      (err: unknown) => err instanceof SluiceError && err.code === 'InvalidArgument' && /interval/.test(err.message));
    assert.throws(() => nextOccurrences({ frequency: 'Day', interval: 1 }, 'yesterday', 1),
      (err: unknown) => err instanceof SluiceError && err.code === 'InvalidArgument');
  });
});

describe('Recurrence trigger descriptor', () => {
  it('recurrence wins over a stale evaluatedRecurrence', () => {
    const node = { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 2 }, evaluatedRecurrence: { frequency: 'Minute', interval: 1 } };
    assert.deepEqual(recurrenceOf(node), { frequency: 'Hour', interval: 2 });
  });

  it('evaluatedRecurrence is used when recurrence still holds expressions', () => {
    const node = { recurrence: { frequency: 'Day', interval: "@parameters('every')" }, evaluatedRecurrence: { frequency: 'Day', interval: 3 } };
    assert.deepEqual(recurrenceOf(node), { frequency: 'Day', interval: 3 });
  });

  it('reads canonical spellings, and nothing when there is no recurrence', () => {
    assert.deepEqual(recurrenceOf({ Recurrence: { FREQUENCY: 'day', Interval: '4', TimeZone: 'UTC' } }), { frequency: 'Day', interval: 4, timeZone: 'UTC' });
    assert.equal(recurrenceOf({ type: 'Recurrence' }), undefined);
  });

  it('always fires with empty outputs, and its schema says where the recurrence lives', async () => {
    assert.equal(recurrenceTrigger.type, 'Recurrence');
    const result = await recurrenceTrigger.poll({
      workflowName: 'w', triggerName: 'Recurrence', node: {}, inputs: null, state: undefined, now: '2024-01-01T00:00:00Z',
      config: defaultConfig(), signal: new AbortController().signal,
    });
    assert.deepEqual(result, { status: 'fired', outputs: {} });
    assert.match(String(recurrenceTrigger.inputSchema?.['description']), /sibling of `inputs`/);
  });
});

const ZONES = [undefined, 'UTC', 'W. Europe Standard Time', 'Pacific Standard Time', 'America/New_York', 'Australia/Sydney',
  'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/London', 'Central Standard Time'];
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString());
const wall = instant.map((s) => s.slice(0, 19));
const subset = <T>(values: readonly T[]): fc.Arbitrary<T[]> => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 4 });
const hours = Array.from({ length: 24 }, (_, i) => i);
const minutes = Array.from({ length: 60 }, (_, i) => i);

const recurrenceArb: fc.Arbitrary<Recurrence> = fc
  .record({
    frequency: fc.constantFrom('Second', 'Minute', 'Hour', 'Day', 'Week', 'Month'),
    interval: fc.integer({ min: 1, max: 16 }),
    timeZone: fc.constantFrom(...ZONES),
    startTime: fc.option(wall, { nil: undefined }),
    hours: fc.option(subset(hours), { nil: undefined }),
    minutes: fc.option(subset(minutes), { nil: undefined }),
    weekDays: fc.option(subset(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']), { nil: undefined }),
    monthDays: fc.option(subset([1, 2, 15, 28, 29, 30, 31, -1]), { nil: undefined }),
  })
  .map(({ frequency, interval, timeZone, startTime, hours, minutes, weekDays, monthDays }) => {
    const r: Recurrence = { frequency, interval };
    if (timeZone !== undefined) r.timeZone = timeZone;
    if (startTime !== undefined) r.startTime = timeZone === undefined ? `${startTime}Z` : startTime;
    if (frequency === 'Day' || frequency === 'Week' || frequency === 'Month') {
      r.schedule = {};
      if (hours) r.schedule.hours = hours;
      if (minutes) r.schedule.minutes = minutes;
      if (frequency === 'Week' && weekDays) r.schedule.weekDays = weekDays;
      if (frequency === 'Month' && monthDays) r.schedule.monthDays = monthDays;
    }
    return r;
  });

describe('nextOccurrences: properties', () => {
  it('results are strictly increasing and all after `after`', () => {
    fc.assert(
      fc.property(recurrenceArb, instant, (r, after) => {
        const out = nextOccurrences(r, after, 6).map((s) => Date.parse(s));
        let previous = Date.parse(after);
        for (const t of out) {
          assert.ok(t > previous, `${new Date(t).toISOString()} is not after ${new Date(previous).toISOString()}`);
          previous = t;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the k-th occurrence is the next one after the (k-1)-th', () => {
    fc.assert(
      fc.property(recurrenceArb, instant, (r, after) => {
        const out = nextOccurrences(r, after, 5);
        for (let k = 1; k < out.length; k++) assert.equal(nextOccurrences(r, out[k - 1]!, 1)[0], out[k]);
      }),
      { numRuns: 300 },
    );
  });

  it('in UTC, daily schedules fire only at their hours and minutes', () => {
    fc.assert(
      fc.property(subset(hours), subset(minutes), instant, (h, m, after) => {
        for (const s of nextOccurrences({ frequency: 'Day', interval: 1, schedule: { hours: h, minutes: m } }, after, 5)) {
          const d = new Date(s);
          assert.ok(h.includes(d.getUTCHours()) && m.includes(d.getUTCMinutes()) && d.getUTCSeconds() === 0, s);
        }
      }),
    );
  });

  it('weekly schedules fire only on their weekdays', () => {
    fc.assert(
      fc.property(subset([0, 1, 2, 3, 4, 5, 6]), fc.integer({ min: 1, max: 4 }), instant, (days, interval, after) => {
        const names = days.map((d) => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d]!);
        for (const s of nextOccurrences({ frequency: 'Week', interval, schedule: { weekDays: names, hours: 12, minutes: 0 } }, after, 6)) {
          assert.ok(days.includes(new Date(s).getUTCDay()), s);
        }
      }),
    );
  });
});
