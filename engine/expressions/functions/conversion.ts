/**
 * Conversion functions (spec §7.4, sharpened by §11.2–§11.5, §11.13, §11.20, §11.22, §11.24, §11.26).
 * Binary content and XML values are content envelopes; XML values hold their .NET `OuterXml`
 * serialisation. Parameters documented as strings accept only strings (§11.14), except where the
 * runtime demonstrably reads content (`base64`, `json`, `xml`, `binary`, `dataUri`, `string`).
 * The content, data-URI, URI-escaping and XML helpers throw plain errors, reworded here.
 */
import { decodeBase64Strict, envelopeBytesStrict, envelopeTextStrict, isValidBase64, makeEnvelope, OCTET_STREAM, textEnvelope, JSON_UTF8, TEXT_UTF8, XML_UTF8 } from '../content.js';
import { checkBinaryDataUriParameters, checkStringDataUriCharset, parseDataUri } from '../data-uri.js';
import { JsonParseError, parseJson } from '../json-parse.js';
import { escapeDataString, unescapeDataString } from '../uri-escape.js';
import { Decimal, Float, isEnvelope, isObject, isXmlEnvelope, toDouble, toText, type Value } from '../value.js';
import { decodeXmlName, encodeXmlName } from '../xml/xml-names.js';
import { XmlParseError } from '../xml/xml-parse.js';
import { xmlEnvelopeToJson, xmlFromJson, xmlFromText } from '../xml/xml-value.js';
import { ExpressionEvaluationError } from '../expression-errors.js';
import { argString, failArg, typeError } from './args.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';

/** Runs a helper and rewords its plain errors as evaluation errors about argument `index`. */
export function guarded<T>(ctx: CallContext, index: number, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof ExpressionEvaluationError) throw e;
    if (e instanceof JsonParseError) {
      failArg(ctx, index, `is not valid JSON: ${e.message}`, `The template language function '${ctx.fn}' parameter is not valid. The provided value cannot be parsed: '${e.message}'.`);
    }
    if (e instanceof XmlParseError) {
      failArg(ctx, index, `is not valid XML: ${e.message}`, `The template language function '${ctx.fn}' parameter is not valid. The provided value cannot be parsed as XML: '${e.message}'.`);
    }
    if (e instanceof Error) {
      failArg(ctx, index, `is not valid: ${e.message}`, `The template language function '${ctx.fn}' was invoked with a parameter that is not valid: ${e.message}.`);
    }
    throw e;
  }
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function base64(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('base64');
  if (isEnvelope(v)) return guarded(ctx, 0, () => envelopeBytesStrict(v).toString('base64'));
  return typeError(ctx, 0, 'a string', v);
}

function base64ToString(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  return guarded(ctx, 0, () => utf8(decodeBase64Strict(text)));
}

function base64ToBinary(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  if (!isValidBase64(text)) failArg(ctx, 0, `is not a valid base64 string: '${text}'`);
  return { '$content-type': OCTET_STREAM, '$content': text };
}

/** Binary content of any non-null value: content keeps its bytes, anything else its text (§11.20). */
function binary(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (v === null) typeError(ctx, 0, 'a value that is not null', v);
  if (isEnvelope(v)) return guarded(ctx, 0, () => makeEnvelope(OCTET_STREAM, envelopeBytesStrict(v)));
  return textEnvelope(OCTET_STREAM, toText(v));
}

function isZero(v: number | bigint | Float | Decimal): boolean {
  if (v instanceof Decimal) return v.mantissa === 0n;
  return typeof v === 'bigint' ? v === 0n : toDouble(v) === 0;
}

/** §11.22: non-zero numbers are true; `true`/`false` in any case (trimmed, as .NET parses); nothing else. */
function bool(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Float || v instanceof Decimal) return !isZero(v);
  if (typeof v === 'string') {
    const word = v.replace(/^[\s\0]+|[\s\0]+$/g, '').toLowerCase();
    if (word === 'true') return true;
    if (word === 'false') return false;
    failArg(ctx, 0, `is not a boolean text: '${v}'`, `The template language function 'bool' was invoked with a parameter that is not valid. The value '${v}' cannot be converted to a boolean.`);
  }
  return typeError(ctx, 0, 'a boolean, a number or a string', v);
}

/** §11.24: the media type follows the value's kind. */
function dataUri(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (v === null) typeError(ctx, 0, 'a value that is not null', v);
  let contentType: string;
  let bytes: Uint8Array;
  if (typeof v === 'string') {
    [contentType, bytes] = [TEXT_UTF8, Buffer.from(v, 'utf8')];
  } else if (isEnvelope(v)) {
    [contentType, bytes] = [v['$content-type'], guarded(ctx, 0, () => envelopeBytesStrict(v))];
  } else {
    [contentType, bytes] = [JSON_UTF8, Buffer.from(toText(v), 'utf8')];
  }
  return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;
}

function dataUriToBinary(args: Value[], ctx: CallContext): Value {
  const uri = argString(ctx, args, 0);
  return guarded(ctx, 0, () => {
    const parsed = parseDataUri(uri, false);
    checkBinaryDataUriParameters(parsed.contentType);
    return { '$content-type': parsed.contentType, '$content': parsed.content };
  });
}

function dataUriToString(args: Value[], ctx: CallContext): Value {
  const uri = argString(ctx, args, 0);
  return guarded(ctx, 0, () => {
    const parsed = parseDataUri(uri, true);
    checkStringDataUriCharset(parsed.contentType);
    return utf8(decodeBase64Strict(parsed.content));
  });
}

function uriComponentToBinary(args: Value[], ctx: CallContext): Value {
  return textEnvelope(OCTET_STREAM, unescapeDataString(argString(ctx, args, 0)));
}

/** `json()`: JSON text, or content: XML converts (§11.3), other content parses its text (§11.20). */
function json(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (typeof v === 'string') return guarded(ctx, 0, () => parseJson(v));
  if (isXmlEnvelope(v)) return guarded(ctx, 0, () => xmlEnvelopeToJson(v));
  if (isEnvelope(v)) return guarded(ctx, 0, () => parseJson(envelopeTextStrict(v)));
  return typeError(ctx, 0, 'a string or an XML', v);
}

function string(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (isEnvelope(v)) return guarded(ctx, 0, () => envelopeTextStrict(v));
  return toText(v);
}

/** `xml()`: text must be a document (§11.13); content keeps its bytes (§11.4); objects map (§11.5). */
function xml(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (typeof v === 'string') return guarded(ctx, 0, () => xmlFromText(v));
  if (isEnvelope(v)) return guarded(ctx, 0, () => makeEnvelope(XML_UTF8, envelopeBytesStrict(v)));
  if (isObject(v)) return guarded(ctx, 0, () => xmlFromJson(v));
  return typeError(ctx, 0, 'a string or an object', v);
}

const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function encodeXmlValue(text: string): string {
  return text.replace(/[<>&"']/g, (c) => XML_ESCAPES[c]!);
}

function decodeXmlValue(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return XML_ENTITIES[name]!;
    const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

function stringFn(name: string, convert: (text: string) => Value): FunctionDef {
  return fn(name, 1, 1, (args, ctx) => convert(argString(ctx, args, 0)));
}

export const conversionFunctions: FunctionDef[] = [
  fn('array', 1, 1, (args) => [args[0]!]),
  fn('createArray', 1, Infinity, (args) => [...args]),
  fn('base64', 1, 1, base64),
  fn('base64ToString', 1, 1, base64ToString),
  fn('decodeBase64', 1, 1, base64ToString),
  fn('base64ToBinary', 1, 1, base64ToBinary),
  fn('binary', 1, 1, binary),
  fn('bool', 1, 1, bool),
  fn('dataUri', 1, 1, dataUri),
  fn('dataUriToBinary', 1, 1, dataUriToBinary),
  fn('decodeDataUri', 1, 1, dataUriToBinary),
  fn('dataUriToString', 1, 1, dataUriToString),
  // Deployed Microsoft samples call encodeURIComponent with several arguments (the Service Bus
  // session templates pass `SessionId, '-topic'`); the runtime joins them before escaping.
  fn('encodeUriComponent', 1, Infinity, (args, ctx) => escapeDataString(args.map((_, i) => argString(ctx, args, i)).join(''))),
  stringFn('uriComponent', escapeDataString),
  stringFn('decodeUriComponent', unescapeDataString),
  stringFn('uriComponentToString', unescapeDataString),
  fn('uriComponentToBinary', 1, 1, uriComponentToBinary),
  fn('json', 1, 1, json),
  fn('string', 1, 1, string),
  fn('xml', 1, 1, xml),
  stringFn('utf8Length', (text) => Buffer.byteLength(text, 'utf8')),
  stringFn('utf16Length', (text) => text.length * 2),
  stringFn('encodeXmlValue', encodeXmlValue),
  stringFn('decodeXmlValue', decodeXmlValue),
  stringFn('encodeXmlName', encodeXmlName),
  stringFn('decodeXmlName', decodeXmlName),
];

