/**
 * `DateTime.ToString(format, culture)` as .NET does it: a one-character format is a standard
 * format letter (anything else of length one is an error), longer formats are custom patterns.
 */
import { getCulture, INVARIANT, type CultureData } from './culture.js';
import { partsOf, type DateTimeParts, type DateTimeValue } from './date-time.js';
import { PatternError, standardFormat, tokenizePattern, type PatternToken } from './format-pattern.js';

export { PatternError };

/**
 * Formats `dt`. Throws `PatternError` for an invalid format. An empty format is `G`, as in .NET.
 * The server's local zone is UTC, so local and unspecified values need no shifting for `U`/`r`.
 */
export function formatDateTime(dt: DateTimeValue, format: string, culture: CultureData): string {
  let pattern = format;
  let useCulture = culture;
  if (format.length <= 1) {
    const standard = standardFormat(format === '' ? 'G' : format, culture);
    if (!standard) throw new PatternError(`'${format}' is not a standard date and time format`);
    pattern = standard.pattern;
    if (standard.invariant) useCulture = INVARIANT;
  }
  return formatPattern(dt, tokenizePattern(pattern), useCulture);
}

export function formatPattern(dt: DateTimeValue, tokens: readonly PatternToken[], culture: CultureData): string {
  const parts = partsOf(dt);
  const genitive = tokens.some((t) => t.kind === 'field' && t.letter === 'd' && t.count <= 2);
  let out = '';
  for (const token of tokens) {
    switch (token.kind) {
      case 'literal': out += token.text; break;
      case 'dateSeparator': out += culture.dateSeparator; break;
      case 'timeSeparator': out += culture.timeSeparator; break;
      case 'field': out = formatField(out, token.letter, token.count, parts, dt, culture, genitive); break;
    }
  }
  return out;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatField(
  out: string,
  letter: string,
  count: number,
  p: DateTimeParts,
  dt: DateTimeValue,
  culture: CultureData,
  genitive: boolean,
): string {
  switch (letter) {
    case 'd':
      if (count <= 2) return out + pad(p.day, count);
      return out + (count === 3 ? culture.abbrDayNames : culture.dayNames)[p.dayOfWeek];
    case 'M':
      if (count <= 2) return out + pad(p.month, count);
      if (count === 3) return out + (genitive ? culture.abbrGenitiveMonthNames : culture.abbrMonthNames)[p.month - 1];
      return out + (genitive ? culture.genitiveMonthNames : culture.monthNames)[p.month - 1];
    case 'y':
      if (count <= 2) return out + pad(p.year % 100, count);
      return out + pad(p.year, count);
    case 'h': return out + pad(p.hour % 12 === 0 ? 12 : p.hour % 12, Math.min(count, 2));
    case 'H': return out + pad(p.hour, Math.min(count, 2));
    case 'm': return out + pad(p.minute, Math.min(count, 2));
    case 's': return out + pad(p.second, Math.min(count, 2));
    case 'f': return out + pad(p.fraction, 7).slice(0, count);
    case 'F': return formatTrimmedFraction(out, p.fraction, count);
    case 't': {
      const designator = p.hour < 12 ? culture.am : culture.pm;
      return out + (count === 1 ? designator.slice(0, 1) : designator);
    }
    case 'g': return out + culture.era;
    case 'K': return out + (dt.kind === 'Utc' ? 'Z' : dt.kind === 'Local' ? '+00:00' : '');
    case 'z': return out + (count === 1 ? '+0' : count === 2 ? '+00' : '+00:00');
    default: return out;
  }
}

/** `F` digits drop trailing zeros; with none left, a '.' just before them is dropped too (.NET). */
function formatTrimmedFraction(out: string, fraction: number, count: number): string {
  const digits = pad(fraction, 7).slice(0, count).replace(/0+$/, '');
  if (digits !== '') return out + digits;
  return out.endsWith('.') ? out.slice(0, -1) : out;
}

/** Resolves a locale argument; `undefined` when it names no culture. */
export function cultureFor(locale: string | undefined): CultureData | undefined {
  return getCulture(locale ?? 'en-us');
}
