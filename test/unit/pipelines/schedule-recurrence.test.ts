/**
 * ScheduleRecurrence: the SDK's validation messages, the stored form, and the first-fire rules of
 * spec §6.2 over the Logic Apps calendar.
 */
import assert from 'node:assert/strict';
import {
  firstScheduleTime, MESSAGES, nextScheduleTimes, normalizeScheduleRecurrence, scheduleRecurrenceIssues, validateScheduleRecurrence,
} from '../../../engine/pipelines/schedule-recurrence.js';

describe('ScheduleRecurrence validation', function () {
  const rows: [string, unknown, string[]][] = [
    ['every 15 minutes', { frequency: 'Minute', interval: 15 }, []],
    ['weekly Mon+Wed at 18:30', { frequency: 'Week', interval: 2, week_days: ['Monday', 'Wednesday'], time_of_day: '18:30' }, []],
    ['lower-case frequency', { frequency: 'day', interval: 1 }, [MESSAGES.frequency]],
    ['Second is not a frequency', { frequency: 'Second', interval: 1 }, [MESSAGES.frequency]],
    ['interval 0', { frequency: 'Hour', interval: 0 }, [MESSAGES.interval]],
    ['interval 1.5', { frequency: 'Hour', interval: 1.5 }, [MESSAGES.interval]],
    ['hours with Hour', { frequency: 'Hour', interval: 1, hours: [1] }, [MESSAGES.hoursFrequency]],
    ['hours with Month', { frequency: 'Month', interval: 1, hours: [1] }, [MESSAGES.hoursFrequency]],
    ['minutes with Minute', { frequency: 'Minute', interval: 1, minutes: [1] }, [MESSAGES.minutesFrequency]],
    ['week_days with Day', { frequency: 'Day', interval: 1, week_days: ['Monday'] }, [MESSAGES.weekDaysFrequency]],
    ['hour 24', { frequency: 'Day', interval: 1, hours: [24] }, [MESSAGES.hoursRange]],
    ['minute 60', { frequency: 'Day', interval: 1, minutes: [60] }, [MESSAGES.minutesRange]],
    ['week day spelled monday', { frequency: 'Week', interval: 1, week_days: ['monday'] }, [MESSAGES.weekDays]],
    ['unknown time zone', { frequency: 'Day', interval: 1, time_zone: 'Mars Standard Time' }, [MESSAGES.timeZone]],
    ['IANA name is not a TimeZone member', { frequency: 'Day', interval: 1, time_zone: 'Europe/London' }, [MESSAGES.timeZone]],
    ['start_time with an offset', { frequency: 'Day', interval: 1, start_time: '2026-01-01T09:00:00Z' }, [MESSAGES.startTimeTz]],
    ['time_of_day with hours', { frequency: 'Day', interval: 1, time_of_day: '09:00', hours: [9] }, [MESSAGES.timeOfDayWithHours]],
    ['time_of_day 9h', { frequency: 'Day', interval: 1, time_of_day: '9h' }, [MESSAGES.timeOfDayFormat]],
    ['time_of_day 24:00', { frequency: 'Day', interval: 1, time_of_day: '24:00' }, [MESSAGES.timeOfDayHour]],
    ['time_of_day 10:60', { frequency: 'Day', interval: 1, time_of_day: '10:60' }, [MESSAGES.timeOfDayMinute]],
    ['time_of_day with Hour', { frequency: 'Hour', interval: 1, time_of_day: '10:00' }, [MESSAGES.hoursFrequency, MESSAGES.minutesFrequency]],
  ];
  for (const [label, raw, expected] of rows) {
    it(label, function () {
      assert.deepEqual(validateScheduleRecurrence(raw), expected);
    });
  }

  it('names the field of each issue', function () {
    assert.deepEqual(scheduleRecurrenceIssues({ frequency: 'Day', interval: 1, week_days: ['Monday'], hours: [25] }).map((i) => i.field), ['week_days', 'hours']);
  });

  it('fills GMT Standard Time for a start_time without time_zone, and turns time_of_day into hours and minutes', function () {
    assert.deepEqual(normalizeScheduleRecurrence({ frequency: 'Day', interval: 2, start_time: '2026-03-01T00:00:00', time_of_day: '22:30' }), {
      frequency: 'Day', interval: 2, start_time: '2026-03-01T00:00:00', time_zone: 'GMT Standard Time', hours: [22], minutes: [30],
    });
  });
});

describe('ScheduleRecurrence fire times', function () {
  it('fires at once without start_time, then every interval from creation', function () {
    const r = normalizeScheduleRecurrence({ frequency: 'Minute', interval: 15 });
    assert.equal(firstScheduleTime(r, '2026-05-01T10:07:00Z'), '2026-05-01T10:07:00.000Z');
    assert.deepEqual(nextScheduleTimes(r, '2026-05-01T10:40:00Z', 2, { anchor: '2026-05-01T10:07:00Z' }), ['2026-05-01T10:52:00.000Z', '2026-05-01T11:07:00.000Z']);
  });

  it('a past start_time fires at the next computed occurrence', function () {
    const r = normalizeScheduleRecurrence({ frequency: 'Hour', interval: 1, start_time: '2026-01-01T12:55:00', time_zone: 'UTC' });
    assert.equal(firstScheduleTime(r, '2026-05-01T10:07:00Z'), '2026-05-01T10:55:00.000Z');
  });

  it('a future start_time without a pattern fires at start_time', function () {
    const r = normalizeScheduleRecurrence({ frequency: 'Month', interval: 1, start_time: '2026-11-01T09:00:00', time_zone: 'UTC' });
    assert.equal(firstScheduleTime(r, '2026-05-01T10:07:00Z'), '2026-11-01T09:00:00.000Z');
    assert.deepEqual(nextScheduleTimes(r, '2026-11-01T09:00:00Z', 2), ['2026-12-01T09:00:00.000Z', '2027-01-01T09:00:00.000Z']);
  });

  it('a future start_time matching the pattern fires at the next occurrence instead', function () {
    // 2026-06-01 is a Monday.
    const r = normalizeScheduleRecurrence({ frequency: 'Week', interval: 1, start_time: '2026-06-01T18:30:00', time_zone: 'UTC', week_days: ['Monday', 'Wednesday'], time_of_day: '18:30' });
    assert.equal(firstScheduleTime(r, '2026-05-01T00:00:00Z'), '2026-06-03T18:30:00.000Z');
  });

  it('a start_time without time_zone is UK time (BST in summer)', function () {
    const r = normalizeScheduleRecurrence({ frequency: 'Day', interval: 1, start_time: '2026-07-01T09:00:00' });
    assert.equal(firstScheduleTime(r, '2026-06-01T00:00:00Z'), '2026-07-01T08:00:00.000Z');
  });

  it('every other day at 22:30 in a Windows zone', function () {
    const r = normalizeScheduleRecurrence({ frequency: 'Day', interval: 2, start_time: '2026-01-10T00:00:00', time_zone: 'W. Europe Standard Time', hours: [22], minutes: [30] });
    assert.deepEqual(nextScheduleTimes(r, '2026-01-10T00:00:00Z', 2), ['2026-01-10T21:30:00.000Z', '2026-01-12T21:30:00.000Z']);
  });
});
