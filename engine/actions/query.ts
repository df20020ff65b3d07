/**
 * Query ("Filter array"): `{"from": <array>, "where": "@<condition on item()>"}` → `outputs.body`
 * = the items for which `where` is true, in order (an empty array when none is).
 */
import { toText, type Value } from '../expressions/value.js';
import { badRequest, rawInput, requireFromArray, succeeded, typeName } from './action-support.js';
import type { PureActionContext, PureActionDescriptor } from './descriptor.js';

function whereText(raw: unknown): string {
  return typeof raw === 'string' ? raw : toText(raw as Value);
}

function run(ctx: PureActionContext) {
  const from = requireFromArray(ctx.inputs(), 'query');
  if (!Array.isArray(from)) return from;
  const where = rawInput(ctx, 'where');
  if (where === undefined) return badRequest(`The 'where' property of action '${ctx.name}' is missing: a Query needs a condition.`);
  const kept: Value[] = [];
  for (let i = 0; i < from.length; i++) {
    const item = from[i]!;
    const verdict = ctx.evaluateWithItem(where, item);
    if (typeof verdict !== 'boolean') {
      return badRequest(
        `The 'where' expression '${whereText(where)}' of the 'query' action must evaluate to a boolean; ` +
          `for the item at index ${i} it returned a value of type '${typeName(verdict)}'.`,
      );
    }
    if (verdict) kept.push(item);
  }
  return succeeded({ body: kept });
}

export const queryAction: PureActionDescriptor = {
  type: 'Query',
  kind: 'pure',
  itemInputs: ['where'],
  run,
};
