/**
 * XML → JSON as `json(xml(...))` does it: Newtonsoft's XmlNodeConverter conventions with the Logic
 * Apps quirks of spec §11.3. Each element gathers its members in an ordered map of key → items
 * (attributes first, then children in document order; a repeated key stays at its first position),
 * and is then "cooked":
 * - no members → null (or "" when the element had a start and an end tag);
 * - only `#text` → that string, or an array of strings;
 * - otherwise an object; a key with several items becomes an array, except `#comment`, which is
 *   dropped with one comment and becomes `[]` with two or more (comment text is never output).
 */
import type { Attr, Node } from '@xmldom/xmldom';
import { setOwnMember } from '../json-parse.js';
import type { Value, ValueObject } from '../value.js';
import { NODE, type ParsedXml } from './xml-parse.js';
import { unquote } from './xml-serialize.js';

type Item = { text: string } | { value: Value };
type Members = Map<string, Item[]>;

function add(members: Members, key: string, item: Item): void {
  const list = members.get(key);
  if (list) list.push(item);
  else members.set(key, [item]);
}

function itemValue(item: Item): Value {
  return 'text' in item ? item.text : item.value;
}

function cook(members: Members): Value {
  if (members.size === 0) return null;
  const text = members.get('#text');
  if (members.size === 1 && text) return text.length === 1 ? itemValue(text[0]!) : text.map(itemValue);
  const obj: ValueObject = {};
  for (const [key, items] of members) {
    if (key === '#comment') {
      if (items.length >= 2) setOwnMember(obj, key, []);
      continue;
    }
    setOwnMember(obj, key, items.length === 1 ? itemValue(items[0]!) : items.map(itemValue));
  }
  return obj;
}

function data(node: Node): string {
  return (node as unknown as { data: string }).data;
}

function collectChildren(node: Node, members: Members, parsed: ParsedXml): void {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    switch (c.nodeType) {
      case NODE.ELEMENT:
        add(members, c.nodeName, { value: elementValue(c, parsed) });
        break;
      case NODE.TEXT:
        add(members, '#text', { text: data(c) });
        break;
      case NODE.CDATA:
        add(members, '#cdata-section', { text: data(c) });
        break;
      case NODE.COMMENT:
        add(members, '#comment', { text: data(c) });
        break;
      case NODE.PI:
        add(members, `?${c.nodeName}`, { value: piValue(c, parsed) });
        break;
      case NODE.DOCTYPE:
        add(members, '!DOCTYPE', { value: doctypeValue(c) });
        break;
      default:
        break;
    }
  }
}

function elementValue(node: Node, parsed: ParsedXml): Value {
  const members: Members = new Map();
  const attrs = (node as unknown as { attributes: { length: number; [i: number]: Attr } }).attributes;
  for (let i = 0; i < attrs.length; i++) add(members, `@${attrs[i]!.name}`, { text: attrs[i]!.value });
  collectChildren(node, members, parsed);
  const value = cook(members);
  return value === null && !parsed.selfClosing.has(node) ? '' : value;
}

function piValue(node: Node, parsed: ParsedXml): Value {
  if (node.nodeName !== 'xml' || !parsed.declaration) return data(node);
  const decl = parsed.declaration;
  const obj: ValueObject = { '@version': decl.version };
  if (decl.encoding !== undefined) obj['@encoding'] = decl.encoding;
  if (decl.standalone !== undefined) obj['@standalone'] = decl.standalone;
  return obj;
}

function doctypeValue(node: Node): Value {
  const dt = node as unknown as { name: string; publicId?: string; systemId?: string; internalSubset?: string };
  const obj: ValueObject = {};
  if (dt.name) obj['@name'] = dt.name;
  const pub = unquote(dt.publicId);
  const sys = unquote(dt.systemId);
  if (pub) obj['@public'] = pub;
  if (sys) obj['@system'] = sys;
  if (dt.internalSubset) obj['@internalSubset'] = dt.internalSubset;
  return obj;
}

/** The JSON value of a whole parsed document. */
export function xmlToJson(parsed: ParsedXml): Value {
  const members: Members = new Map();
  collectChildren(parsed.doc, members, parsed);
  const value = cook(members);
  return value ?? {};
}
