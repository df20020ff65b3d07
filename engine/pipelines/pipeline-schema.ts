/**
 * Step 1 of loading a pipeline: the JSON Schema (definitions/schema/pipeline.schema.json) run by
 * ajv with every error collected, formatted by the same formatter as workflow definitions so
 * messages read alike (no raw ajv dumps, `anyOf` branches summed up by their description).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import schema from '../../definitions/schema/pipeline.schema.json' with { type: 'json' };
import type { Issue } from '../../definitions/issue.js';
import { formatErrors } from '../../definitions/schema-check.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: false }).compile(schema);
  return compiled;
}

export function checkPipelineSchema(definition: Record<string, unknown>): Issue[] {
  const validate = validator();
  if (validate(definition)) return [];
  // propertyNames failures come twice (the pattern, then "property name is invalid"); keep the first.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'propertyNames');
  return formatErrors(errors, definition).map(namePropertyNameIssue(errors));
}

/** ajv reports a bad property name at its parent object; point at the name itself instead. */
function namePropertyNameIssue(errors: readonly ErrorObject[]): (found: Issue) => Issue {
  const names = new Map<string, string[]>();
  for (const e of errors) {
    if (e.propertyName !== undefined) names.set(e.instancePath, [...(names.get(e.instancePath) ?? []), e.propertyName]);
  }
  return (found: Issue): Issue => {
    const name = names.get(found.pointer)?.find((n) => found.message.endsWith(`got the string ${JSON.stringify(n)}`));
    if (name === undefined) return found;
    const pointer = `${found.pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return { ...found, pointer, message: `the name ${JSON.stringify(name)} is not allowed: ${found.message.replace(/, got the string .*$/, '')}` };
  };
}
