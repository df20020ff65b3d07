/**
 * String functions (spec §7.1, sharpened by §11.14, §11.30–§11.33). Parameters that must be
 * strings accept only strings: nothing is converted, and null is not the empty string. Only
 * `concat` builds text from other kinds, with the interpolation rules (`toText`).
 * Searching (`indexOf`, `lastIndexOf`, `nthIndexOf`, `startsWith`, `endsWith`) ignores case the
 * ordinal .NET way; `replace` is case-sensitive; positions count UTF-16 code units, as .NET does.
 */
import { envelopeBytesStrict } from '../content.js';
import { isEnvelope, isInteger, toText, type Value } from '../value.js';
import { argIndex, argString, fail, failArg, typeError } from './args.js';
import {
  endsWithIgnoreCase,
  indexOfIgnoreCase,
  lastIndexOfIgnoreCase,
  startsWithIgnoreCase,
  toLowerInvariant,
  toUpperInvariant,
} from './dotnet-case.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';
import { formatGuid } from './guid-format.js';
import { checkTextLength } from './text-limit.js';

/** .NET `Char.IsWhiteSpace`: what `String.Trim()` removes (JavaScript's set differs at U+0085 and U+FEFF). */
const DOTNET_WHITESPACE = '\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM_PATTERN = new RegExp(`^[${DOTNET_WHITESPACE}]+|[${DOTNET_WHITESPACE}]+$`, 'g');

function concat(args: Value[], ctx: CallContext): Value {
  let out = '';
  for (const arg of args) {
    out += toText(arg);
    checkTextLength(ctx, out.length);
  }
  return out;
}

// Both search directions fold case once up front: simple mapping keeps every position.
function nthForward(text: string, search: string, n: number): number {
  if (search.length === 0) return n - 1 <= text.length ? n - 1 : -1;
  const t = toUpperInvariant(text);
  const s = toUpperInvariant(search);
  let pos = -1;
  for (let k = 0; k < n; k++) {
    pos = t.indexOf(s, pos + 1);
    if (pos < 0) return -1;
  }
  return pos;
}

/**
 * Counting from the end repeats .NET `LastIndexOf(search, start)` with `start` just before the
 * previous match, so a match must end before the previous one begins.
 */
function nthBackward(text: string, search: string, n: number): number {
  if (text.length === 0) return search.length === 0 && n === 1 ? 0 : -1;
  if (search.length === 0) return text.length - n >= 0 ? text.length - n : -1;
  const t = toUpperInvariant(text);
  const s = toUpperInvariant(search);
  let end = text.length - 1;
  let pos = -1;
  for (let k = 0; k < n; k++) {
    const latestStart = end - search.length + 1;
    pos = latestStart < 0 ? -1 : t.lastIndexOf(s, latestStart);
    if (pos < 0) return -1;
    end = pos - 1;
  }
  return pos;
}

function nthIndexOf(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  const search = argString(ctx, args, 1);
  const occurrence = args[2]!;
  if (!isInteger(occurrence)) typeError(ctx, 2, 'an integer', occurrence);
  if (occurrence === 0 || occurrence === 0n) {
    failArg(ctx, 2, 'must not be zero', `The template language function 'nthIndexOf' expects its third parameter 'occurrence' to be a non-zero integer.`);
  }
  // Beyond the safe range there are more occurrences asked for than any string can hold.
  if (typeof occurrence === 'bigint') return -1;
  return occurrence > 0 ? nthForward(text, search, occurrence) : nthBackward(text, search, -occurrence);
}

function replace(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  const oldText = argString(ctx, args, 1);
  const newText = argString(ctx, args, 2);
  if (oldText.length === 0) {
    failArg(
      ctx,
      1,
      'must not be empty',
      `The template language function 'replace' was invoked with an invalid second parameter: String cannot be of zero length. (Parameter 'oldValue')`,
    );
  }
  return text.split(oldText).join(newText);
}

/** `slice`: negative positions count from the end; out-of-range positions clamp; never an error. */
function slice(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  const len = text.length;
  let start = argIndex(ctx, args, 1);
  let end = args.length > 2 ? argIndex(ctx, args, 2) : len;
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start >= len || end <= start) return '';
  return text.slice(Math.max(0, start), Math.min(len, end));
}

function split(args: Value[], ctx: CallContext): Value {
  const text = args[0]!;
  const separator = args[1]!;
  if (typeof text !== 'string') typeError(ctx, 0, 'of type string', text);
  if (typeof separator !== 'string') typeError(ctx, 1, 'of type string', separator);
  // An empty separator splits nothing (.NET String.Split with an empty separator string).
  return separator.length === 0 ? [text] : text.split(separator);
}

const SUBSTRING_RANGE_DETAIL =
  "The template language function 'substring' parameters are out of range: 'start index' and 'length' must be non-negative integers and their sum must be no larger than the length of the string.";

function substring(args: Value[], ctx: CallContext): Value {
  const text = argString(ctx, args, 0);
  const start = argIndex(ctx, args, 1);
  const length = args.length > 2 ? argIndex(ctx, args, 2) : text.length - start;
  if (start < 0 || length < 0 || start + length > text.length) {
    fail(ctx, `start ${start} and length ${length} do not fit a string of length ${text.length}`, SUBSTRING_RANGE_DETAIL);
  }
  return text.slice(start, start + length);
}

function trim(args: Value[], ctx: CallContext): Value {
  const text = args[0]!;
  if (typeof text !== 'string') {
    typeError(ctx, 0, 'a string', text);
  }
  return text.replace(TRIM_PATTERN, '');
}

function guid(args: Value[], ctx: CallContext): Value {
  const format = args.length > 0 ? argString(ctx, args, 0) : 'D';
  const text = formatGuid(ctx.view.newGuid(), format);
  if (text === undefined) {
    failArg(
      ctx,
      0,
      `is not a GUID format: '${format}'`,
      `The template language function 'guid' expects its first parameter to be one of the formats 'D', 'N', 'B', 'P' or 'X'. The provided value '${format}' is not valid.`,
    );
  }
  return text;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Drops a leading byte order mark from text, or from the bytes of binary content. */
function trimByteOrderMark(args: Value[], ctx: CallContext): Value {
  const value = args[0]!;
  if (typeof value === 'string') return value.startsWith('\ufeff') ? value.slice(1) : value;
  if (isEnvelope(value)) {
    const bytes = envelopeBytesStrict(value);
    const bomLength = bytes.subarray(0, 3).equals(UTF8_BOM)
      ? 3
      : bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
        ? 2
        : 0;
    if (bomLength === 0) return value;
    return { ...value, $content: bytes.subarray(bomLength).toString('base64') };
  }
  return typeError(ctx, 0, 'a string or binary content', value);
}

export const stringFunctions: FunctionDef[] = [
  fn('concat', 1, Infinity, concat),
  fn('endsWith', 2, 2, (args, ctx) => endsWithIgnoreCase(argString(ctx, args, 0), argString(ctx, args, 1))),
  fn('startsWith', 2, 2, (args, ctx) => startsWithIgnoreCase(argString(ctx, args, 0), argString(ctx, args, 1))),
  fn('indexOf', 2, 2, (args, ctx) => indexOfIgnoreCase(argString(ctx, args, 0), argString(ctx, args, 1))),
  fn('lastIndexOf', 2, 2, (args, ctx) => lastIndexOfIgnoreCase(argString(ctx, args, 0), argString(ctx, args, 1))),
  fn('nthIndexOf', 3, 3, nthIndexOf),
  fn('replace', 3, 3, replace),
  fn('slice', 2, 3, slice),
  fn('split', 2, 2, split),
  fn('substring', 2, 3, substring),
  fn('toLower', 1, 1, (args, ctx) => toLowerInvariant(argString(ctx, args, 0))),
  fn('toUpper', 1, 1, (args, ctx) => toUpperInvariant(argString(ctx, args, 0))),
  fn('trim', 1, 1, trim),
  fn('guid', 0, 1, guid),
  fn('trimByteOrderMark', 1, 1, trimByteOrderMark),
];
