/** A large workflow for designer benchmarks: sequences, parallel branches, If, Switch, Foreach and Scope nesting. */
import type { JsonObject, WorkflowDefinition } from '../../ui/src/graph/index.js';

export function buildWorkflow(target: number): WorkflowDefinition {
  const actions: JsonObject = {};
  let count = 0;
  let previous: string | undefined;
  const step = (name: string, action: JsonObject, into: JsonObject, after?: string): void => {
    action['runAfter'] = after === undefined ? {} : { [after]: ['Succeeded'] };
    into[name] = action;
    count++;
  };
  const compose = (i: number): JsonObject => ({ type: 'Compose', inputs: `@concat(string(${i}), body('Step_0'))` });
  for (let block = 0; count < target; block++) {
    const seq = `Step_${block}`;
    step(seq, { type: 'Compose', inputs: { n: block } }, actions, previous);
    const body: JsonObject = {};
    step(`Loop_${block}`, { type: 'Foreach', foreach: '@range(0, 3)', actions: body }, actions, seq);
    let inner: string | undefined;
    for (let i = 0; i < 4; i++) { step(`Loop_${block}_${i}`, compose(i), body, inner); inner = `Loop_${block}_${i}`; }
    const yes: JsonObject = {};
    const no: JsonObject = {};
    step(`Check_${block}`, { type: 'If', expression: { equals: [1, 1] }, actions: yes, else: { actions: no } }, actions, `Loop_${block}`);
    for (let i = 0; i < 2; i++) { step(`Yes_${block}_${i}`, compose(i), yes); step(`No_${block}_${i}`, compose(i), no); }
    const cases: JsonObject = {};
    for (let c = 0; c < 3; c++) { const a: JsonObject = {}; step(`Case_${block}_${c}`, compose(c), a); cases[`C${c}`] = { case: c, actions: a }; }
    step(`Route_${block}`, { type: 'Switch', expression: '@1', cases, default: { actions: {} } }, actions, `Check_${block}`);
    step(`Catch_${block}`, compose(0), actions, `Route_${block}`);
    (actions[`Catch_${block}`] as JsonObject)['runAfter'] = { [`Route_${block}`]: ['Failed', 'TimedOut'] };
    previous = `Catch_${block}`;
  }
  return { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions };
}
