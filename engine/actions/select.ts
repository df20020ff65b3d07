/**
 * Select: `{"from": <array>, "select": <map>}` → `outputs.body` = one element per input element.
 * The map is an object whose values (and keys, which the designer lets users build from dynamic
 * content) are evaluated for each item, or a single expression producing plain values.
 */
import { mayBeExpression } from '../expressions/template.js';
import { setOwnMember } from '../expressions/json-parse.js';
import type { Value, ValueObject } from '../expressions/value.js';
import { badRequest, rawInput, requireFromArray, succeeded, textOf, typeName } from './action-support.js';
import type { ActionResult, PureActionContext, PureActionDescriptor } from './descriptor.js';

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

type Mapped = { value: ValueObject } | { failure: ActionResult };

function mapObject(ctx: PureActionContext, map: Record<string, unknown>, item: Value): Mapped {
  const out: ValueObject = {};
  for (const [rawKey, rawValue] of Object.entries(map)) {
    let key = rawKey;
    if (mayBeExpression(rawKey)) {
      const evaluated = ctx.evaluateWithItem(rawKey, item);
      const text = evaluated === null ? undefined : textOf(evaluated);
      if (text === undefined || 'error' in text) {
        return { failure: badRequest(`The key '${rawKey}' of the 'select' map of action '${ctx.name}' evaluated to a value of type '${typeName(evaluated)}'; a key must be text.`) };
      }
      key = text.text;
    }
    setOwnMember(out, key, ctx.evaluateWithItem(rawValue, item));
  }
  return { value: out };
}

function run(ctx: PureActionContext): ActionResult {
  const from = requireFromArray(ctx.inputs(), 'select');
  if (!Array.isArray(from)) return from;
  const map = rawInput(ctx, 'select');
  if (map === undefined) return badRequest(`The 'select' property of action '${ctx.name}' is missing: a Select needs a map.`);
  const body: Value[] = new Array<Value>(from.length);
  for (let i = 0; i < from.length; i++) {
    if (!isRecord(map)) {
      body[i] = ctx.evaluateWithItem(map, from[i]!);
      continue;
    }
    const mapped = mapObject(ctx, map, from[i]!);
    if ('failure' in mapped) return mapped.failure;
    body[i] = mapped.value;
  }
  return succeeded({ body });
}

export const selectAction: PureActionDescriptor = {
  type: 'Select',
  kind: 'pure',
  itemInputs: ['select'],
  run,
};
