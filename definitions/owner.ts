/**
 * Names the trigger, action, parameter or output a pointer lies in, so messages can say
 * "in action 'Send_mail'" without each check tracking its own context.
 */
import { parsePointer } from './json-pointer.js';

export function ownerOf(pointer: string): string | undefined {
  const tokens = parsePointer(pointer);
  let owner: string | undefined;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (i === 0 && (t === 'triggers' || t === 'parameters' || t === 'outputs' || t === 'staticResults')) {
      const kind = { triggers: 'trigger', parameters: 'parameter', outputs: 'output', staticResults: 'static result' }[t];
      owner = `${kind} '${tokens[i + 1]}'`;
      i++;
    } else if (t === 'actions' && (i === 0 || tokens[i - 1] !== 'inputs')) {
      owner = `action '${tokens[i + 1]}'`;
      i++;
    }
  }
  return owner;
}

/** ` (in action 'X')`, or nothing when the pointer is outside every named thing. */
export function inOwner(pointer: string): string {
  const owner = ownerOf(pointer);
  return owner ? ` (in ${owner})` : '';
}
