import assert from 'node:assert/strict';
import type { PipelineDefinition, StepDefinition } from '../../../engine/pipelines/definition.js';
import { PipelineGraph } from '../../../engine/pipelines/graph.js';

const step = (...from: string[]): StepDefinition => ({
  runtime: 'python',
  script: 's.py',
  inputs: Object.fromEntries(from.map((f, i) => [`in${i}`, { step: f, output: 'o' }])),
  outputs: { o: {} },
});

const pipeline = (steps: PipelineDefinition['steps']): PipelineDefinition => ({ name: 'p', steps });
const diamond = pipeline({ join: step('left', 'right'), left: step('root'), right: step('root'), root: step(), other: step() });

describe('PipelineGraph', () => {
  it('upstream and downstream of a step', () => {
    const g = new PipelineGraph(diamond);
    assert.deepEqual(g.upstreamOf('join'), ['left', 'right']);
    assert.deepEqual(g.downstreamOf('root'), ['left', 'right']);
    assert.deepEqual([...g.ancestorsOf('join')].sort(), ['left', 'right', 'root']);
    assert.deepEqual([...g.descendantsOf('left')], ['join']);
    assert.deepEqual(g.roots(), ['root', 'other']);
  });

  it('orders producers before consumers, ties in definition order', () => {
    assert.deepEqual(new PipelineGraph(diamond).order(), ['root', 'left', 'right', 'join', 'other']);
  });

  it('ignores references to unknown steps and counts a step consumed twice once', () => {
    const g = new PipelineGraph(pipeline({ a: step('ghost'), b: step('a', 'a') }));
    assert.deepEqual(g.upstreamOf('a'), []);
    assert.deepEqual(g.upstreamOf('b'), ['a']);
    assert.deepEqual(g.order(), ['a', 'b']);
  });

  it('names cycles and refuses to order them', () => {
    const g = new PipelineGraph(pipeline({ a: step('c'), b: step('a'), c: step('b'), d: step('d'), e: step() }));
    assert.deepEqual(g.cycles(), [['a', 'b', 'c', 'a'], ['d', 'd']]);
    assert.throws(() => g.order(), /cycle: a → b → c → a/);
  });
});
