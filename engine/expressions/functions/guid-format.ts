/**
 * .NET `Guid.ToString(format)`: the format letter is accepted in either case and the hex digits are
 * always lower case; an empty format means `D`. Returns `undefined` for any other format.
 */
export function formatGuid(guid: string, format: string): string | undefined {
  const hex = guid.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  if (hex.length !== 32) return undefined;
  const d = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  switch (format) {
    case '':
    case 'D':
    case 'd':
      return d;
    case 'N':
    case 'n':
      return hex;
    case 'B':
    case 'b':
      return `{${d}}`;
    case 'P':
    case 'p':
      return `(${d})`;
    case 'X':
    case 'x':
      return formatX(hex);
    default:
      return undefined;
  }
}

/** `{0x00000000,0x0000,0x0000,{0x00,0x00,0x00,0x00,0x00,0x00,0x00,0x00}}` */
function formatX(hex: string): string {
  const bytes: string[] = [];
  for (let i = 16; i < 32; i += 2) bytes.push(`0x${hex.slice(i, i + 2)}`);
  return `{0x${hex.slice(0, 8)},0x${hex.slice(8, 12)},0x${hex.slice(12, 16)},{${bytes.join(',')}}}`;
}
