/**
 * JSON object → XML text, as `xml(object)` does it (spec §11.5, the inverse Newtonsoft mapping with
 * Logic Apps quirks):
 * - `?xml` becomes the declaration and `!DOCTYPE` the document type; exactly one other member is
 *   the root element (none gives an empty document, more than one is an error);
 * - keys become element names, characters invalid in a name encoded `_xHHHH_`, and a `prefix:`
 *   dropped; `@x` keys become attributes, `#text` text, `#cdata-section` CDATA; every other key,
 *   `#comment` included, is an element;
 * - arrays become repeated siblings, null and `{}` empty elements `<a />`, scalars text.
 * The result is the serialised text, in the same form `xml()` of a string produces.
 */
import { Decimal, Float, floatToText, isObject, toJsonText, type Value, type ValueObject } from '../value.js';
import { encodeXmlName } from './xml-names.js';
import { declarationText, doctypeText, escapeXmlAttribute, escapeXmlText } from './xml-serialize.js';

export class JsonToXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonToXmlError';
  }
}

/** Scalar text as Newtonsoft puts it into XML: JSON spelling for booleans, shortest form for floats. */
function scalarText(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatToText(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Float) return floatToText(v.value);
  if (v instanceof Decimal) return v.toString();
  return toJsonText(v);
}

function elementName(key: string): string {
  const encoded = encodeXmlName(key);
  const colon = encoded.lastIndexOf(':');
  const local = colon >= 0 ? encoded.slice(colon + 1) : encoded;
  if (local === '') throw new JsonToXmlError(`'${key}' cannot be used as an XML element name`);
  return local;
}

function attributeName(key: string): string {
  const name = encodeXmlName(key.slice(1));
  if (name === '') throw new JsonToXmlError(`'${key}' cannot be used as an XML attribute name`);
  return name;
}

function stringMember(obj: ValueObject, key: string): string | undefined {
  const v = obj[key];
  return v === undefined || v === null ? undefined : scalarText(v);
}

function childrenText(obj: ValueObject): string {
  let out = '';
  for (const key of Object.keys(obj)) {
    if (key.startsWith('@')) continue;
    const v = obj[key]!;
    for (const item of Array.isArray(v) ? v : [v]) out += childText(key, item);
  }
  return out;
}

function childText(key: string, v: Value): string {
  if (key === '#text' && typeof v === 'string') return escapeXmlText(v);
  if (key === '#cdata-section' && typeof v === 'string') {
    if (v.includes(']]>')) throw new JsonToXmlError("A CDATA section cannot contain ']]>'");
    return `<![CDATA[${v}]]>`;
  }
  return elementText(key, v);
}

function elementText(key: string, v: Value): string {
  const name = elementName(key);
  if (v === null) return `<${name} />`;
  if (!isObject(v)) return `<${name}>${escapeXmlText(scalarText(v))}</${name}>`;
  let attrs = '';
  for (const k of Object.keys(v)) {
    if (k.startsWith('@')) attrs += ` ${attributeName(k)}="${escapeXmlAttribute(scalarText(v[k]!))}"`;
  }
  const inner = childrenText(v);
  return inner === '' ? `<${name}${attrs} />` : `<${name}${attrs}>${inner}</${name}>`;
}

/** Serialised XML for a JSON object; '' when it names no root element. */
export function jsonToXml(obj: ValueObject): string {
  let prolog = '';
  const roots: [string, Value][] = [];
  for (const key of Object.keys(obj)) {
    const v = obj[key]!;
    if (key === '?xml') {
      if (!isObject(v)) throw new JsonToXmlError('The ?xml member must be an object');
      prolog += declarationText({
        version: stringMember(v, '@version') ?? '1.0',
        ...(stringMember(v, '@encoding') !== undefined ? { encoding: stringMember(v, '@encoding')! } : {}),
        ...(stringMember(v, '@standalone') !== undefined ? { standalone: stringMember(v, '@standalone')! } : {}),
      });
    } else if (key === '!DOCTYPE') {
      if (!isObject(v)) throw new JsonToXmlError('The !DOCTYPE member must be an object');
      prolog += doctypeText(
        stringMember(v, '@name') ?? '',
        stringMember(v, '@public') ?? '',
        stringMember(v, '@system') ?? '',
        stringMember(v, '@internalSubset'),
      );
    } else {
      for (const item of Array.isArray(v) ? v : [v]) roots.push([key, item]);
    }
  }
  if (roots.length > 1) throw new JsonToXmlError('More than one root element: an XML document has exactly one');
  const root = roots[0];
  return root ? prolog + elementText(root[0], root[1]) : prolog;
}
