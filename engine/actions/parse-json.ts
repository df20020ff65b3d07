/**
 * ParseJson: `{"content": <JSON text or a value>, "schema": {...}}` → `outputs.body` = the parsed
 * content. Logic Apps validates the content against the schema and fails the action with
 * `ValidationFailed` / "The schema validation failed." and the list of problems in
 * `outputs.errors`; content that is not JSON fails with `InvalidJSON`.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { JsonParseError, parseJson } from '../expressions/json-parse.js';
import { isEnvelope, isObject, toJsonText, toPlain, type Value } from '../expressions/value.js';
import { badRequest, failed, inputMember, rawInput, succeeded, textOf } from './action-support.js';
import type { PureActionContext, PureActionDescriptor } from './descriptor.js';
import { schemaErrors } from './schema-errors.js';

// One ajv instance for every schema: compiled validators are kept per schema below, and
// `addUsedSchema: false` keeps schemas that share an `$id` from colliding inside the instance.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, addUsedSchema: false, validateFormats: false, logger: false });

interface CompiledSchema {
  text: string;
  validate: ValidateFunction;
}

/** Keyed by the schema object of the (frozen, shared) definition, so each is compiled once. */
const bySchemaNode = new WeakMap<object, CompiledSchema>();
/** Schemas produced by expressions have no stable node; a few are kept by their text. */
const byText = new Map<string, ValidateFunction>();
const TEXT_CACHE_LIMIT = 100;

function compile(schema: Value): ValidateFunction {
  const plain = toPlain(schema) as Record<string, unknown>;
  // Designer-generated schemas often name draft-04 in `$schema`, which ajv would try to resolve;
  // the keywords those schemas use mean the same in the draft ajv speaks.
  const { $schema: _ignored, ...rest } = plain;
  return ajv.compile(rest);
}

function validatorFor(ctx: PureActionContext, schema: Value): ValidateFunction {
  const text = toJsonText(schema);
  const node = rawInput(ctx, 'schema');
  if (node !== null && typeof node === 'object') {
    const hit = bySchemaNode.get(node);
    if (hit !== undefined && hit.text === text) return hit.validate;
    const validate = compile(schema);
    bySchemaNode.set(node, { text, validate });
    return validate;
  }
  let validate = byText.get(text);
  if (validate === undefined) {
    validate = compile(schema);
    if (byText.size >= TEXT_CACHE_LIMIT) byText.delete(byText.keys().next().value!);
    byText.set(text, validate);
  }
  return validate;
}

function excerpt(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 1000)}...` : text;
}

/** The content as a value: JSON text (or binary content holding it) is parsed. */
function contentValue(content: Value): { value: Value } | { error: string } {
  if (typeof content !== 'string' && !isEnvelope(content)) return { value: content };
  const read = textOf(content);
  if ('error' in read) return { error: `The 'content' property of actions of type 'ParseJson' cannot be read as text: ${read.error}.` };
  try {
    return { value: parseJson(read.text) };
  } catch (err) {
    if (!(err instanceof JsonParseError)) throw err;
    return {
      error:
        `The 'content' property of actions of type 'ParseJson' must be valid JSON. The provided value '${excerpt(read.text)}' ` +
        `cannot be parsed: '${err.reason} at position ${err.position}.'.`,
    };
  }
}

function run(ctx: PureActionContext) {
  const inputs = ctx.inputs();
  const content = contentValue(inputMember(inputs, 'content') ?? null);
  if ('error' in content) return failed('InvalidJSON', content.error);
  const schema = inputMember(inputs, 'schema');
  if (schema === undefined || schema === null) return succeeded({ body: content.value });
  if (!isObject(schema)) return badRequest(`The 'schema' property of action '${ctx.name}' must be a JSON schema object.`);
  let validate: ValidateFunction;
  try {
    validate = validatorFor(ctx, schema);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return badRequest(`The 'schema' property of action '${ctx.name}' is not a valid JSON schema: ${reason}`);
  }
  const plain = toPlain(content.value);
  if (validate(plain)) return succeeded({ body: content.value });
  return failed('ValidationFailed', 'The schema validation failed.', { errors: schemaErrors(validate.errors ?? [], plain) });
}

export const parseJsonAction: PureActionDescriptor = {
  type: 'ParseJson',
  kind: 'pure',
  run,
};
