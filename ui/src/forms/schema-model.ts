/**
 * From a type's JSON Schema (`GET /api/connectors` → `inputSchema`) to the fields of the properties
 * form, and from a typed field back to a JSON Merge Patch on the action. Pure: no DOM, no React.
 *
 * An entry's `inputSchema` is a self-contained schema of the whole node (`allOf` of `#/$defs/action`
 * and `#/$defs/action.<Type>`); `$ref`s resolve within its `$defs`. A few entries (Sluice's own
 * trigger types) give the schema of `inputs` itself.
 */
import { isObject, type Json, type JsonObject } from '../graph/json.js';

export type Schema = JsonObject | boolean;

interface FieldBase {
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  readonly required: boolean;
}

export type FieldModel =
  | (FieldBase & { readonly kind: 'text' })
  | (FieldBase & { readonly kind: 'number'; readonly integer: boolean })
  | (FieldBase & { readonly kind: 'boolean' })
  | (FieldBase & { readonly kind: 'enum'; readonly options: readonly string[] })
  /** An object of strings (headers, queries): rows of key and value. */
  | (FieldBase & { readonly kind: 'keyValue' })
  /** Anything else (bodies, arrays, free JSON): a JSON editor. */
  | (FieldBase & { readonly kind: 'json' })
  /** An object whose `type` picks which of its other fields apply (authentication). */
  | (FieldBase & { readonly kind: 'typed'; readonly types: readonly string[]; readonly fieldsByType: Readonly<Record<string, readonly FieldModel[]>>; readonly allFields: readonly FieldModel[] })
  | (FieldBase & { readonly kind: 'object'; readonly fields: readonly FieldModel[] });

/** The fields each authentication type uses (Logic Apps' authentication reference). */
export const AUTHENTICATION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  None: [],
  Basic: ['username', 'password'],
  ClientCertificate: ['pfx', 'password'],
  ActiveDirectoryOAuth: ['authority', 'tenant', 'audience', 'clientId', 'credentialType', 'secret', 'pfx', 'password'],
  Raw: ['scheme', 'value'],
  ManagedServiceIdentity: ['audience', 'identity'],
};

const MAX_DEPTH = 32;

/** Follows `$ref`s of the form `#/$defs/<name>` (or `#/definitions/<name>`) within `root`. */
export function resolveSchema(schema: Json | undefined, root: JsonObject): Schema {
  let current: Json | undefined = schema;
  for (let i = 0; i < MAX_DEPTH; i++) {
    if (typeof current === 'boolean') return current;
    if (!isObject(current)) return true;
    const ref = current['$ref'];
    if (typeof ref !== 'string') return current;
    const target = lookupRef(ref, root);
    if (target === undefined) return true;
    // Sibling keywords of a $ref (description, minimum) are kept over the target's.
    const { $ref: _ref, ...rest } = current;
    current = isObject(target) && Object.keys(rest).length > 0 ? { ...target, ...rest } : target;
  }
  return true;
}

function lookupRef(ref: string, root: JsonObject): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = root;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

/**
 * The schema of the node's `inputs`: the most specific `properties.inputs` among the node schema's
 * `allOf` branches (conditional `if/then` branches are not followed); for an entry that is itself
 * an inputs schema, the entry. Undefined when the type says nothing about its inputs.
 */
export function inputsSchemaOf(inputSchema: JsonObject | undefined): Schema | undefined {
  if (!inputSchema) return undefined;
  const found: Schema[] = [];
  const visit = (node: Json | undefined, depth: number): void => {
    const s = resolveSchema(node, inputSchema);
    if (!isObject(s) || depth > MAX_DEPTH) return;
    const props = s['properties'];
    if (isObject(props) && props['inputs'] !== undefined) found.push(resolveSchema(props['inputs'], inputSchema));
    if (Array.isArray(s['allOf'])) for (const branch of s['allOf']) if (isObject(branch) && !('if' in branch)) visit(branch, depth + 1);
  };
  visit(inputSchema, 0);
  const specific = found.filter((s) => s !== true);
  if (specific.length > 0) return specific[specific.length - 1];
  // `inputs: true` only in the shared base (`#/$defs/action`) says nothing; the type's own `true` (Compose) takes anything.
  if (found.length > 1) return true;
  const isNodeSchema = Array.isArray(inputSchema['allOf']) || isObject(inputSchema['$defs']);
  return isNodeSchema || found.length > 0 ? undefined : inputSchema;
}

/** Whether a schema only describes an expression (`{ type: string, pattern: '^@' }`). */
function isExpressionOnly(schema: Schema): boolean {
  return isObject(schema) && schema['type'] === 'string' && typeof schema['pattern'] === 'string' && schema['pattern'].startsWith('^@');
}

function alternativesOf(schema: JsonObject, root: JsonObject): Schema[] | undefined {
  const list = Array.isArray(schema['anyOf']) ? schema['anyOf'] : Array.isArray(schema['oneOf']) ? schema['oneOf'] : undefined;
  if (!list) return undefined;
  return list
    .map((alt) => resolveSchema(alt, root))
    .filter((alt) => !isExpressionOnly(alt) && !(isObject(alt) && alt['const'] === '' && Object.keys(alt).length === 1));
}

const labelOf = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** The form field for one property. */
export function fieldOf(key: string, schemaIn: Json | undefined, root: JsonObject, required = false): FieldModel {
  let schema = resolveSchema(schemaIn, root);
  const description = isObject(schema) && typeof schema['description'] === 'string' ? schema['description'] : undefined;
  const base: FieldBase = { key, label: labelOf(key), required, ...(description !== undefined ? { description } : {}) };
  for (let i = 0; i < MAX_DEPTH && isObject(schema); i++) {
    // `if: {type: string} then: expression else: <object>` (authentication, retryPolicy): the object.
    if (isObject(schema['if']) && schema['else'] !== undefined) {
      schema = resolveSchema(schema['else'], root);
      continue;
    }
    // anyOf/oneOf beside a type or properties only constrains (required sets); it picks no shape.
    if (schema['type'] !== undefined || isObject(schema['properties'])) break;
    const alternatives = alternativesOf(schema, root);
    if (!alternatives) break;
    const enums = alternatives.every((a) => isObject(a) && (Array.isArray(a['enum']) || a['const'] !== undefined));
    if (alternatives.length > 0 && enums) return { ...base, kind: 'enum', options: alternatives.flatMap(enumValues) };
    const typed = typedAlternatives(alternatives, root);
    if (typed) return { ...base, ...typed };
    if (alternatives.length !== 1) return { ...base, kind: 'json' };
    schema = alternatives[0]!;
  }
  if (!isObject(schema)) return { ...base, kind: 'json' };
  if (Array.isArray(schema['enum']) || schema['const'] !== undefined) return { ...base, kind: 'enum', options: enumValues(schema) };
  const type = schema['type'];
  if (Array.isArray(type)) return type.every((t) => t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') ? { ...base, kind: 'text' } : { ...base, kind: 'json' };
  switch (type) {
    case 'string':
      return { ...base, kind: 'text' };
    case 'integer':
    case 'number':
      return { ...base, kind: 'number', integer: type === 'integer' };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'object': {
      const props = isObject(schema['properties']) ? schema['properties'] : undefined;
      if (!props || Object.keys(props).length === 0) {
        if (key === 'schema') return { ...base, kind: 'json' };
        const extra = resolveSchema(schema['additionalProperties'], root);
        const ofStrings = extra === true || (isObject(extra) && (extra['type'] === 'string' || Object.keys(extra).length === 0));
        return ofStrings ? { ...base, kind: 'keyValue' } : { ...base, kind: 'json' };
      }
      const typeField = fieldOf('type', props['type'], root, true);
      if (typeField.kind === 'enum' && Object.keys(props).length > 1) return { ...base, ...typedObject(key, typeField.options, schema, root) };
      return { ...base, kind: 'object', fields: fieldsOf(schema, root) };
    }
    default:
      return { ...base, kind: 'json' };
  }
}

function enumValues(schema: Schema): string[] {
  if (!isObject(schema)) return [];
  const values = Array.isArray(schema['enum']) ? schema['enum'] : schema['const'] !== undefined ? [schema['const']] : [];
  return values.filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String);
}

/** The fields of an object schema's properties, in schema order. */
export function fieldsOf(schema: Schema, root: JsonObject): FieldModel[] {
  if (!isObject(schema) || !isObject(schema['properties'])) return [];
  const required = Array.isArray(schema['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : [];
  const props = schema['properties'];
  return Object.keys(props)
    .filter((k) => props[k] !== false)
    .map((k) => fieldOf(k, props[k], root, required.includes(k)));
}

function typedObject(key: string, types: readonly string[], schema: JsonObject, root: JsonObject): Omit<Extract<FieldModel, { kind: 'typed' }>, keyof FieldBase> {
  const allFields = fieldsOf(schema, root).filter((f) => f.key !== 'type');
  const fieldsByType: Record<string, FieldModel[]> = {};
  const table = key === 'authentication' ? AUTHENTICATION_FIELDS : undefined;
  for (const t of types) {
    const names = table?.[t];
    fieldsByType[t] = names ? names.map((n) => allFields.find((f) => f.key === n)).filter((f): f is FieldModel => f !== undefined) : allFields;
  }
  return { kind: 'typed', types, fieldsByType, allFields };
}

/** `anyOf`/`oneOf` of objects told apart by `properties.type` (`const` or `enum`). */
function typedAlternatives(alternatives: readonly Schema[], root: JsonObject): Omit<Extract<FieldModel, { kind: 'typed' }>, keyof FieldBase> | undefined {
  if (alternatives.length < 2) return undefined;
  const types: string[] = [];
  const fieldsByType: Record<string, FieldModel[]> = {};
  const allFields: FieldModel[] = [];
  for (const alt of alternatives) {
    if (!isObject(alt) || !isObject(alt['properties'])) return undefined;
    const names = enumValues(resolveSchema(alt['properties']['type'], root));
    if (names.length === 0) return undefined;
    const fields = fieldsOf(alt, root).filter((f) => f.key !== 'type');
    for (const n of names) {
      types.push(n);
      fieldsByType[n] = fields;
    }
    for (const f of fields) if (!allFields.some((g) => g.key === f.key)) allFields.push(f);
  }
  return { kind: 'typed', types, fieldsByType, allFields };
}

/** The form of a node's inputs: one field per property, or one field for the whole value. */
export function inputsForm(inputSchema: JsonObject | undefined): FieldModel[] | undefined {
  if (!inputSchema) return undefined;
  const schema = inputsSchemaOf(inputSchema);
  if (schema === undefined) return undefined;
  const whole = fieldOf('inputs', schema, inputSchema);
  if (whole.kind === 'object') return [...whole.fields];
  return [{ ...whole, label: 'Inputs' }];
}

/* ---- values ---- */

/** The text a field shows for a value. */
export function textOf(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * The value a typed text stands for: empty is no value; `@…` stays an expression string even where
 * the schema says number or boolean; a number field turns numeric text into a number (anything else
 * is kept as typed, so nothing is lost and the validator can say what is wrong).
 */
export function valueOfText(text: string, kind: 'text' | 'number' | 'boolean' | 'enum'): Json | undefined {
  if (text === '') return undefined;
  if (text.startsWith('@')) return text;
  if (kind === 'number' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return Number(text);
  if (kind === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Rows of an object of strings; non-string values show as JSON text. */
export function entriesOf(value: Json | undefined): [string, string][] {
  if (!isObject(value)) return [];
  return Object.keys(value).map((k) => [k, textOf(value[k])]);
}

/** The object of key-value rows; rows with an empty key are left out, later keys win. */
export function objectOfEntries(entries: readonly (readonly [string, string])[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) if (k !== '') out[k] = v;
  return out;
}

export function valueAt(node: Json | undefined, path: readonly string[]): Json | undefined {
  let current: Json | undefined = node;
  for (const part of path) {
    if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

/** The merge patch turning `from` into `to` (undefined `to` deletes). */
export function mergePatchFor(from: Json | undefined, to: Json | undefined): Json {
  if (to === undefined) return null;
  if (!isObject(from) || !isObject(to)) return to;
  const patch: JsonObject = {};
  for (const k of Object.keys(from)) if (!Object.prototype.hasOwnProperty.call(to, k)) patch[k] = null;
  for (const k of Object.keys(to)) {
    if (JSON.stringify(from[k]) === JSON.stringify(to[k])) continue;
    patch[k] = mergePatchFor(from[k], to[k]);
  }
  return patch;
}

/** The merge patch on `node` that sets the value at `path` (undefined removes it). */
export function patchAt(node: JsonObject, path: readonly string[], value: Json | undefined): JsonObject {
  if (path.length === 0) throw new Error('patchAt needs a path');
  let leaf: Json = mergePatchFor(valueAt(node, path), value);
  for (let i = path.length - 1; i >= 0; i--) leaf = { [path[i]!]: leaf };
  return leaf as JsonObject;
}
