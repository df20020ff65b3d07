/**
 * .NET `OuterXml` serialisation of a parsed document or one of its nodes (spec §11.4): compact,
 * `<name />` for elements that were written empty, double-quoted attributes, character references
 * expanded, the declaration rebuilt from its parts, comments / CDATA / processing instructions kept.
 */
import type { Attr, Node } from '@xmldom/xmldom';
import { NODE, type XmlDeclaration } from './xml-parse.js';

export function escapeXmlText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeXmlAttribute(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });
}

export function declarationText(decl: XmlDeclaration): string {
  let text = `<?xml version="${decl.version}"`;
  if (decl.encoding) text += ` encoding="${decl.encoding}"`;
  if (decl.standalone) text += ` standalone="${decl.standalone}"`;
  return `${text}?>`;
}

export function doctypeText(name: string, publicId: string, systemId: string, subset: string | undefined): string {
  let text = `<!DOCTYPE ${name}`;
  if (publicId) text += ` PUBLIC "${publicId}" "${systemId}"`;
  else if (systemId) text += ` SYSTEM "${systemId}"`;
  if (subset !== undefined) text += `[${subset}]`;
  return `${text}>`;
}

/** xmldom keeps the quotes of a SYSTEM literal in some cases; .NET reports the bare literal. */
export function unquote(s: string | null | undefined): string {
  if (!s) return '';
  const m = /^(["'])(.*)\1$/s.exec(s);
  return m ? m[2]! : s;
}

interface SerializeOptions {
  declaration?: XmlDeclaration;
  selfClosing: WeakSet<Node>;
}

function data(node: Node): string {
  return (node as unknown as { data: string }).data;
}

export function serializeNode(node: Node, opts: SerializeOptions): string {
  switch (node.nodeType) {
    case NODE.DOCUMENT: {
      let out = '';
      for (let c = node.firstChild; c; c = c.nextSibling) out += serializeNode(c, opts);
      return out;
    }
    case NODE.ELEMENT:
      return serializeElement(node, opts);
    case NODE.TEXT:
      return escapeXmlText(data(node));
    case NODE.CDATA:
      return `<![CDATA[${data(node)}]]>`;
    case NODE.COMMENT:
      return `<!--${data(node)}-->`;
    case NODE.PI:
      if (node.nodeName === 'xml' && opts.declaration) return declarationText(opts.declaration);
      return data(node) ? `<?${node.nodeName} ${data(node)}?>` : `<?${node.nodeName}?>`;
    case NODE.DOCTYPE: {
      const dt = node as unknown as { name: string; publicId?: string; systemId?: string; internalSubset?: string };
      return doctypeText(dt.name, unquote(dt.publicId), unquote(dt.systemId), dt.internalSubset || undefined);
    }
    case 2: {
      const attr = node as unknown as Attr;
      return `${attr.name}="${escapeXmlAttribute(attr.value)}"`;
    }
    default:
      return '';
  }
}

function serializeElement(node: Node, opts: SerializeOptions): string {
  const el = node as unknown as { tagName: string; attributes: { length: number; [i: number]: Attr } };
  let out = `<${el.tagName}`;
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes[i]!;
    out += ` ${attr.name}="${escapeXmlAttribute(attr.value)}"`;
  }
  if (node.firstChild === null && opts.selfClosing.has(node)) return `${out} />`;
  out += '>';
  for (let c = node.firstChild; c; c = c.nextSibling) out += serializeNode(c, opts);
  return `${out}</${el.tagName}>`;
}
