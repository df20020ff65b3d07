/**
 * The parts of .NET's NumberFormatInfo that parsing and formatting need, per culture name. The
 * invariant culture is spelled out; named cultures are derived from the ICU data behind
 * `Intl.NumberFormat` (the same data .NET uses on ICU), with the pattern numbers .NET uses.
 */

export interface NumberCulture {
  readonly name: string;
  readonly decimalSeparator: string;
  readonly groupSeparator: string;
  /** .NET NumberGroupSizes: the first entry is the group nearest the decimal point; the last repeats. */
  readonly groupSizes: readonly number[];
  readonly negativeSign: string;
  readonly positiveSign: string;
  readonly nanSymbol: string;
  readonly positiveInfinity: string;
  readonly negativeInfinity: string;
  readonly percentSymbol: string;
  readonly perMilleSymbol: string;
  readonly currencySymbol: string;
  readonly currencyDecimalDigits: number;
  readonly currencyPositivePattern: number;
  readonly currencyNegativePattern: number;
  readonly numberDecimalDigits: number;
  readonly numberNegativePattern: number;
  readonly percentDecimalDigits: number;
  readonly percentPositivePattern: number;
  readonly percentNegativePattern: number;
}

export const INVARIANT_CULTURE: NumberCulture = {
  name: '',
  decimalSeparator: '.',
  groupSeparator: ',',
  groupSizes: [3],
  negativeSign: '-',
  positiveSign: '+',
  nanSymbol: 'NaN',
  positiveInfinity: 'Infinity',
  negativeInfinity: '-Infinity',
  percentSymbol: '%',
  perMilleSymbol: '\u2030',
  currencySymbol: '\u00a4',
  currencyDecimalDigits: 2,
  currencyPositivePattern: 0,
  currencyNegativePattern: 0,
  numberDecimalDigits: 2,
  numberNegativePattern: 1,
  percentDecimalDigits: 2,
  percentPositivePattern: 0,
  percentNegativePattern: 0,
};

/** .NET's pattern tables: `n` the number, `$` the currency symbol, `%` the percent symbol, `-` the sign. */
export const CURRENCY_POSITIVE_PATTERNS = ['$n', 'n$', '$ n', 'n $'];
export const CURRENCY_NEGATIVE_PATTERNS = ['($n)', '-$n', '$-n', '$n-', '(n$)', '-n$', 'n-$', 'n$-', '-n $', '-$ n', 'n $-', '$ n-', '$ -n', 'n- $', '($ n)', '(n $)', '$- n'];
export const PERCENT_POSITIVE_PATTERNS = ['n %', 'n%', '%n', '% n'];
export const PERCENT_NEGATIVE_PATTERNS = ['-n %', '-n%', '-%n', '%-n', '%n-', 'n-%', 'n%-', '-% n', 'n %-', '% n-', '% -n', 'n- %'];
export const NUMBER_NEGATIVE_PATTERNS = ['(n)', '-n', '- n', 'n-', 'n -'];

/** Each region's currency (ISO 4217), for the currency symbol of a culture. */
const REGION_CURRENCIES = parseTable(
  'EUR:AD,AT,BE,CY,DE,EE,ES,FI,FR,GR,HR,IE,IT,LT,LU,LV,MC,ME,MT,NL,PT,SI,SK,SM,VA,XK,GF,GP,MQ,RE,YT,PM,BL,MF;' +
    'USD:US,EC,SV,PR,PA,TL,FM,MH,PW,VI,GU,AS,UM,IO,TC,VG,ZW;CHF:CH,LI;DKK:DK,FO,GL;NOK:NO,SJ,BV;AUD:AU,CX,CC,KI,NR,NF,TV;' +
    'NZD:NZ,CK,NU,PN,TK;GBP:GB,GG,JE,IM;XOF:BJ,BF,CI,GW,ML,NE,SN,TG;XAF:CM,CF,TD,CG,GQ,GA;INR:IN,BT;ZAR:ZA,LS,NA;' +
    'ISK:IS;JPY:JP;CNY:CN;SEK:SE;PLN:PL;CZK:CZ;HUF:HU;RON:RO;BGN:BG;RUB:RU;UAH:UA;TRY:TR;ILS:IL,PS;SAR:SA;AED:AE;' +
    'EGP:EG;NGN:NG;KES:KE;BRL:BR;ARS:AR;MXN:MX;CAD:CA;SGD:SG;HKD:HK;MOP:MO;TWD:TW;KRW:KR;THB:TH;VND:VN;IDR:ID;' +
    'MYR:MY;PHP:PH;PKR:PK;BDT:BD;LKR:LK;IRR:IR;IQD:IQ;KWD:KW;QAR:QA;BHD:BH;OMR:OM;JOD:JO;LBP:LB;SYP:SY;YER:YE;' +
    'MAD:MA,EH;DZD:DZ;TND:TN;LYD:LY;CLP:CL;COP:CO;PEN:PE;VES:VE;UYU:UY;PYG:PY;BOB:BO;CRC:CR;GTQ:GT;HNL:HN;NIO:NI;' +
    'DOP:DO;CUP:CU;JMD:JM;TTD:TT;RSD:RS;BAM:BA;MKD:MK;ALL:AL;BYN:BY;MDL:MD;KZT:KZ;GEL:GE;AMD:AM;AZN:AZ;UZS:UZ;' +
    'KGS:KG;TJS:TJ;TMT:TM;MNT:MN;NPR:NP;MMK:MM;KHR:KH;LAK:LA;ETB:ET;TZS:TZ;UGX:UG;GHS:GH;RWF:RW;SOS:SO;AFN:AF;' +
    'MVR:MV;BND:BN;MGA:MG;MUR:MU;SCR:SC;ZMW:ZM;MWK:MW;MZN:MZ;AOA:AO;BWP:BW;SZL:SZ;SDG:SD;ERN:ER;DJF:DJ;TOP:TO;WST:WS;FJD:FJ;PGK:PG',
);

/**
 * Where Logic Apps' documented output disagrees with ICU, the documented value wins: the docs'
 * `formatNumber(17.35, 'C2', 'is-IS')` gives `17,35 kr` while ICU's symbol is `kr.`.
 */
const CURRENCY_SYMBOL_OVERRIDES: Readonly<Record<string, string>> = { is: 'kr' };

function parseTable(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of text.split(';')) {
    const [currency, regions] = entry.split(':') as [string, string];
    for (const region of regions.split(',')) map.set(region, currency);
  }
  return map;
}

const cache = new Map<string, NumberCulture | undefined>();

/**
 * The culture for a name as `CultureInfo.GetCultureInfo` accepts it (any letter case); the empty
 * name is the invariant culture. `undefined` for a name that is not a known culture.
 */
export function getNumberCulture(name: string): NumberCulture | undefined {
  if (name === '' || name.toLowerCase() === 'iv' || name.toLowerCase() === 'invariant') return INVARIANT_CULTURE;
  const key = name.toLowerCase();
  if (cache.has(key)) return cache.get(key);
  const culture = deriveCulture(name);
  cache.set(key, culture);
  return culture;
}

function canonicalLocale(name: string): string | undefined {
  if (!/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/.test(name)) return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(name.replace(/_/g, '-'));
    if (canonical === undefined || Intl.NumberFormat.supportedLocalesOf([canonical]).length === 0) return undefined;
    return canonical;
  } catch {
    return undefined;
  }
}

/** Parts of a formatted number as a pattern: `n` for the number, spaces normalised, bidi marks dropped. */
function shapeOf(parts: Intl.NumberFormatPart[]): string {
  let shape = '';
  for (const part of parts) {
    switch (part.type) {
      case 'integer':
      case 'group':
      case 'decimal':
      case 'fraction':
      case 'nan':
      case 'infinity':
        if (!shape.endsWith('n')) shape += 'n';
        break;
      case 'minusSign':
        shape += '-';
        break;
      case 'percentSign':
        shape += '%';
        break;
      case 'currency':
        shape += '$';
        break;
      default:
        if (/^\s+$/.test(part.value)) shape += ' ';
    }
  }
  return shape;
}

function partValue(parts: Intl.NumberFormatPart[], type: string): string | undefined {
  return parts.find((p) => p.type === type)?.value;
}

function stripMarks(text: string): string {
  return text.replace(/[\u200e\u200f\u061c]/g, '');
}

function patternIndex(table: readonly string[], shape: string, fallback: number): number {
  const i = table.indexOf(shape);
  return i >= 0 ? i : fallback;
}

function groupSizesOf(parts: Intl.NumberFormatPart[]): number[] {
  const sizes = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
  if (sizes.length < 2) return [3];
  const primary = sizes[sizes.length - 1]!;
  const secondary = sizes.length >= 3 ? sizes[sizes.length - 2]! : primary;
  return secondary === primary ? [primary] : [primary, secondary];
}

function deriveCulture(name: string): NumberCulture | undefined {
  const locale = canonicalLocale(name);
  if (locale === undefined) return undefined;
  const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const big = plain.formatToParts(-1234567891.5);
  const plus = new Intl.NumberFormat(locale, { signDisplay: 'always' }).formatToParts(1);
  const percent = new Intl.NumberFormat(locale, { style: 'percent' });
  const currencyInfo = currencyOf(locale);
  return {
    name: locale,
    decimalSeparator: partValue(big, 'decimal') ?? '.',
    groupSeparator: partValue(big, 'group') ?? ',',
    groupSizes: groupSizesOf(big),
    negativeSign: partValue(big, 'minusSign') ?? '-',
    positiveSign: partValue(plus, 'plusSign') ?? '+',
    nanSymbol: stripMarks(plain.format(NaN)),
    positiveInfinity: stripMarks(plain.format(Infinity)),
    negativeInfinity: stripMarks(plain.format(-Infinity)),
    percentSymbol: partValue(percent.formatToParts(1), 'percentSign') ?? '%',
    perMilleSymbol: '\u2030',
    ...currencyInfo,
    numberDecimalDigits: 2,
    numberNegativePattern: patternIndex(NUMBER_NEGATIVE_PATTERNS, shapeOf(plain.formatToParts(-1)), 1),
    percentDecimalDigits: 2,
    percentPositivePattern: patternIndex(PERCENT_POSITIVE_PATTERNS, shapeOf(percent.formatToParts(1)), 0),
    percentNegativePattern: patternIndex(PERCENT_NEGATIVE_PATTERNS, shapeOf(percent.formatToParts(-1)), 0),
  };
}

type CurrencyInfo = Pick<NumberCulture, 'currencySymbol' | 'currencyDecimalDigits' | 'currencyPositivePattern' | 'currencyNegativePattern'>;

function currencyOf(locale: string): CurrencyInfo {
  const maximized = new Intl.Locale(locale).maximize();
  const code = maximized.region === undefined ? undefined : REGION_CURRENCIES.get(maximized.region);
  if (code === undefined) {
    return { currencySymbol: '\u00a4', currencyDecimalDigits: 2, currencyPositivePattern: 0, currencyNegativePattern: 1 };
  }
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
  const positive = nf.formatToParts(1.5);
  const symbol = CURRENCY_SYMBOL_OVERRIDES[maximized.language] ?? partValue(positive, 'currency') ?? code;
  return {
    currencySymbol: symbol,
    currencyDecimalDigits: nf.resolvedOptions().maximumFractionDigits ?? 2,
    currencyPositivePattern: patternIndex(CURRENCY_POSITIVE_PATTERNS, shapeOf(positive), 0),
    currencyNegativePattern: patternIndex(CURRENCY_NEGATIVE_PATTERNS, shapeOf(nf.formatToParts(-1.5)), 1),
  };
}
