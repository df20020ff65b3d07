/**
 * The body of a call to a request trigger as `triggerBody()` sees it (spec §3.2), and its optional
 * validation against the trigger's schema:
 * - JSON content types → the parsed value (the value model's parser: integer vs float, 64-bit
 *   integers exact); text that is not JSON is a 400 `InvalidRequestContent`;
 * - `text/plain` → the text;
 * - any other type, or none → a content envelope `{"$content-type", "$content": base64}` (form
 *   data, XML and binary alike, as Logic Apps keeps them; `application/octet-stream` when the
 *   request names no type);
 * - no bytes → no body at all (`triggerBody()` is null).
 * Validation failures are a 400 `TriggerInputSchemaMismatch`, Logic Apps' code, with one issue per
 * problem: a JSON pointer into the body and the message Logic Apps' validator would give.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Issue } from '../../definitions/issue.js';
import { schemaErrors } from '../actions/schema-errors.js';
import { JsonParseError, parseJson } from '../expressions/json-parse.js';
import { toPlain, type Value } from '../expressions/value.js';
import { ApiError } from './api-error.js';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;
const PLAIN_TEXT = /^text\/plain\s*(;|$)/i;

/** `body` is the request's bytes (`undefined` or empty when it sent none), `contentType` its header. */
export function requestTriggerBody(body: Buffer | undefined, contentType: string | undefined): Value | undefined {
  if (body === undefined || body.length === 0) return undefined;
  const type = (contentType ?? '').trim();
  if (JSON_TYPE.test(type)) {
    const text = body.toString('utf8').replace(/^\uFEFF/, '');
    try {
      return parseJson(text);
    } catch (err) {
      if (!(err instanceof JsonParseError)) throw err;
      throw new ApiError(400, 'InvalidRequestContent', `The request content is not valid and could not be deserialized: '${err.message}'.`);
    }
  }
  if (PLAIN_TEXT.test(type)) return body.toString('utf8');
  return { '$content-type': type === '' ? 'application/octet-stream' : type, '$content': body.toString('base64') };
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, addUsedSchema: false, validateFormats: false, logger: false });
const compiled = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 100;
/**
 * Schemas come from stored workflow records, which are frozen and replaced on every save, so the
 * schema object itself is a safe key: a call skips serialising the schema to find its validator.
 */
const bySchemaObject = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const known = Object.isFrozen(schema) ? bySchemaObject.get(schema) : undefined;
  if (known !== undefined) return known;
  const validate = validatorForText(schema);
  if (Object.isFrozen(schema)) bySchemaObject.set(schema, validate);
  return validate;
}

function validatorForText(schema: Record<string, unknown>): ValidateFunction {
  const text = JSON.stringify(schema);
  let validate = compiled.get(text);
  if (validate === undefined) {
    // Designer schemas name draft-04 in `$schema`, which ajv would try to resolve; the keywords
    // they use mean the same in the draft ajv speaks.
    const { $schema: _ignored, ...rest } = schema;
    validate = ajv.compile(rest);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value!);
    compiled.set(text, validate);
  }
  return validate;
}

function pointerOf(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  const escape = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');
  if (e.keyword === 'required') return `${e.instancePath}/${escape(String(params['missingProperty']))}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${escape(String(params['additionalProperty']))}`;
  return e.instancePath;
}

/** Throws the 400 when the body does not satisfy the schema. */
export function validateTriggerBody(triggerName: string, schema: Record<string, unknown>, body: Value | undefined): void {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ApiError(400, 'InvalidTriggerSchema', `The schema of trigger '${triggerName}' is not a valid JSON schema: ${reason}`);
  }
  const plain = toPlain(body ?? null);
  if (validate(plain)) return;
  const errors = (validate.errors ?? []).filter((e) => !['if', 'anyOf', 'oneOf', 'allOf'].includes(e.keyword));
  const issues: Issue[] = errors.map((e) => ({
    code: 'SchemaViolation',
    pointer: pointerOf(e),
    message: String(schemaErrors([e], plain)[0]?.['message'] ?? e.message ?? e.keyword),
  }));
  const details = issues.map((i) => `${i.pointer === '' ? '(body)' : i.pointer}: ${i.message}`).join(' ');
  throw new ApiError(
    400,
    'TriggerInputSchemaMismatch',
    `The input body for trigger '${triggerName}' of type 'Request' did not match its schema definition. Error details: '${details}'.`,
    issues,
  );
}
