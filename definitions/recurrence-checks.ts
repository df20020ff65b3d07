/**
 * Recurrence intervals have per-frequency bounds (docs: Month 1–16, Day 1–500, Hour 1–12,000,
 * Minute 1–72,000, Second 1–9,999,999; the overall maximum is 500 days, so at most 71 weeks).
 * A JSON Schema cannot relate the two fields readably, so this is checked here.
 */
import { issue, type Issue } from './issue.js';
import { childPointer } from './json-pointer.js';
import { isPlainObject } from './unwrap.js';

const MAX_INTERVAL: Record<string, number> = { Second: 9_999_999, Minute: 72_000, Hour: 12_000, Day: 500, Week: 71, Month: 16 };

export function checkRecurrences(triggers: readonly [string, Record<string, unknown>, string][]): Issue[] {
  const issues: Issue[] = [];
  for (const [name, node, pointer] of triggers) {
    const recurrence = node['recurrence'];
    if (!isPlainObject(recurrence)) continue;
    const { frequency, interval } = recurrence;
    const max = typeof frequency === 'string' ? MAX_INTERVAL[frequency] : undefined;
    if (max !== undefined && typeof interval === 'number' && interval > max) {
      issues.push(issue('LimitExceeded', childPointer(pointer, 'recurrence', 'interval'),
        `the recurrence of trigger '${name}' repeats every ${interval} ${String(frequency).toLowerCase()}s; with frequency ${String(frequency)} the interval may be at most ${max}`));
    }
  }
  return issues;
}
