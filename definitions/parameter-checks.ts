/**
 * Definition parameters: a default value must fit the declared type and, when allowedValues is
 * given, be one of them (Azure refuses to save a workflow otherwise).
 */
import { isArmExpression } from './arm-checks.js';
import { issue, type Issue } from './issue.js';
import { childPointer } from './json-pointer.js';
import { describe, isPlainObject } from './unwrap.js';

const FITS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  securestring: (v) => typeof v === 'string',
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number',
  bool: (v) => typeof v === 'boolean',
  array: Array.isArray,
  object: isPlainObject,
  secureobject: isPlainObject,
};

export function checkParameters(definition: Record<string, unknown>): Issue[] {
  const parameters = definition['parameters'];
  if (!isPlainObject(parameters)) return [];
  const issues: Issue[] = [];
  for (const [name, param] of Object.entries(parameters)) {
    if (!isPlainObject(param) || !('defaultValue' in param)) continue;
    const value = param['defaultValue'];
    const at = childPointer('/parameters', name, 'defaultValue');
    const fits = FITS[String(param['type'])];
    if (isArmExpression(value) || !fits) continue;
    if (!fits(value)) {
      issues.push(issue('InvalidParameterValue', at, `the default value of parameter '${name}' must be of type ${String(param['type'])}, got ${describe(value)}`));
    }
    const allowed = param['allowedValues'];
    if (Array.isArray(allowed) && !allowed.some((a) => JSON.stringify(a) === JSON.stringify(value))) {
      issues.push(issue('InvalidParameterValue', at, `the default value of parameter '${name}' is not one of its allowedValues`));
    }
  }
  return issues;
}
