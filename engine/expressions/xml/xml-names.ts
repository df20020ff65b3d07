/**
 * XML name characters and .NET `XmlConvert.EncodeName` / `EncodeLocalName` / `DecodeName`.
 * Encoding writes a character that may not stand at its place in a name as `_xHHHH_` (upper-case
 * hex; `_xHHHHHHHH_` for a character outside the BMP), and escapes an underscore that would
 * otherwise read as the start of such an escape as `_x005F_`.
 */

const START_RANGES: readonly (readonly [number, number])[] = [
  [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x2ff], [0x370, 0x37d],
  [0x37f, 0x1fff], [0x200c, 0x200d], [0x2070, 0x218f], [0x2c00, 0x2fef], [0x3001, 0xd7ff],
  [0xf900, 0xfdcf], [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];
const EXTRA_NAME_RANGES: readonly (readonly [number, number])[] = [
  [0x2d, 0x2e], [0x30, 0x39], [0xb7, 0xb7], [0x300, 0x36f], [0x203f, 0x2040],
];

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** May the code point start a (colon-free) XML name? */
export function isNameStartCode(cp: number): boolean {
  return inRanges(cp, START_RANGES);
}

/** May the code point appear inside a (colon-free) XML name? */
export function isNameCode(cp: number): boolean {
  return inRanges(cp, START_RANGES) || inRanges(cp, EXTRA_NAME_RANGES);
}

const ESCAPE_LOOKALIKE = /^_[xX]([0-9a-fA-F]{4}|[0-9a-fA-F]{8})_/;

function hexEscape(cp: number): string {
  const hex = cp.toString(16).toUpperCase();
  return `_x${hex.padStart(cp > 0xffff ? 8 : 4, '0')}_`;
}

function encode(name: string, colonAllowed: boolean): string {
  let out = '';
  let first = true;
  for (let i = 0; i < name.length; ) {
    const cp = name.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ok = (colonAllowed && cp === 0x3a) || (first ? isNameStartCode(cp) : isNameCode(cp));
    if (cp === 0x5f && ESCAPE_LOOKALIKE.test(name.slice(i))) {
      out += '_x005F_';
    } else {
      out += ok ? String.fromCodePoint(cp) : hexEscape(cp);
    }
    first = false;
    i += width;
  }
  return out;
}

/** `XmlConvert.EncodeName`: colons are kept (a qualified name stays qualified). */
export function encodeXmlName(name: string): string {
  return encode(name, true);
}

/** `XmlConvert.EncodeLocalName`: colons are encoded too. */
export function encodeXmlLocalName(name: string): string {
  return encode(name, false);
}

/** `XmlConvert.DecodeName`: every well-formed `_xHHHH_` / `_xHHHHHHHH_` escape becomes its character. */
export function decodeXmlName(name: string): string {
  return name.replace(/_[xX]([0-9a-fA-F]{8}|[0-9a-fA-F]{4})_/g, (whole, hex: string) => {
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) return whole;
    return String.fromCodePoint(cp);
  });
}
