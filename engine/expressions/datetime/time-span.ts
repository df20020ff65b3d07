/**
 * .NET `TimeSpan` text: parsing (`TimeSpan.Parse`, invariant culture) and formatting with the
 * standard formats `c` (also `t`/`T`), `g`, `G` and custom patterns. A time span is a signed
 * 64-bit count of 100-ns ticks.
 */
import { INT64_MAX, INT64_MIN } from '../value.js';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from './date-time.js';

export class TimeSpanFormatError extends Error {}

// `d`, `[d.]hh:mm[:ss[.f]]`, or `d:hh:mm:ss[.f]` (a colon after the days needs the seconds).
const SPAN_PATTERN = /^\s*(-)?(?:(\d+)|(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d+))?)?|(\d+):(\d+):(\d+):(\d+)(?:\.(\d+))?)\s*$/;

/** Parses `[-]d`, `[-][d.]hh:mm[:ss[.fffffff]]` or `[-]d:hh:mm[:ss[.f]]`; `undefined` if invalid. */
export function parseTimeSpan(text: string): bigint | undefined {
  const m = SPAN_PATTERN.exec(text);
  if (!m) return undefined;
  const negative = m[1] === '-';
  let ticks: bigint;
  if (m[2] !== undefined) {
    ticks = BigInt(m[2]) * TICKS_PER_DAY;
  } else {
    const colonDays = m[8] !== undefined;
    const days = colonDays ? m[8] : m[3];
    const hours = Number(colonDays ? m[9] : m[4]);
    const minutes = Number(colonDays ? m[10] : m[5]);
    const secondsText = colonDays ? m[11] : m[6];
    const seconds = secondsText === undefined ? 0 : Number(secondsText);
    const fraction = (colonDays ? m[12] : m[7]) ?? '';
    if (hours > 23 || minutes > 59 || seconds > 59 || fraction.length > 7) return undefined;
    ticks =
      BigInt(days ?? '0') * TICKS_PER_DAY +
      BigInt(hours) * TICKS_PER_HOUR +
      BigInt(minutes) * TICKS_PER_MINUTE +
      BigInt(seconds) * TICKS_PER_SECOND +
      BigInt(fraction.padEnd(7, '0') || '0');
  }
  if (negative) ticks = -ticks;
  return ticks < INT64_MIN || ticks > INT64_MAX ? undefined : ticks;
}

interface SpanParts {
  negative: boolean;
  days: bigint;
  hours: number;
  minutes: number;
  seconds: number;
  fraction: number;
}

function spanParts(ticks: bigint): SpanParts {
  const negative = ticks < 0n;
  const abs = negative ? -ticks : ticks;
  const rest = abs % TICKS_PER_DAY;
  return {
    negative,
    days: abs / TICKS_PER_DAY,
    hours: Number(rest / TICKS_PER_HOUR),
    minutes: Number((rest / TICKS_PER_MINUTE) % 60n),
    seconds: Number((rest / TICKS_PER_SECOND) % 60n),
    fraction: Number(abs % TICKS_PER_SECOND),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');
const seven = (n: number): string => String(n).padStart(7, '0');

/** `TimeSpan.ToString()`, the constant format: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimeSpanConstant(ticks: bigint): string {
  const p = spanParts(ticks);
  const days = p.days > 0n ? `${p.days}.` : '';
  const fraction = p.fraction > 0 ? `.${seven(p.fraction)}` : '';
  return `${p.negative ? '-' : ''}${days}${two(p.hours)}:${two(p.minutes)}:${two(p.seconds)}${fraction}`;
}

/** Formats with a standard letter or a custom pattern; throws `TimeSpanFormatError` if invalid. */
export function formatTimeSpan(ticks: bigint, format: string, decimalSeparator: string): string {
  if (format === '' || format === 'c' || format === 't' || format === 'T') return formatTimeSpanConstant(ticks);
  const p = spanParts(ticks);
  const sign = p.negative ? '-' : '';
  if (format === 'g') {
    const days = p.days > 0n ? `${p.days}:` : '';
    const fraction = p.fraction > 0 ? decimalSeparator + seven(p.fraction).replace(/0+$/, '') : '';
    return `${sign}${days}${p.hours}:${two(p.minutes)}:${two(p.seconds)}${fraction}`;
  }
  if (format === 'G') {
    return `${sign}${p.days}:${two(p.hours)}:${two(p.minutes)}:${two(p.seconds)}${decimalSeparator}${seven(p.fraction)}`;
  }
  if (format.length === 1) throw new TimeSpanFormatError(`'${format}' is not a standard time span format`);
  return formatCustom(p, format);
}

function formatCustom(p: SpanParts, format: string): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    let count = 1;
    while (format[i + count] === ch) count++;
    switch (ch) {
      case 'd':
        if (count > 8) throw new TimeSpanFormatError('more than 8 day digits');
        out += p.days.toString().padStart(count, '0');
        break;
      case 'h': case 'm': case 's': {
        if (count > 2) throw new TimeSpanFormatError(`'${ch.repeat(count)}' is not a time span specifier`);
        const v = ch === 'h' ? p.hours : ch === 'm' ? p.minutes : p.seconds;
        out += String(v).padStart(count, '0');
        break;
      }
      case 'f': case 'F': {
        if (count > 7) throw new TimeSpanFormatError('more than 7 fraction digits');
        const digits = seven(p.fraction).slice(0, count);
        out += ch === 'f' ? digits : digits.replace(/0+$/, '');
        break;
      }
      case "'": case '"': {
        const end = format.indexOf(ch, i + 1);
        if (end < 0) throw new TimeSpanFormatError('a quoted literal is not closed');
        out += format.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      case '\\':
        if (i + 1 >= format.length) throw new TimeSpanFormatError("the format ends with '\\'");
        out += format[i + 1];
        i += 2;
        continue;
      case '%':
        if (i + 1 >= format.length || format[i + 1] === '%') throw new TimeSpanFormatError("'%' must precede a specifier");
        i += 1;
        continue;
      default:
        throw new TimeSpanFormatError(`'${ch}' must be quoted or escaped in a time span format`);
    }
    i += count;
  }
  return out;
}
