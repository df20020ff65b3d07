/**
 * Strict XML 1.0 parsing as .NET `XmlDocument.LoadXml` does it for `xml()` (spec §11.13): a
 * well-formed, namespace-valid document with exactly one root element; a declaration only at the
 * very start, with `version` (1.0 only), then optional `encoding`, then optional `standalone`.
 * Whitespace-only text nodes are dropped (`PreserveWhitespace = false`), and elements written
 * `<a/>` are remembered as empty elements, because .NET writes them back as `<a />` while `<a></a>`
 * stays `<a></a>`.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

export interface XmlDeclaration {
  version: string;
  encoding?: string;
  standalone?: string;
}

export interface ParsedXml {
  doc: Document;
  declaration?: XmlDeclaration;
  /** Elements written as `<name/>` in the source. */
  selfClosing: WeakSet<Node>;
}

const NODE = { ELEMENT: 1, TEXT: 3, CDATA: 4, PI: 7, COMMENT: 8, DOCUMENT: 9, DOCTYPE: 10 } as const;
export { NODE };

const DECLARATION =
  /^version\s*=\s*(["'])([^"']*)\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\3)?(?:\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/;

function parseDeclaration(data: string): XmlDeclaration {
  const m = DECLARATION.exec(data.trim());
  if (!m) throw new XmlParseError(`Invalid XML declaration '<?xml ${data}?>'`);
  if (m[2] !== '1.0') throw new XmlParseError(`Version number '${m[2]}' is invalid (only 1.0 is supported)`);
  const decl: XmlDeclaration = { version: m[2] };
  if (m[4] !== undefined) decl.encoding = m[4];
  if (m[6] !== undefined) decl.standalone = m[6];
  return decl;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') offsets.push(i + 1);
  return offsets;
}

/** Whether the start tag beginning at `offset` ends with `/>` (quoted attribute values skipped). */
function startTagSelfCloses(text: string, offset: number): boolean {
  let quote = '';
  for (let i = offset + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return text[i - 1] === '/';
    }
  }
  return false;
}

function isWhitespaceOnly(s: string): boolean {
  return /^[ \t\r\n]*$/.test(s);
}

/** Drops whitespace-only text nodes and records self-closing elements, depth-first. */
function tidy(node: Node, text: string, lines: number[], selfClosing: WeakSet<Node>): void {
  let child = node.firstChild;
  while (child) {
    const next = child.nextSibling;
    if (child.nodeType === NODE.TEXT && isWhitespaceOnly((child as unknown as { data: string }).data)) {
      node.removeChild(child);
    } else if (child.nodeType === NODE.ELEMENT) {
      const line = (child as unknown as { lineNumber?: number }).lineNumber;
      const column = (child as unknown as { columnNumber?: number }).columnNumber;
      if (line !== undefined && column !== undefined && child.firstChild === null) {
        const offset = (lines[line - 1] ?? 0) + column - 1;
        if (startTagSelfCloses(text, offset)) selfClosing.add(child);
      }
      tidy(child, text, lines, selfClosing);
    }
    child = next;
  }
}

/** Parses XML text strictly; throws `XmlParseError` with the parser's reason. */
export function parseXml(text: string): ParsedXml {
  if (text.trim() === '') throw new XmlParseError('Root element is missing');
  let doc: Document;
  try {
    doc = new DOMParser({
      locator: true,
      onError: (level: string, message: string) => {
        throw new XmlParseError(`${level}: ${message}`);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    throw new XmlParseError(message.replace(/^(Error constructing the DOM: )/, ''));
  }
  let declaration: XmlDeclaration | undefined;
  const first = doc.firstChild;
  if (first && first.nodeType === NODE.PI && first.nodeName === 'xml') {
    if (!text.startsWith('<?xml')) throw new XmlParseError('The XML declaration must be the first node in the document');
    declaration = parseDeclaration((first as unknown as { data: string }).data);
  }
  if (!doc.documentElement) throw new XmlParseError('Root element is missing');
  const selfClosing = new WeakSet<Node>();
  tidy(doc, text, lineOffsets(text), selfClosing);
  return declaration ? { doc, declaration, selfClosing } : { doc, selfClosing };
}

export function rootElement(parsed: ParsedXml): Element {
  return parsed.doc.documentElement!;
}
