/**
 * Designer graph speed: builds a 200-action workflow (sequences, parallel branches, If, Switch,
 * Foreach and Scope nesting) and times definitionToGraph + layoutGraph, plus a rename (which parses
 * every expression). Prints milliseconds; asserts nothing. Goal (issue 6): opens in under a second.
 */
import { applyDesignerChanges, definitionToGraph, layoutGraph, type JsonObject, type WorkflowDefinition } from '../ui/src/graph/index.js';

function buildWorkflow(target: number): WorkflowDefinition {
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

function time(fn: () => unknown, rounds: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / rounds;
}

const definition = buildWorkflow(200);
const graph = definitionToGraph(definition);
const actionCount = graph.nodes.filter((n) => n.id.startsWith('action:')).length;
for (let i = 0; i < 5; i++) layoutGraph(definitionToGraph(definition)); // warm-up
const cold = time(() => layoutGraph(definitionToGraph(definition)), 1);
const toGraph = time(() => definitionToGraph(definition), 50);
const layout = time(() => layoutGraph(graph), 50);
const rename = time(() => applyDesignerChanges(definition, [{ kind: 'renameAction', from: 'Step_0', to: 'First' }]), 20);
console.log(`actions: ${actionCount}, nodes: ${graph.nodes.length}, edges: ${graph.edges.length}`);
console.log(`definitionToGraph: ${toGraph.toFixed(2)} ms`);
console.log(`layoutGraph:       ${layout.toFixed(2)} ms`);
console.log(`open (both, once): ${cold.toFixed(2)} ms`);
console.log(`rename (parses every expression): ${rename.toFixed(2)} ms`);
console.log(JSON.stringify({ bench: 'designer-graph', actions: actionCount, definitionToGraphMs: toGraph, layoutMs: layout, openMs: cold, renameMs: rename }));
