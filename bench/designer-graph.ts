/**
 * Designer graph speed: builds a 200-action workflow (sequences, parallel branches, If, Switch,
 * Foreach and Scope nesting) and times definitionToGraph + layoutGraph, plus a rename (which parses
 * every expression). Prints milliseconds; asserts nothing. Goal (issue 6): opens in under a second.
 */
import { applyDesignerChanges, definitionToGraph, layoutGraph } from '../ui/src/graph/index.js';
import { buildWorkflow } from './lib/large-workflow.js';

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
