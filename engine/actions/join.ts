/**
 * Join: `{"from": <array>, "joinWith": "<separator>"}` → `outputs.body` = the elements as text
 * (the interpolation rules, as `join()` uses: `True`, nothing for null, compact JSON for objects)
 * separated by the separator.
 */
import { badRequest, failed, inputMember, MAX_TEXT_LENGTH, requireFromArray, succeeded, textOf, typeName } from './action-support.js';
import type { ActionResult, PureActionContext, PureActionDescriptor } from './descriptor.js';

function run(ctx: PureActionContext): ActionResult {
  const inputs = ctx.inputs();
  const from = requireFromArray(inputs, 'join');
  if (!Array.isArray(from)) return from;
  const separator = inputMember(inputs, 'joinWith');
  if (typeof separator !== 'string') {
    return badRequest(`The 'joinWith' property value in the 'join' action inputs is of type '${typeName(separator)}'. The value must be a string.`);
  }
  let out = '';
  for (let i = 0; i < from.length; i++) {
    const read = textOf(from[i]!);
    if ('error' in read) return badRequest(`The element at index ${i} of the 'from' array cannot be read as text: ${read.error}.`);
    out += i === 0 ? read.text : separator + read.text;
    if (out.length > MAX_TEXT_LENGTH) {
      return failed('ActionFailed', `The result of the 'join' action exceeds the maximum allowed length of ${MAX_TEXT_LENGTH} characters.`);
    }
  }
  return succeeded({ body: out });
}

export const joinAction: PureActionDescriptor = {
  type: 'Join',
  kind: 'pure',
  run,
};
