/**
 * The date-related parts of a .NET `CultureInfo`: names, designators, separators and the patterns
 * behind the standard format letters. Names come from Intl (ICU), which agrees with .NET for the
 * common cultures; the standard patterns of the cultures people actually use are pinned below
 * (Intl's patterns often differ in small ways from .NET's), and other cultures derive theirs from
 * Intl's short/long styles.
 */
export interface CultureData {
  readonly name: string;
  readonly dayNames: readonly string[];
  readonly abbrDayNames: readonly string[];
  readonly monthNames: readonly string[];
  readonly abbrMonthNames: readonly string[];
  /** Month names as used next to a day number (differs in e.g. Polish, Russian, Greek). */
  readonly genitiveMonthNames: readonly string[];
  readonly abbrGenitiveMonthNames: readonly string[];
  readonly am: string;
  readonly pm: string;
  readonly era: string;
  readonly dateSeparator: string;
  readonly timeSeparator: string;
  readonly patterns: StandardPatterns;
}

export interface StandardPatterns {
  readonly d: string;
  readonly D: string;
  readonly t: string;
  readonly T: string;
  readonly M: string;
  readonly Y: string;
  /** `F`: full date and long time. */
  readonly F: string;
}

const EN_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const EN_ABBR_MONTHS = EN_MONTHS.map((m) => m.slice(0, 3));

function english(name: string, patterns: StandardPatterns, am = 'AM', pm = 'PM'): CultureData {
  return {
    name,
    dayNames: EN_DAYS,
    abbrDayNames: EN_DAYS.map((d) => d.slice(0, 3)),
    monthNames: EN_MONTHS,
    abbrMonthNames: EN_ABBR_MONTHS,
    genitiveMonthNames: EN_MONTHS,
    abbrGenitiveMonthNames: EN_ABBR_MONTHS,
    am,
    pm,
    era: 'A.D.',
    dateSeparator: '/',
    timeSeparator: ':',
    patterns,
  };
}

/** .NET's invariant culture. */
export const INVARIANT: CultureData = english('', {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  t: 'HH:mm',
  T: 'HH:mm:ss',
  M: 'MMMM dd',
  Y: 'yyyy MMMM',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
});

const EN_US = english('en-US', {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  M: 'MMMM d',
  Y: 'MMMM yyyy',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
});

/** Standard patterns of common cultures as .NET gives them (key: lower-case name). */
const PINNED_PATTERNS: Record<string, StandardPatterns & { sep?: string }> = {
  'en-gb': { d: 'dd/MM/yyyy', D: 'dd MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', F: 'dd MMMM yyyy HH:mm:ss' },
  'en-au': { d: 'd/MM/yyyy', D: 'dddd, d MMMM yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', M: 'd MMMM', Y: 'MMMM yyyy', F: 'dddd, d MMMM yyyy h:mm:ss tt' },
  'en-in': { d: 'dd-MM-yyyy', D: 'dd MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', F: 'dd MMMM yyyy HH:mm:ss', sep: '-' },
  'fr-fr': { d: 'dd/MM/yyyy', D: 'dddd d MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', F: 'dddd d MMMM yyyy HH:mm:ss' },
  'de-de': { d: 'dd.MM.yyyy', D: 'dddd, d. MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd. MMMM', Y: 'MMMM yyyy', F: 'dddd, d. MMMM yyyy HH:mm:ss', sep: '.' },
  'es-es': { d: 'dd/MM/yyyy', D: "dddd, d' de 'MMMM' de 'yyyy", t: 'H:mm', T: 'H:mm:ss', M: "d' de 'MMMM", Y: "MMMM' de 'yyyy", F: "dddd, d' de 'MMMM' de 'yyyy H:mm:ss" },
  'it-it': { d: 'dd/MM/yyyy', D: 'dddd d MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', F: 'dddd d MMMM yyyy HH:mm:ss' },
  'nl-nl': { d: 'd-M-yyyy', D: 'dddd d MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', F: 'dddd d MMMM yyyy HH:mm:ss', sep: '-' },
  'pt-br': { d: 'dd/MM/yyyy', D: "dddd, d' de 'MMMM' de 'yyyy", t: 'HH:mm', T: 'HH:mm:ss', M: "d' de 'MMMM", Y: "MMMM' de 'yyyy", F: "dddd, d' de 'MMMM' de 'yyyy HH:mm:ss" },
  'ja-jp': { d: 'yyyy/MM/dd', D: 'yyyy年M月d日', t: 'H:mm', T: 'H:mm:ss', M: 'M月d日', Y: 'yyyy年M月', F: 'yyyy年M月d日 H:mm:ss' },
};

const cache = new Map<string, CultureData | null>();

/**
 * The culture for a locale name (`en-us`, `fr-FR`, `de`), or `undefined` if it is not a culture
 * name. The empty string is the invariant culture, as in .NET.
 */
export function getCulture(locale: string): CultureData | undefined {
  const key = locale.toLowerCase();
  if (key === '') return INVARIANT;
  if (key === 'en-us' || key === 'en') return EN_US;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  const built = buildCulture(locale);
  cache.set(key, built ?? null);
  return built;
}

function canonicalLocale(locale: string): string | undefined {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (!canonical || Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 0) return undefined;
    // Intl falls back silently to a parent or the default; demand that the language is known.
    const resolved = new Intl.DateTimeFormat(canonical).resolvedOptions().locale;
    return resolved.split('-')[0] === canonical.split('-')[0] ? canonical : undefined;
  } catch {
    return undefined;
  }
}

function buildCulture(locale: string): CultureData | undefined {
  const name = canonicalLocale(locale);
  if (!name) return undefined;
  const pinned = PINNED_PATTERNS[name.toLowerCase()];
  const patterns = pinned ?? derivePatterns(name);
  const sep = pinned?.sep ?? dateSeparatorOf(patterns.d);
  const [am, pm] = designators(name);
  return {
    name,
    dayNames: dayNames(name, 'long'),
    abbrDayNames: dayNames(name, 'short'),
    monthNames: monthNames(name, 'long', false),
    abbrMonthNames: name.toLowerCase() === 'en-gb' ? EN_ABBR_MONTHS : monthNames(name, 'short', false),
    genitiveMonthNames: monthNames(name, 'long', true),
    abbrGenitiveMonthNames: name.toLowerCase() === 'en-gb' ? EN_ABBR_MONTHS : monthNames(name, 'short', true),
    am,
    pm,
    era: eraName(name),
    dateSeparator: sep,
    timeSeparator: ':',
    patterns,
  };
}

function utcFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
}

function dayNames(locale: string, width: 'long' | 'short'): string[] {
  const f = utcFormat(locale, { weekday: width });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2023, 0, 1 + i)));
}

function monthNames(locale: string, width: 'long' | 'short', genitive: boolean): string[] {
  const f = utcFormat(locale, genitive ? { month: width, day: 'numeric' } : { month: width });
  return Array.from({ length: 12 }, (_, i) => {
    const parts = f.formatToParts(Date.UTC(2023, i, 15));
    return parts.find((p) => p.type === 'month')?.value ?? '';
  });
}

function designators(locale: string): [string, string] {
  const f = utcFormat(locale, { hour: 'numeric', hourCycle: 'h12' });
  const period = (h: number): string => f.formatToParts(Date.UTC(2023, 0, 1, h)).find((p) => p.type === 'dayPeriod')?.value ?? '';
  return [period(3), period(15)];
}

function eraName(locale: string): string {
  const parts = utcFormat(locale, { era: 'short', year: 'numeric' }).formatToParts(Date.UTC(2023, 0, 1));
  return parts.find((p) => p.type === 'era')?.value ?? 'A.D.';
}

function dateSeparatorOf(shortDate: string): string {
  const m = /[dMy]+([^dMy'\s]+)[dMy]/.exec(shortDate);
  return m ? m[1]! : '/';
}

/** Patterns from Intl's styles, written with .NET custom specifiers. */
function derivePatterns(locale: string): StandardPatterns {
  const d = intlPattern(locale, { dateStyle: 'short' });
  const D = intlPattern(locale, { dateStyle: 'full' });
  const t = intlPattern(locale, { timeStyle: 'short' });
  const T = intlPattern(locale, { timeStyle: 'medium' });
  return {
    d: d.replace(/(^|[^y])yy(?!y)/, '$1yyyy'),
    D,
    t,
    T,
    M: intlPattern(locale, { month: 'long', day: 'numeric' }),
    Y: intlPattern(locale, { month: 'long', year: 'numeric' }),
    F: `${D} ${T}`,
  };
}

function intlPattern(locale: string, options: Intl.DateTimeFormatOptions): string {
  const f = utcFormat(locale, options);
  const sample = Date.UTC(2026, 0, 2, 3, 4, 5);
  const hour12 = f.resolvedOptions().hourCycle === 'h12' || f.resolvedOptions().hourCycle === 'h11';
  let out = '';
  for (const part of f.formatToParts(sample)) {
    const v = part.value;
    switch (part.type) {
      case 'year': out += v.length === 2 ? 'yy' : 'yyyy'; break;
      case 'month': out += /^\d+$/.test(v) ? (v.length === 2 ? 'MM' : 'M') : 'MMMM'; break;
      case 'day': out += v.length === 2 ? 'dd' : 'd'; break;
      case 'weekday': out += 'dddd'; break;
      case 'hour': out += (hour12 ? 'h' : 'H').repeat(v.length === 2 ? 2 : 1); break;
      case 'minute': out += 'mm'; break;
      case 'second': out += 'ss'; break;
      case 'dayPeriod': out += 'tt'; break;
      default: out += quoteLiteral(v.replace(/[\u202f\u00a0]/g, ' '));
    }
  }
  return out;
}

function quoteLiteral(text: string): string {
  if (/^[\s,./:-]*$/.test(text)) return text;
  return `'${text.replace(/'/g, "\\'")}'`;
}
