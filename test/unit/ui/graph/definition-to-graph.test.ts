import assert from 'node:assert/strict';
import { definitionToGraph, edgeLabel, type Graph, type GraphNode, type WorkflowDefinition } from '../../../../ui/src/graph/index.js';

const node = (graph: Graph, id: string): GraphNode => {
  const found = graph.nodes.find((n) => n.id === id);
  assert.ok(found, `no node ${id}`);
  return found;
};

const definition: WorkflowDefinition = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Init: { type: 'InitializeVariable', inputs: {}, runAfter: {} },
    Check: {
      type: 'If',
      expression: { equals: [1, 1] },
      actions: { Yes: { type: 'Compose', inputs: 1 } },
      else: { actions: { No: { type: 'Compose', inputs: 2 } } },
      runAfter: { Init: ['Succeeded'] },
    },
    Route: {
      type: 'Switch',
      expression: '@variables(\'x\')',
      cases: { First: { case: 'a', actions: { InA: { type: 'Compose', inputs: 'a' } } }, Second: { case: 2, actions: {} } },
      runAfter: { Check: ['Succeeded'] },
    },
    Loop: {
      type: 'Foreach',
      foreach: '@range(0, 3)',
      actions: {
        Inner: { type: 'Scope', actions: { Deep: { type: 'Compose', inputs: 0 } } },
        After: { type: 'Compose', inputs: 1, runAfter: { Inner: ['Failed', 'TimedOut'] } },
      },
      runAfter: { Route: ['Succeeded'] },
    },
    Notify: { type: 'SendTelepathy', inputs: { mind: 'reader' }, runAfter: { Loop: ['Skipped'] } },
    Broken: 'not an object',
  },
};

describe('definitionToGraph', () => {
  it('makes one node for the trigger and one per action, parents before children', () => {
    const graph = definitionToGraph(definition);
    const actions = graph.nodes.filter((n) => n.id.startsWith('action:')).map((n) => n.data.name);
    assert.deepEqual(actions, ['Init', 'Check', 'Yes', 'No', 'Route', 'InA', 'Loop', 'Inner', 'Deep', 'After', 'Notify', 'Broken']);
    assert.equal(node(graph, 'trigger:manual').kind, 'trigger');
    const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
    for (const n of graph.nodes) if (n.parentId) assert.ok(index.get(n.parentId)! < index.get(n.id)!, n.id);
  });

  it('gives an If a True and a False lane holding the branch actions', () => {
    const graph = definitionToGraph(definition);
    assert.equal(node(graph, 'action:Check').kind, 'container');
    const lanes = graph.nodes.filter((n) => n.parentId === 'action:Check');
    assert.deepEqual(lanes.map((l) => [l.kind, l.label]), [['lane', 'True'], ['lane', 'False']]);
    assert.equal(node(graph, 'action:Yes').parentId, lanes[0]!.id);
    assert.equal(node(graph, 'action:No').parentId, lanes[1]!.id);
    assert.deepEqual(lanes[1]!.data.container, { kind: 'else', owner: 'Check' });
  });

  it('gives a Switch one lane per case plus a default lane, even when the default is absent', () => {
    const graph = definitionToGraph(definition);
    const lanes = graph.nodes.filter((n) => n.parentId === 'action:Route');
    assert.deepEqual(lanes.map((l) => l.label), ['First', 'Second', 'Default']);
    assert.equal(lanes[0]!.data.caseValue, 'a');
    assert.equal(lanes[1]!.data.caseValue, 2);
    assert.equal(node(graph, 'action:InA').parentId, lanes[0]!.id);
  });

  it('nests Foreach and Scope bodies as containers', () => {
    const graph = definitionToGraph(definition);
    assert.equal(node(graph, 'action:Loop').kind, 'container');
    assert.deepEqual(node(graph, 'action:Loop').data.body, { kind: 'actions', owner: 'Loop' });
    assert.equal(node(graph, 'action:Inner').parentId, 'action:Loop');
    assert.equal(node(graph, 'action:Deep').parentId, 'action:Inner');
    assert.deepEqual(node(graph, 'action:Deep').data.container, { kind: 'actions', owner: 'Inner' });
  });

  it('draws runAfter edges and labels those that run on anything but success', () => {
    const graph = definitionToGraph(definition);
    const edge = (s: string, t: string) => graph.edges.find((e) => e.source === s && e.target === t);
    assert.equal(edge('action:Init', 'action:Check')?.label, undefined);
    assert.equal(edge('action:Inner', 'action:After')?.label, 'Failed, TimedOut');
    assert.deepEqual(edge('action:Inner', 'action:After')?.statuses, ['Failed', 'TimedOut']);
    assert.equal(edge('action:Loop', 'action:Notify')?.label, 'Skipped');
  });

  it('links the trigger to the top-level actions with no runAfter only', () => {
    const graph = definitionToGraph(definition);
    const fromTrigger = graph.edges.filter((e) => e.kind === 'trigger').map((e) => e.target);
    assert.deepEqual(fromTrigger, ['action:Init', 'action:Broken']);
  });

  it('marks types outside the known list, and non-objects, as unknown but keeps their JSON', () => {
    const graph = definitionToGraph(definition, { knownTypes: ['compose', 'InitializeVariable', 'If', 'Switch', 'Foreach', 'Scope'] });
    assert.equal(node(graph, 'action:Notify').kind, 'unknown');
    assert.deepEqual(node(graph, 'action:Notify').data.json, { type: 'SendTelepathy', inputs: { mind: 'reader' }, runAfter: { Loop: ['Skipped'] } });
    assert.equal(node(graph, 'action:Broken').kind, 'unknown');
    assert.equal(node(graph, 'action:Yes').kind, 'action');
    assert.equal(definitionToGraph(definition).nodes.find((n) => n.id === 'action:Notify')?.kind, 'action');
  });

  it('marks collapsed containers only', () => {
    const graph = definitionToGraph(definition, { collapsed: ['Loop', 'Init'] });
    assert.equal(node(graph, 'action:Loop').collapsed, true);
    assert.equal(node(graph, 'action:Init').collapsed, undefined);
  });

  it('nests whatever an unknown type holds, found from the JSON shape', () => {
    const graph = definitionToGraph({ actions: { Agent: { type: 'Agent', tools: { Lookup: { actions: { Call: { type: 'Http' } } } } } } });
    const lane = graph.nodes.find((n) => n.kind === 'lane');
    assert.equal(lane?.label, 'Lookup');
    assert.equal(node(graph, 'action:Call').parentId, lane?.id);
  });

  it('does not throw on empty or odd definitions and drops edges to missing actions', () => {
    assert.deepEqual(definitionToGraph({}), { nodes: [], edges: [] });
    const graph = definitionToGraph({ actions: { A: { type: 'Compose', runAfter: { Ghost: ['Succeeded'] } } } });
    assert.equal(graph.edges.length, 0);
  });

  it('labels edges case-insensitively', () => {
    assert.equal(edgeLabel(['succeeded']), undefined);
    assert.equal(edgeLabel([]), undefined);
    assert.equal(edgeLabel(['Succeeded', 'Failed']), 'Succeeded, Failed');
  });
});
