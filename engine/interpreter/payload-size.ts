/**
 * A cheap upper-bound check of how large a value's JSON text would be, without writing it: strings
 * count their length, everything else a few characters. Stops as soon as the limit is passed.
 */
import { isObject, type Value } from '../expressions/value.js';

export function exceedsChars(value: Value | undefined, limit: number): boolean {
  let total = 0;
  const stack: (Value | undefined)[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const item of v) stack.push(item);
    } else if (isObject(v)) {
      for (const key of Object.keys(v)) {
        total += key.length + 4;
        stack.push(v[key]);
      }
    } else total += 8;
    if (total > limit) return true;
  }
  return false;
}
