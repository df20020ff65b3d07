/**
 * ajv's validation errors reworded as Logic Apps reports a failed ParseJson: the runtime validates
 * with Newtonsoft.Json.Schema and lists one entry per problem in the action's outputs, e.g.
 * `{"message": "Invalid type. Expected String but got Null.", "lineNumber": 0, "linePosition": 0,
 * "path": "value[0].surname", "value": null, "schemaId": "#/properties/value/items/properties/surname",
 * "errorType": "type", "childErrors": []}`.
 */
import type { ErrorObject } from 'ajv';
import type { Value, ValueObject } from '../expressions/value.js';

const ERROR_TYPES: Record<string, string> = {
  minLength: 'minimumLength',
  maxLength: 'maximumLength',
  minItems: 'minimumItems',
  maxItems: 'maximumItems',
  minProperties: 'minimumProperties',
  maxProperties: 'maximumProperties',
};

/** Newtonsoft's token type names (JTokenType). */
function tokenType(v: unknown): string {
  if (v === null || v === undefined) return 'Null';
  if (Array.isArray(v)) return 'Array';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(v) ? 'Integer' : 'Float';
    case 'bigint':
      return 'Integer';
    default:
      return 'Object';
  }
}

function schemaTypeName(t: string): string {
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function quoteValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** JSON pointer of the instance → Newtonsoft path (`value[0].surname`, `['odd key']`). */
export function newtonsoftPath(pointer: string, root: unknown): string {
  if (pointer === '') return '';
  let path = '';
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path += `[${key}]`;
      node = node[Number(key)];
      continue;
    }
    path += /^[A-Za-z_$][\w$]*$/.test(key) ? `${path === '' ? '' : '.'}${key}` : `['${key.replace(/'/g, "\\'")}']`;
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const data: unknown = e.data;
  switch (e.keyword) {
    case 'type': {
      const expected = String(p['type']).split(',').map(schemaTypeName).join(', ');
      return `Invalid type. Expected ${expected} but got ${tokenType(data)}.`;
    }
    case 'enum':
      return `Value ${JSON.stringify(data)} is not defined in enum.`;
    case 'const':
      return `Value ${JSON.stringify(data)} does not match const.`;
    case 'minLength':
      return `String '${quoteValue(data)}' is less than minimum length of ${String(p['limit'])}.`;
    case 'maxLength':
      return `String '${quoteValue(data)}' exceeds maximum length of ${String(p['limit'])}.`;
    case 'pattern':
      return `String '${quoteValue(data)}' does not match regex pattern '${String(p['pattern'])}'.`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${tokenType(data)} ${String(data)} is less than minimum value of ${String(p['limit'])}.`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${tokenType(data)} ${String(data)} exceeds maximum value of ${String(p['limit'])}.`;
    case 'minItems':
      return `Array item count ${Array.isArray(data) ? data.length : 0} is less than minimum count of ${String(p['limit'])}.`;
    case 'maxItems':
      return `Array item count ${Array.isArray(data) ? data.length : 0} exceeds maximum count of ${String(p['limit'])}.`;
    case 'additionalProperties':
      return `Property '${String(p['additionalProperty'])}' has not been defined and the schema does not allow additional properties.`;
    default: {
      const text = e.message ?? `failed the '${e.keyword}' check`;
      return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
    }
  }
}

function schemaId(e: ErrorObject): string {
  const parts = e.schemaPath.split('/');
  parts.pop();
  // additionalProperties and required are reported against the object's own subschema.
  return parts.length <= 1 ? '#' : parts.join('/');
}

function entry(fields: { message: string; path: string; value: unknown; schemaId: string; errorType: string }): ValueObject {
  return {
    message: fields.message,
    lineNumber: 0,
    linePosition: 0,
    path: fields.path,
    value: (fields.value === undefined ? null : fields.value) as Value,
    schemaId: fields.schemaId,
    errorType: fields.errorType,
    childErrors: [],
  };
}

/**
 * One entry per problem. ajv reports each missing required property on its own; Newtonsoft lists
 * them together for each object, so they are grouped by object.
 */
export function schemaErrors(errors: readonly ErrorObject[], root: unknown): ValueObject[] {
  const out: ValueObject[] = [];
  const required = new Map<string, { names: string[]; at: number; schemaId: string }>();
  for (const e of errors) {
    if (e.keyword === 'required') {
      const key = `${e.instancePath}\u0000${e.schemaPath}`;
      const name = String((e.params as Record<string, unknown>)['missingProperty']);
      const group = required.get(key);
      if (group !== undefined) {
        group.names.push(name);
        continue;
      }
      required.set(key, { names: [name], at: out.length, schemaId: schemaId(e) });
      out.push(entry({ message: '', path: newtonsoftPath(e.instancePath, root), value: null, schemaId: schemaId(e), errorType: 'required' }));
      continue;
    }
    if (e.keyword === 'if' || e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'allOf') continue;
    const path = e.keyword === 'additionalProperties'
      ? newtonsoftPath(`${e.instancePath}/${String((e.params as Record<string, unknown>)['additionalProperty']).replace(/~/g, '~0').replace(/\//g, '~1')}`, root)
      : newtonsoftPath(e.instancePath, root);
    out.push(entry({ message: messageOf(e), path, value: e.data, schemaId: schemaId(e), errorType: ERROR_TYPES[e.keyword] ?? e.keyword }));
  }
  for (const group of required.values()) {
    const target = out[group.at]!;
    target['message'] = `Required properties are missing from object: ${group.names.join(', ')}.`;
    target['value'] = group.names;
  }
  return out;
}
