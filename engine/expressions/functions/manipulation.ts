/**
 * JSON and XML manipulation functions (spec §7.9, sharpened by §11.9, §11.11, §11.17, §11.23,
 * §11.25). Property names match as member access does: the exactly-spelled key first, otherwise the
 * first key equal ignoring case. The object argument must be an object value; content envelopes
 * (binary, XML) are objects too, while JSON text is never parsed. Results are new objects.
 */
import { setOwnMember } from '../json-parse.js';
import { findKey, isXmlEnvelope, type Value, type ValueObject } from '../value.js';
import { parseEnvelope, xpathOnParsed } from '../xml/xml-value.js';
import { argObject, argString, failArg, typeError } from './args.js';
import { guarded } from './conversion.js';
import { fn, lazyFn, type CallContext, type FunctionDef } from './function-def.js';

function copyWithout(obj: ValueObject, skip: string | undefined): ValueObject {
  const out: ValueObject = {};
  for (const key of Object.keys(obj)) if (key !== skip) setOwnMember(out, key, obj[key]!);
  return out;
}

function addProperty(args: Value[], ctx: CallContext): Value {
  const obj = argObject(ctx, args, 0);
  const name = argString(ctx, args, 1);
  const existing = findKey(obj, name);
  if (existing !== undefined) {
    failArg(
      ctx,
      1,
      `names a property that already exists: '${existing}' (use setProperty to change it)`,
      `The template language function 'addProperty' expects the property '${name}' to not exist in the object. Use the 'setProperty' function to update an existing property.`,
    );
  }
  const out = copyWithout(obj, undefined);
  setOwnMember(out, name, args[2]!);
  return out;
}

/** The matched member moves to the end, keeping its spelling (§11.9). */
function setProperty(args: Value[], ctx: CallContext): Value {
  const obj = argObject(ctx, args, 0);
  const name = argString(ctx, args, 1);
  const existing = findKey(obj, name);
  const out = copyWithout(obj, existing);
  setOwnMember(out, existing ?? name, args[2]!);
  return out;
}

function removeProperty(args: Value[], ctx: CallContext): Value {
  const obj = argObject(ctx, args, 0);
  const name = argString(ctx, args, 1);
  return copyWithout(obj, findKey(obj, name));
}

/** Shallow merge: the first object's members in order, then the second's; the second wins a shared key. */
function mergeObjects(args: Value[], ctx: CallContext): Value {
  const first = argObject(ctx, args, 0);
  const second = argObject(ctx, args, 1);
  const out = copyWithout(first, undefined);
  for (const key of Object.keys(second)) setOwnMember(out, key, second[key]!);
  return out;
}

function xpath(args: Value[], ctx: CallContext): Value {
  const doc = args[0]!;
  if (!isXmlEnvelope(doc)) typeError(ctx, 0, 'an XML object', doc);
  const expression = argString(ctx, args, 1);
  const parsed = guarded(ctx, 0, () => parseEnvelope(doc));
  return guarded(ctx, 1, () => xpathOnParsed(parsed, expression));
}

export const manipulationFunctions: FunctionDef[] = [
  fn('addProperty', 3, 3, addProperty),
  fn('setProperty', 3, 3, setProperty),
  fn('removeProperty', 2, 2, removeProperty),
  lazyFn('coalesce', 1, Infinity, (thunks) => {
    for (const thunk of thunks) {
      const v = thunk();
      if (v !== null) return v;
    }
    return null;
  }),
  fn('xpath', 2, 2, xpath),
  fn('mergeObjects', 2, 2, mergeObjects),
];

