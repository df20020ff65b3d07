/**
 * The designer's object form of a condition (`{"and": [{"equals": ["@x", 1]}]}`): each key other
 * than and/or/not is a function name whose value is the argument list, so it gets the same name
 * and argument-count checks as a call written in an expression.
 */
import { arityText, type FunctionArity } from './arity.js';
import { issue, type Issue } from './issue.js';
import { childPointer } from './json-pointer.js';
import { inOwner } from './owner.js';
import { isPlainObject } from './unwrap.js';

export function checkCondition(
  condition: Record<string, unknown>,
  pointer: string,
  lookup: (name: string) => FunctionArity | undefined,
): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(condition)) {
    const at = childPointer(pointer, key);
    const op = key.toLowerCase();
    if (op === 'and' || op === 'or') {
      if (Array.isArray(value)) value.forEach((c, i) => isPlainObject(c) && issues.push(...checkCondition(c, childPointer(at, i), lookup)));
    } else if (op === 'not') {
      if (isPlainObject(value)) issues.push(...checkCondition(value, at, lookup));
    } else {
      const def = lookup(key);
      if (!def) {
        issues.push(issue('UnknownFunction', at, `unknown function '${key}' in a condition${inOwner(pointer)}`));
      } else if (Array.isArray(value) && (value.length < def.minArgs || value.length > def.maxArgs)) {
        issues.push(issue('WrongArgumentCount', at, `function '${key}' ${arityText(def)}, got ${value.length}${inOwner(pointer)}`));
      }
    }
  }
  return issues;
}
