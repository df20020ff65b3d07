/**
 * .NET custom numeric format strings (`#,##0.00`, `0.###`, `0%`, `#,,`, `0.0E+00`, `'text'`, `\x`,
 * up to three `;` sections) laid out the way .NET's NumberToStringFormat does it, including its
 * quirks: extra integer digits go before the first placeholder, commas right before the decimal
 * point scale by 1000, and a value that rounds to zero switches to the zero section.
 */
import type { NumberCulture } from './culture-numbers.js';
import { formatExponent } from './number-format.js';
import { roundDigits, type FormatDigits } from './number-digits.js';

/** Start offset of section 1 (negative) or 2 (zero); 0 (the first section) when it is absent or empty. */
function findSection(format: string, section: number): number {
  if (section === 0) return 0;
  let src = 0;
  let remaining = section;
  while (src < format.length) {
    const ch = format[src++];
    if (ch === "'" || ch === '"') {
      while (src < format.length && format[src++] !== ch);
    } else if (ch === '\\') {
      if (src < format.length) src++;
    } else if (ch === ';') {
      if (--remaining !== 0) continue;
      return src < format.length && format[src] !== ';' ? src : 0;
    }
  }
  return 0;
}

interface SectionShape {
  digitCount: number;
  decimalPos: number;
  firstDigit: number;
  lastDigit: number;
  scientific: boolean;
  thousandSeps: boolean;
  scaleAdjust: number;
}

/** First pass over a section: where the placeholders are and how the value is scaled. */
function scanSection(format: string, start: number): SectionShape {
  const s: SectionShape = { digitCount: 0, decimalPos: -1, firstDigit: 0x7fffffff, lastDigit: 0, scientific: false, thousandSeps: false, scaleAdjust: 0 };
  let thousandPos = -1;
  let thousandCount = 0;
  let src = start;
  while (src < format.length) {
    const ch = format[src++];
    if (ch === ';') break;
    switch (ch) {
      case '#':
        s.digitCount++;
        break;
      case '0':
        if (s.firstDigit === 0x7fffffff) s.firstDigit = s.digitCount;
        s.digitCount++;
        s.lastDigit = s.digitCount;
        break;
      case '.':
        if (s.decimalPos < 0) s.decimalPos = s.digitCount;
        break;
      case ',':
        if (s.digitCount > 0 && s.decimalPos < 0) {
          if (thousandPos >= 0) {
            if (thousandPos === s.digitCount) {
              thousandCount++;
              break;
            }
            s.thousandSeps = true;
          }
          thousandPos = s.digitCount;
          thousandCount = 1;
        }
        break;
      case '%':
        s.scaleAdjust += 2;
        break;
      case '\u2030':
        s.scaleAdjust += 3;
        break;
      case "'":
      case '"':
        while (src < format.length && format[src++] !== ch);
        break;
      case '\\':
        if (src < format.length) src++;
        break;
      case 'E':
      case 'e':
        if (format[src] === '0' || ((format[src] === '+' || format[src] === '-') && format[src + 1] === '0')) {
          while (++src < format.length && format[src] === '0');
          s.scientific = true;
        }
        break;
    }
  }
  if (s.decimalPos < 0) s.decimalPos = s.digitCount;
  if (thousandPos >= 0) {
    if (thousandPos === s.decimalPos) s.scaleAdjust -= thousandCount * 3;
    else s.thousandSeps = true;
  }
  return s;
}

/** Digit counts (from the decimal point leftwards) after which a group separator goes. */
function separatorPositions(culture: NumberCulture, digPos: number, adjust: number, firstDigit: number): number[] {
  const sizes = culture.groupSizes;
  const positions: number[] = [];
  if (culture.groupSeparator === '' || sizes.length === 0) return positions;
  let index = 0;
  let total = sizes[0]!;
  let size = total;
  const totalDigits = digPos + (adjust < 0 ? adjust : 0);
  const numDigits = firstDigit > totalDigits ? firstDigit : totalDigits;
  while (numDigits > total && size !== 0) {
    positions.push(total);
    if (index < sizes.length - 1) size = sizes[++index]!;
    total += size;
  }
  return positions;
}

export function formatCustom(value: FormatDigits, format: string, culture: NumberCulture): string {
  let n = value;
  let section = findSection(format, n.digits === '' ? 2 : n.negative ? 1 : 0);
  let shape: SectionShape;
  for (;;) {
    shape = scanSection(format, section);
    if (n.digits !== '') {
      const scaled = { ...n, point: n.point + shape.scaleAdjust };
      const pos = shape.scientific ? shape.digitCount : scaled.point + shape.digitCount - shape.decimalPos;
      n = roundDigits(scaled, pos, 'up');
      if (n.digits === '') {
        const zero = findSection(format, 2);
        if (zero !== section) {
          section = zero;
          continue;
        }
      }
    } else {
      n = { ...n, negative: n.kind === 'float' ? n.negative : false, point: 0 };
    }
    break;
  }
  return layOut(n, format, section, shape, culture);
}

/** Second pass: writes digits, separators, literals and the exponent. */
function layOut(n: FormatDigits, format: string, section: number, shape: SectionShape, culture: NumberCulture): string {
  const firstDigit = shape.firstDigit < shape.decimalPos ? shape.decimalPos - shape.firstDigit : 0;
  const lastDigit = shape.lastDigit > shape.decimalPos ? shape.decimalPos - shape.lastDigit : 0;
  let digPos = shape.scientific ? shape.decimalPos : Math.max(n.point, shape.decimalPos);
  let adjust = shape.scientific ? 0 : n.point - shape.decimalPos;
  const seps = shape.thousandSeps ? separatorPositions(culture, digPos, adjust, firstDigit) : [];
  let sepIndex = seps.length - 1;
  let scientific = shape.scientific;
  const dig = n.digits;
  let cur = 0;
  let out = n.negative && section === 0 && n.point !== 0 ? culture.negativeSign : '';
  let decimalWritten = false;
  const emitDigit = (ch: string): void => {
    out += ch;
    if (shape.thousandSeps && digPos > 1 && sepIndex >= 0 && digPos === seps[sepIndex]! + 1) {
      out += culture.groupSeparator;
      sepIndex--;
    }
  };
  let src = section;
  while (src < format.length) {
    const ch = format[src++]!;
    if (ch === ';') break;
    if (adjust > 0 && (ch === '#' || ch === '0' || ch === '.')) {
      while (adjust > 0) {
        emitDigit(cur < dig.length ? dig[cur++]! : '0');
        digPos--;
        adjust--;
      }
    }
    switch (ch) {
      case '#':
      case '0': {
        let d = '';
        if (adjust < 0) {
          adjust++;
          d = digPos <= firstDigit ? '0' : '';
        } else {
          d = cur < dig.length ? dig[cur++]! : digPos > lastDigit ? '0' : '';
        }
        if (d !== '') emitDigit(d);
        digPos--;
        break;
      }
      case '.':
        if (digPos === 0 && !decimalWritten && (lastDigit < 0 || (shape.decimalPos < shape.digitCount && cur < dig.length))) {
          out += culture.decimalSeparator;
          decimalWritten = true;
        }
        break;
      case '\u2030':
        out += culture.perMilleSymbol;
        break;
      case '%':
        out += culture.percentSymbol;
        break;
      case ',':
        break;
      case "'":
      case '"':
        while (src < format.length && format[src] !== ch) out += format[src++];
        if (src < format.length) src++;
        break;
      case '\\':
        if (src < format.length) out += format[src++];
        break;
      case 'E':
      case 'e':
        if (scientific) {
          const r = exponentPart(format, src, ch, n, shape.decimalPos, culture);
          if (r !== undefined) {
            out += r.text;
            src = r.end;
            scientific = false;
            break;
          }
          out += ch;
        } else {
          out += ch;
          if (format[src] === '+' || format[src] === '-') out += format[src++];
          while (format[src] === '0') out += format[src++];
        }
        break;
      default:
        out += ch;
    }
  }
  if (n.negative && section === 0 && n.point === 0 && out.length > 0) out = culture.negativeSign + out;
  return out;
}

function exponentPart(format: string, src: number, letter: string, n: FormatDigits, decimalPos: number, culture: NumberCulture): { text: string; end: number } | undefined {
  let count = 0;
  let plus = false;
  let p = src;
  if (format[p] === '0') count++;
  else if (format[p] === '+' && format[p + 1] === '0') plus = true;
  else if (!(format[p] === '-' && format[p + 1] === '0')) return undefined;
  while (++p < format.length && format[p] === '0') count++;
  const exp = n.digits === '' ? 0 : n.point - decimalPos;
  return { text: formatExponent(exp, letter, Math.min(count, 10), plus, culture), end: p };
}
