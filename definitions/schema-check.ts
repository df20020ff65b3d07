/**
 * Step 1 of loading: the JSON Schema of the definition language (schema/workflow-definition.schema.json),
 * run by ajv with every error collected, then turned into one readable issue per problem: no raw
 * ajv dumps, no cascades of `anyOf` branch failures, pointers into the document.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import schema from './schema/workflow-definition.schema.json' with { type: 'json' };
import { issue, type Issue } from './issue.js';
import { isWithin, parsePointer } from './json-pointer.js';
import { describe, isPlainObject } from './unwrap.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // verbose: the formatter reads each failing subschema's `description` and the value at fault.
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: false }).compile(schema);
  return compiled;
}

export interface SchemaResult {
  readonly issues: Issue[];
  /** The definition with enumerated values rewritten to their canonical casing. */
  readonly definition: Record<string, unknown>;
}

/**
 * Azure parses enumerated values (methods, frequencies, retry types, ...) ignoring case. The
 * schema lists canonical spellings, so a first pass finds enum failures that differ only in case,
 * rewrites them on the (already copied) definition, and a second pass reports what is left.
 */
export function checkSchema(definition: Record<string, unknown>, suppress: (pointer: string) => boolean): SchemaResult {
  const validate = validator();
  validate(definition);
  if (canonicaliseEnums(definition, validate.errors ?? [])) validate(definition);
  const errors = (validate.errors ?? []).filter((e) => !suppress(e.instancePath));
  return { issues: formatErrors(errors, definition), definition };
}

function canonicaliseEnums(root: Record<string, unknown>, errors: readonly ErrorObject[]): boolean {
  let changed = false;
  for (const error of errors) {
    if (error.keyword !== 'enum' || typeof error.data !== 'string') continue;
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    const wanted = error.data.toLowerCase();
    const match = allowed.find((v) => typeof v === 'string' && v.toLowerCase() === wanted);
    if (typeof match === 'string' && setAt(root, error.instancePath, match)) changed = true;
  }
  return changed;
}

function setAt(root: Record<string, unknown>, pointer: string, value: string): boolean {
  const tokens = parsePointer(pointer);
  const last = tokens.pop();
  let node: unknown = root;
  for (const t of tokens) node = Array.isArray(node) ? node[Number(t)] : isPlainObject(node) ? node[t] : undefined;
  if (last === undefined) return false;
  if (Array.isArray(node)) node[Number(last)] = value;
  else if (isPlainObject(node)) node[last] = value;
  else return false;
  return true;
}

/** Also used by the pipeline loader (engine/pipelines/pipeline-schema.ts). */
export function formatErrors(errors: readonly ErrorObject[], root: Record<string, unknown>): Issue[] {
  const alternatives = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  // Branch failures of an anyOf carry schema paths of the referenced $defs, so they are matched by
  // instance path: everything at or below a failed anyOf is summed up by the anyOf's description.
  const isBranchDetail = (e: ErrorObject): boolean =>
    alternatives.some(
      (alt) => alt !== e && isWithin(e.instancePath, alt.instancePath) && !(alternatives.includes(e) && e.instancePath === alt.instancePath),
    );
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || isBranchDetail(error)) continue;
    const { pointer, message } = describeError(error, root);
    const key = pointer + '\u0000' + message;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue('SchemaViolation', pointer, message));
  }
  return issues;
}

function describeError(e: ErrorObject, root: Record<string, unknown>): { pointer: string; message: string } {
  const params = e.params as Record<string, unknown>;
  const described = (e.parentSchema as { description?: unknown } | undefined)?.description;
  const got = `, got ${describe(e.data)}`;
  switch (e.keyword) {
    case 'required':
      return { pointer: e.instancePath, message: `missing required property '${String(params['missingProperty'])}'${where(e.instancePath, root)}` };
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return { pointer: `${e.instancePath}/${escape(name)}`, message: `unknown property '${name}'${where(e.instancePath, root)}` };
    }
    case 'false schema': {
      const tokens = parsePointer(e.instancePath);
      const name = tokens.pop() ?? '';
      return { pointer: e.instancePath, message: `'${name}' is not allowed${where(tokens.length ? '/' + tokens.map(escape).join('/') : '', root)}` };
    }
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got}` };
    case 'minimum':
    case 'maximum':
      return { pointer: e.instancePath, message: `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params['limit'])}${got}` };
    case 'minItems':
    case 'maxItems':
      return { pointer: e.instancePath, message: `must hold ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${plural(params['limit'], 'item')}` };
    case 'minProperties':
    case 'maxProperties':
      return { pointer: e.instancePath, message: `must have ${e.keyword === 'minProperties' ? 'at least' : 'at most'} ${plural(params['limit'], 'entry', 'entries')}${where(e.instancePath, root)}` };
    case 'minLength':
      return { pointer: e.instancePath, message: params['limit'] === 1 ? 'must not be empty' : `must be at least ${plural(params['limit'], 'character')} long` };
    case 'maxLength':
      return { pointer: e.instancePath, message: `must be at most ${plural(params['limit'], 'character')} long` };
    default:
      if (typeof described === 'string') return { pointer: e.instancePath, message: `must be ${described}${got}` };
      if (e.keyword === 'type') return { pointer: e.instancePath, message: `must be ${article(String(params['type']))}${got}` };
      return { pointer: e.instancePath, message: `${e.message ?? 'is not valid'}${got}` };
  }
}

/** ` (action of type 'Http')` when the object at the pointer is a typed trigger/action. */
function where(pointer: string, root: Record<string, unknown>): string {
  let node: unknown = root;
  for (const t of parsePointer(pointer)) node = Array.isArray(node) ? node[Number(t)] : isPlainObject(node) ? node[t] : undefined;
  if (!isPlainObject(node) || typeof node['type'] !== 'string') return '';
  const tokens = parsePointer(pointer);
  const kind = KINDS[tokens[tokens.length - 2] ?? ''];
  return kind ? ` on ${kind} '${tokens[tokens.length - 1]}' of type '${node['type']}'` : '';
}

const KINDS: Record<string, string> = { triggers: 'trigger', actions: 'action', parameters: 'parameter', outputs: 'output' };

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function plural(n: unknown, word: string, many = word + 's'): string {
  return `${String(n)} ${n === 1 ? word : many}`;
}

function article(type: string): string {
  const word = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
