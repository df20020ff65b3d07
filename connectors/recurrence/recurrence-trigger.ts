/**
 * The `Recurrence` trigger type. Its whole meaning is its schedule, which the trigger host reads
 * through `recurrenceOf` and `nextOccurrences`; a poll that comes due simply fires.
 *
 * Outputs: a Logic Apps Recurrence trigger produces none — its history entry has no outputs link
 * and the designer's Recurrence manifest declares no outputs, so `triggerBody()` is null there.
 * The polling contract needs an object, so Sluice fires with `{}`: `triggerBody()` and
 * `triggerOutputs()?['body']` still evaluate to null.
 */
import type { PollingTriggerDescriptor } from '../../engine/triggers/descriptor.js';
import { canonicalRecurrence, isExpression, isObject, prop, type Recurrence } from './recurrence-plan.js';

const integerOrList = (min: number, max: number, title: string): Record<string, unknown> => ({
  title,
  anyOf: [
    { type: 'integer', minimum: min, maximum: max },
    { type: 'array', items: { type: 'integer', minimum: min, maximum: max } },
  ],
});

const WEEK_DAY = { type: 'string', enum: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] };

/** JSON Schema of the trigger's `recurrence` (a sibling of `inputs`, not inside it). */
export const RECURRENCE_SCHEMA: Record<string, unknown> = {
  type: 'object',
  title: 'Recurrence',
  description:
    'The schedule of the trigger. It sits on the trigger node as `recurrence`, a sibling of `inputs` ' +
    '(the Recurrence trigger has no `inputs`): {"type": "Recurrence", "recurrence": {...}}.',
  required: ['frequency', 'interval'],
  properties: {
    frequency: { type: 'string', enum: ['Second', 'Minute', 'Hour', 'Day', 'Week', 'Month'], title: 'Frequency' },
    interval: {
      type: 'integer',
      minimum: 1,
      title: 'Interval',
      description: 'Maximum per frequency: Month 16, Week 71, Day 500, Hour 12000, Minute 72000, Second 9999999.',
    },
    startTime: {
      type: 'string',
      title: 'Start time',
      description:
        'ISO 8601. With timeZone: a wall-clock time in that zone (2024-03-31T08:00:00). Without: end it with Z ' +
        '(2024-03-31T08:00:00Z). The first run is no sooner than this; past occurrences are dropped.',
    },
    endTime: { type: 'string', title: 'End time', description: 'No run after this time (read like startTime).' },
    timeZone: {
      type: 'string',
      title: 'Time zone',
      description: 'A Windows time zone id as Logic Apps takes it ("W. Europe Standard Time") or an IANA name ("Europe/Berlin").',
    },
    schedule: {
      type: 'object',
      title: 'Schedule',
      properties: {
        hours: { ...integerOrList(0, 23, 'At these hours'), description: 'Day, Week or Month frequency.' },
        minutes: { ...integerOrList(0, 59, 'At these minutes'), description: 'Day, Week or Month frequency.' },
        weekDays: { title: 'On these days', anyOf: [WEEK_DAY, { type: 'array', items: WEEK_DAY }], description: 'Week frequency.' },
        monthDays: {
          ...integerOrList(-31, 31, 'On these days of the month'),
          description: 'Month frequency. -1 is the last day of the month; a day a month lacks (31 in April) is skipped.',
        },
      },
      additionalProperties: false,
    },
  },
};

export const recurrenceTrigger: PollingTriggerDescriptor = {
  type: 'Recurrence',
  kind: 'polling',
  inputSchema: RECURRENCE_SCHEMA,
  outputSchema: {
    type: 'object',
    description: 'A Recurrence trigger has no outputs (Logic Apps shows none); triggerBody() is null.',
    properties: {},
    additionalProperties: false,
  },
  poll() {
    return Promise.resolve({ status: 'fired', outputs: {} });
  },
};

function hasExpression(value: unknown): boolean {
  if (isExpression(value)) return true;
  if (Array.isArray(value)) return value.some(hasExpression);
  return isObject(value) && Object.values(value).some(hasExpression);
}

/**
 * The trigger's recurrence. `recurrence` wins: it is what the author wrote, while
 * `evaluatedRecurrence` is a copy the Logic Apps service writes back after evaluating expressions
 * in it, and it goes stale as soon as someone edits `recurrence` by hand in an exported definition.
 * Only when `recurrence` still holds expressions (`@parameters('every')`) and so cannot be scheduled
 * as written is `evaluatedRecurrence` used. Evaluating those expressions is the caller's job.
 */
export function recurrenceOf(node: Readonly<Record<string, unknown>>): Recurrence | undefined {
  const written = prop(node, 'recurrence');
  const evaluated = prop(node, 'evaluatedRecurrence');
  const usable = (v: unknown): v is Record<string, unknown> => isObject(v) && !hasExpression(v);
  if (usable(written)) return canonicalRecurrence(written);
  if (usable(evaluated)) return canonicalRecurrence(evaluated);
  if (isObject(written)) return canonicalRecurrence(written);
  return isObject(evaluated) ? canonicalRecurrence(evaluated) : undefined;
}
