import assert from 'node:assert/strict';
import {
  absoluteBoxes,
  boundsOf,
  DEFAULT_LAYOUT,
  definitionToGraph,
  fitView,
  layoutGraph,
  type WorkflowDefinition,
} from '../../../../ui/src/graph/index.js';

const definition: WorkflowDefinition = {
  triggers: { manual: { type: 'Request' } },
  actions: {
    A: { type: 'Compose', runAfter: {} },
    B: { type: 'Compose', runAfter: { A: ['Succeeded'] } },
    C: { type: 'Compose', runAfter: { A: ['Succeeded'] } },
    D: { type: 'Compose', runAfter: { B: ['Succeeded'], C: ['Failed'] } },
    Check: {
      type: 'If',
      actions: { Y1: { type: 'Compose' }, Y2: { type: 'Compose', runAfter: { Y1: ['Succeeded'] } } },
      else: { actions: {} },
      runAfter: { D: ['Succeeded'] },
    },
    Loop: { type: 'Foreach', actions: { L1: { type: 'Compose' } }, runAfter: { Check: ['Succeeded'] } },
  },
};

describe('layoutGraph', () => {
  const graph = definitionToGraph(definition);
  const layout = layoutGraph(graph);
  const box = (id: string) => layout.boxes.get(id)!;

  it('puts the trigger on top and every action below what it runs after', () => {
    assert.ok(box('trigger:manual').y < box('action:A').y);
    assert.ok(box('action:A').y < box('action:B').y);
    assert.equal(box('action:B').y, box('action:C').y);
    assert.ok(box('action:B').y < box('action:D').y);
    assert.ok(box('action:D').y + box('action:D').height <= box('action:Check').y);
    assert.ok(box('action:Check').y + box('action:Check').height <= box('action:Loop').y);
  });

  it('sets parallel branches side by side without overlap', () => {
    assert.ok(box('action:B').x + box('action:B').width <= box('action:C').x);
  });

  it('sizes containers by their content and puts lanes side by side', () => {
    const laneTrue = box('lane:actions:Check');
    const laneFalse = box('lane:else:Check');
    assert.equal(laneTrue.y, laneFalse.y);
    assert.equal(laneTrue.height, laneFalse.height);
    assert.ok(laneTrue.x + laneTrue.width <= laneFalse.x);
    assert.ok(box('action:Check').width >= laneTrue.width + laneFalse.width);
    assert.ok(box('action:Y1').y < box('action:Y2').y);
    assert.ok(box('action:Y2').y + box('action:Y2').height <= laneTrue.height);
    assert.ok(box('action:Loop').height > DEFAULT_LAYOUT.card.height);
  });

  it('gives collapsed containers a fixed size and hides their content', () => {
    const collapsed = layoutGraph(definitionToGraph(definition, { collapsed: ['Check'] }));
    assert.equal(collapsed.boxes.get('action:Check')!.width, DEFAULT_LAYOUT.collapsed.width);
    assert.equal(collapsed.boxes.get('action:Check')!.height, DEFAULT_LAYOUT.collapsed.height);
    assert.equal(collapsed.boxes.get('action:Y1')!.hidden, true);
    assert.equal(collapsed.boxes.get('lane:else:Check')!.hidden, true);
    assert.equal(collapsed.boxes.get('action:Loop')!.hidden, false);
  });

  it('is deterministic', () => {
    assert.deepEqual([...layoutGraph(definitionToGraph(definition)).boxes], [...layout.boxes]);
  });

  it('lays out runAfter cycles without looping forever', () => {
    const cyclic = layoutGraph(definitionToGraph({ actions: { X: { type: 'Compose', runAfter: { Y: [] } }, Y: { type: 'Compose', runAfter: { X: [] } } } }));
    assert.equal(cyclic.boxes.size, 2);
  });

  it('keeps no two top-level boxes overlapping', () => {
    const top = graph.nodes.filter((n) => n.parentId === undefined).map((n) => box(n.id));
    for (const a of top) {
      for (const b of top) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`);
      }
    }
  });
});

describe('viewport', () => {
  it('turns parent-relative boxes into canvas boxes', () => {
    const graph = definitionToGraph(definition);
    const layout = layoutGraph(graph);
    const abs = absoluteBoxes(graph, layout);
    const lane = layout.boxes.get('lane:actions:Check')!;
    const check = abs.get('action:Check')!;
    const y1 = layout.boxes.get('action:Y1')!;
    assert.equal(abs.get('action:Y1')!.x, check.x + lane.x + y1.x);
    assert.equal(abs.get('action:Y1')!.y, check.y + lane.y + y1.y);
    const bounds = boundsOf(abs.values());
    assert.equal(bounds.width, layout.width);
    assert.equal(bounds.height, layout.height);
  });

  it('fits content centred on the screen, within the zoom limits', () => {
    const view = fitView({ x: 0, y: 0, width: 2000, height: 1000 }, { width: 1000, height: 1000 }, { padding: 0 });
    assert.equal(view.zoom, 0.5);
    assert.equal(view.x, 0);
    assert.equal(view.y, 250);
    assert.equal(fitView({ x: 0, y: 0, width: 10, height: 10 }, { width: 1000, height: 1000 }).zoom, 1);
    assert.equal(fitView({ x: 0, y: 0, width: 1e6, height: 10 }, { width: 1000, height: 1000 }, { minZoom: 0.2 }).zoom, 0.2);
    assert.deepEqual(boundsOf([]), { x: 0, y: 0, width: 0, height: 0 });
  });
});
