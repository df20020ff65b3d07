/**
 * Collection functions (spec §7.2, sharpened by §11.7, §11.15, §11.27). Every function checks the
 * kinds it accepts: nothing is coerced and nothing silently becomes empty. Strings count UTF-16
 * code units, as .NET does. Binary and XML content are envelope objects, so only the functions
 * that accept objects (`contains`, `empty`, `union`, `intersection`) take them.
 */
import { getMember, isObject, kindOf, toText, type Value, type ValueObject } from '../value.js';
import { argArray, argIndex, argString, fail, failArg, ordinal, typeError } from './args.js';
import { fn, type CallContext, type FunctionDef } from './function-def.js';
import { checkTextLength } from './text-limit.js';
import { compareSameClass, orderClass, strictKey, type OrderClass } from './value-order.js';

const STRING_OR_ARRAY = 'an array or a string';

function stringOrArray(ctx: CallContext, args: Value[], index: number): string | Value[] {
  const v = args[index]!;
  if (typeof v !== 'string' && !Array.isArray(v)) typeError(ctx, index, STRING_OR_ARRAY, v);
  return v;
}

/** A count argument: a non-negative integer (counts beyond the safe range mean "everything"). */
function argCount(ctx: CallContext, args: Value[], index: number): number {
  const v = args[index]!;
  if (typeof v === 'bigint') {
    if (v < 0n) failArg(ctx, index, 'must not be negative', positiveDetail(ctx, index));
    return Number.MAX_SAFE_INTEGER;
  }
  const n = argIndex(ctx, args, index);
  if (n < 0) failArg(ctx, index, `must not be negative, got ${n}`, positiveDetail(ctx, index));
  return n;
}

function positiveDetail(ctx: CallContext, index: number): string {
  return `The template language function '${ctx.fn}' expects its ${ordinal(index)} parameter to be a positive integer.`;
}

/** Sets a member without ever touching the prototype (a key may be `__proto__`). */
function setMember(obj: ValueObject, key: string, value: Value): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function contains(args: Value[], ctx: CallContext): Value {
  const collection = args[0]!;
  const value = args[1]!;
  if (typeof collection === 'string') {
    if (typeof value !== 'string') typeError(ctx, 1, 'a string', value);
    return collection.includes(value);
  }
  if (Array.isArray(collection)) {
    const key = strictKey(value);
    return collection.some((item) => strictKey(item) === key);
  }
  if (isObject(collection)) {
    // Keys are strings, so no other kind can name one (the vectors expect false, not an error).
    return typeof value === 'string' && Object.prototype.hasOwnProperty.call(collection, value);
  }
  return typeError(ctx, 0, 'an array, an object or a string', collection);
}

function empty(args: Value[], ctx: CallContext): Value {
  const v = args[0]!;
  if (v === null) return true;
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return typeError(ctx, 0, 'an object, an array or a string', v);
}

/** `first`/`last`: of an empty string the empty string, of an empty array null. */
function edge(args: Value[], ctx: CallContext, last: boolean): Value {
  const c = stringOrArray(ctx, args, 0);
  if (c.length === 0) return typeof c === 'string' ? '' : null;
  const i = last ? c.length - 1 : 0;
  return typeof c === 'string' ? c.charAt(i) : c[i]!;
}

function take(args: Value[], ctx: CallContext): Value {
  const c = stringOrArray(ctx, args, 0);
  const count = argCount(ctx, args, 1);
  return c.slice(0, count);
}

function skip(args: Value[], ctx: CallContext): Value {
  const items = argArray(ctx, args, 0);
  const count = argCount(ctx, args, 1);
  return items.slice(count);
}

function chunk(args: Value[], ctx: CallContext): Value {
  const c = stringOrArray(ctx, args, 0);
  const size = argCount(ctx, args, 1);
  if (size === 0) failArg(ctx, 1, 'must be greater than zero', positiveDetail(ctx, 1));
  const out: Value[] = [];
  for (let i = 0; i < c.length; i += size) out.push(c.slice(i, i + size));
  return out;
}

function join(args: Value[], ctx: CallContext): Value {
  const items = args[0]!;
  const separator = args[1]!;
  if (!Array.isArray(items)) typeError(ctx, 0, 'an array', items);
  if (typeof separator !== 'string') typeError(ctx, 1, 'of type string', separator);
  let out = '';
  items.forEach((item, i) => {
    out += (i > 0 ? separator : '') + toText(item);
    checkTextLength(ctx, out.length);
  });
  return out;
}

function reverse(args: Value[], ctx: CallContext): Value {
  const items = args[0]!;
  if (!Array.isArray(items)) typeError(ctx, 0, 'of type array', items);
  return [...items].reverse();
}

// ---- union / intersection ----------------------------------------------------------------------

function sameKindArgs<T extends Value[] | ValueObject>(ctx: CallContext, args: Value[], is: (v: Value) => v is T): T[] {
  return args.map((arg, i) => {
    if (!is(arg)) {
      fail(
        ctx,
        `argument ${i + 1} must be of the same kind as argument 1 (${kindOf(args[0]!).toLowerCase()}), got ${kindOf(arg).toLowerCase()}`,
        `The template language function '${ctx.fn}' expects parameters of same type: all arrays or all objects. The provided value of the ${ordinal(i)} parameter is of type '${kindOf(arg)}'.`,
      );
    }
    return arg;
  });
}

const isArrayValue = (v: Value): v is Value[] => Array.isArray(v);

/** Dispatches on the first argument's kind; arrays and objects cannot be mixed. */
function setOperation(
  args: Value[],
  ctx: CallContext,
  onArrays: (lists: Value[][]) => Value,
  onObjects: (objs: ValueObject[]) => Value,
): Value {
  if (Array.isArray(args[0])) return onArrays(sameKindArgs(ctx, args, isArrayValue));
  if (isObject(args[0])) return onObjects(sameKindArgs(ctx, args, isObject));
  return typeError(ctx, 0, 'an array or an object', args[0]!);
}

function unionArrays(lists: Value[][]): Value {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const list of lists) {
    for (const item of list) {
      const key = strictKey(item);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
  }
  return out;
}

/** Every key at its first position, holding the value of the last object that has it. */
function unionObjects(objs: ValueObject[]): Value {
  const out: ValueObject = {};
  for (const obj of objs) for (const key of Object.keys(obj)) setMember(out, key, obj[key]!);
  return out;
}

function intersectArrays(lists: Value[][]): Value {
  const [first, ...rest] = lists as [Value[], ...Value[][]];
  const others = rest.map((list) => new Set(list.map(strictKey)));
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const item of first) {
    const key = strictKey(item);
    if (seen.has(key) || !others.every((set) => set.has(key))) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** The members of the first object that every other object has with an equal value. */
function intersectObjects(objs: ValueObject[]): Value {
  const [first, ...rest] = objs as [ValueObject, ...ValueObject[]];
  const out: ValueObject = {};
  for (const key of Object.keys(first)) {
    const value = first[key]!;
    const valueKey = strictKey(value);
    const inAll = rest.every((obj) => Object.prototype.hasOwnProperty.call(obj, key) && strictKey(obj[key]!) === valueKey);
    if (inAll) setMember(out, key, value);
  }
  return out;
}

// ---- sort --------------------------------------------------------------------------------------

function sortKeyOf(ctx: CallContext, item: Value, index: number, sortBy: string | undefined): Value {
  if (sortBy === undefined) return item;
  if (!isObject(item)) {
    fail(
      ctx,
      `element ${index} is ${kindOf(item).toLowerCase()}, not an object with a '${sortBy}' property`,
      `The template language function 'sort' expects every item of the collection to be an object when a sort key is given. The item at index ${index} is of type '${kindOf(item)}'.`,
    );
  }
  const key = getMember(item, sortBy);
  if (key === undefined) {
    fail(
      ctx,
      `element ${index} has no property '${sortBy}'`,
      `The template language function 'sort' could not find the sort key '${sortBy}' in the item at index ${index}.`,
    );
  }
  return key;
}

/** Stable ascending sort; every key must be a number, a string or a boolean, all of one class. */
function sort(args: Value[], ctx: CallContext): Value {
  const items = argArray(ctx, args, 0);
  const sortBy = args.length > 1 ? argString(ctx, args, 1) : undefined;
  const keyed = items.map((item, i) => ({ item, key: sortKeyOf(ctx, item, i, sortBy) }));
  let cls: OrderClass | undefined;
  let clsKind = '';
  keyed.forEach(({ key }, i) => {
    const c = orderClass(key);
    if (c === undefined || (cls !== undefined && c !== cls)) {
      const what = sortBy === undefined ? 'item' : `sort key '${sortBy}'`;
      fail(
        ctx,
        `cannot order ${kindOf(key).toLowerCase()} ${what} at index ${i}${cls ? ` among ${clsKind.toLowerCase()} values` : ''}`,
        `The template language function 'sort' cannot compare values of type '${cls ? clsKind : kindOf(key)}' and '${kindOf(key)}': only integers, floats, strings and booleans of one kind can be sorted.`,
      );
    }
    if (cls === undefined) {
      cls = c;
      clsKind = kindOf(key);
    }
  });
  keyed.sort((a, b) => compareSameClass(a.key, b.key));
  return keyed.map(({ item }) => item);
}

export const collectionFunctions: FunctionDef[] = [
  fn('contains', 2, 2, contains),
  fn('empty', 1, 1, empty),
  fn('first', 1, 1, (args, ctx) => edge(args, ctx, false)),
  fn('last', 1, 1, (args, ctx) => edge(args, ctx, true)),
  fn('length', 1, 1, (args, ctx) => stringOrArray(ctx, args, 0).length),
  fn('intersection', 2, Infinity, (args, ctx) => setOperation(args, ctx, intersectArrays, intersectObjects)),
  fn('union', 2, Infinity, (args, ctx) => setOperation(args, ctx, unionArrays, unionObjects)),
  fn('join', 2, 2, join),
  fn('reverse', 1, 1, reverse),
  fn('skip', 2, 2, skip),
  fn('take', 2, 2, take),
  fn('sort', 1, 2, sort),
  fn('chunk', 2, 2, chunk),
];
