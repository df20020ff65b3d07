/**
 * XML values: content envelopes of type `application/xml;charset=utf-8` whose bytes are the .NET
 * `OuterXml` serialisation (spec §11.4). The entry points the functions use: build an XML value from
 * text or from a JSON object, read one back as a document, convert it to JSON, run XPath over it.
 * Errors are `XmlParseError` / `JsonToXmlError` / `ContentError`, reworded by the caller.
 */
import { createRequire } from 'node:module';
import type { Node } from '@xmldom/xmldom';
import { charsetLabel, envelopeTextStrict, textEnvelope, XML_UTF8 } from '../content.js';
import { makeFloat, type ContentEnvelope, type Value, type ValueObject } from '../value.js';
import { jsonToXml } from './json-to-xml.js';
import { NODE, parseXml, XmlParseError, type ParsedXml } from './xml-parse.js';
import { serializeNode } from './xml-serialize.js';
import { xmlToJson } from './xml-to-json.js';

export function serializeParsed(parsed: ParsedXml): string {
  return serializeNode(parsed.doc, parsed);
}

/** `xml(text)`: the text must be a well-formed document; the value holds its serialisation. */
export function xmlFromText(text: string): ValueObject {
  return textEnvelope(XML_UTF8, serializeParsed(parseXml(text)));
}

/** `xml(object)`. */
export function xmlFromJson(obj: ValueObject): ValueObject {
  return textEnvelope(XML_UTF8, jsonToXml(obj));
}

/** Reads an XML value (or any content envelope) back as a parsed document. */
export function parseEnvelope(env: ContentEnvelope): ParsedXml {
  return parseXml(envelopeTextStrict(env));
}

/**
 * `json(xml)`. Besides parsing, the declared encoding must be one .NET can read as text other than
 * UTF-16/UTF-32 (spec §11.3), although `xml()` itself never looked at it.
 */
export function xmlEnvelopeToJson(env: ContentEnvelope): Value {
  const parsed = parseEnvelope(env);
  const encoding = parsed.declaration?.encoding;
  if (encoding !== undefined) {
    const label = charsetLabel(encoding);
    if (label === undefined || label.startsWith('utf-16') || label.startsWith('utf-32')) {
      throw new XmlParseError(`'${encoding}' is not a supported encoding for converting XML to JSON`);
    }
  }
  return xmlToJson(parsed);
}

interface XPathModule {
  select(expression: string, node: unknown): unknown;
}

const xpathModule = createRequire(import.meta.url)('xpath') as XPathModule;

export class XPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XPathError';
  }
}

function isNodeLike(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { nodeType?: unknown }).nodeType === 'number';
}

/** `xpath(xml, expr)` (spec §11.25): node sets are arrays; text nodes → strings; numbers → floats. */
export function xpathOnParsed(parsed: ParsedXml, expression: string): Value {
  let result: unknown;
  try {
    result = xpathModule.select(expression, parsed.doc);
  } catch (e) {
    throw new XPathError(e instanceof Error ? e.message : String(e));
  }
  if (Array.isArray(result)) {
    return result.map((node: unknown): Value => {
      if (!isNodeLike(node)) return null;
      if (node.nodeType === NODE.TEXT || node.nodeType === NODE.CDATA) {
        return (node as unknown as { data: string }).data;
      }
      return textEnvelope(XML_UTF8, serializeNode(node, parsed));
    });
  }
  if (typeof result === 'number') return makeFloat(result);
  if (typeof result === 'string' || typeof result === 'boolean') return result;
  if (isNodeLike(result)) return [textEnvelope(XML_UTF8, serializeNode(result, parsed))];
  throw new XPathError(`the expression '${expression}' gave an unexpected result`);
}
