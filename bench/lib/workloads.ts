/**
 * The peers harness's two workloads (its `workloads/README.md`), generated here so Sluice-only
 * benches run on a clean clone without the harness: W1 "webhook echo" (a chain of actions each
 * deriving one field from the previous) and W2 "fan-out" (a Foreach with one transform per item),
 * with their request bodies and expected answers. `bench/workloads/w1.json` and `w2.json` are the
 * fixed-size definitions the peers table uses; the generators below make any length / item count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './sluice-server.js';

export const W1_BODY = { Name: 'data/file-0001.csv', Size: 123 };

/** `bench/workloads/<name>.json`, the definitions the side-by-side table measures. */
export function savedWorkload(name: 'w1' | 'w2'): unknown {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'bench', 'workloads', `${name}.json`), 'utf8')) as unknown;
}

/** The answer of the 10-step W1: the input plus step1..step10. */
export function w1Expected(): Record<string, unknown> {
  const out: Record<string, unknown> = { ...W1_BODY };
  let last = W1_BODY.Name;
  for (let k = 1; k <= 10; k++) { last = `${last}-${k}`; out[`step${k}`] = last; }
  return out;
}

/**
 * W1-shaped workflow of `length` sequential Compose actions (Step_k = Step_(k-1) + "-k") and a
 * Response returning the input and the last step. Returns the definition and its expected answer.
 */
export function w1OfLength(length: number): { definition: unknown; expected: unknown } {
  const actions: Record<string, unknown> = {};
  let previous: string | undefined;
  let last = W1_BODY.Name;
  for (let k = 1; k <= length; k++) {
    const name = `Step_${k}`;
    actions[name] = {
      type: 'Compose',
      inputs: previous === undefined ? `@concat(triggerBody()?['Name'], '-${k}')` : `@concat(outputs('${previous}'), '-${k}')`,
      runAfter: previous === undefined ? {} : { [previous]: ['Succeeded'] },
    };
    last = `${last}-${k}`;
    previous = name;
  }
  actions['Response'] = {
    type: 'Response',
    kind: 'Http',
    inputs: { statusCode: 200, body: { Name: "@triggerBody()?['Name']", Size: "@triggerBody()?['Size']", last: `@outputs('${previous!}')` } },
    runAfter: { [previous!]: ['Succeeded'] },
  };
  return {
    definition: { $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#', contentVersion: '1.0.0.0', triggers: requestTrigger(), actions, outputs: {} },
    expected: { ...W1_BODY, last },
  };
}

/** W2 as in `bench/workloads/w2.json`: Foreach over the body's items, Key = "processed/" + Name, answer {count}. */
export function w2Definition(): unknown {
  return savedWorkload('w2');
}

/** `{"items": [{"Name": "data/file-0000.csv", "Size": 0}, ...]}` with `count` items. */
export function w2Body(count: number): Buffer {
  const width = Math.max(4, String(count - 1).length);
  const items = Array.from({ length: count }, (_, i) => ({ Name: `data/file-${String(i).padStart(width, '0')}.csv`, Size: i }));
  return Buffer.from(JSON.stringify({ items }));
}

function requestTrigger(): unknown {
  return { manual: { type: 'Request', kind: 'Http', inputs: { method: 'POST', schema: { type: 'object', properties: { Name: { type: 'string' }, Size: { type: 'integer' } } } } } };
}
