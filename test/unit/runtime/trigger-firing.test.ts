import assert from 'node:assert/strict';
import { planFiring, type FiringInput } from '../../../engine/runtime/trigger-firing.js';

const base = (node: Record<string, unknown>, body: unknown, extra: Partial<FiringInput> = {}): FiringInput => ({
  triggerName: 't',
  node,
  outputs: { headers: { 'x-source': 'test' }, body: body as never },
  parameters: { threshold: 10 },
  now: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('trigger firing: conditions, splitOn, tracking ids', function () {
  it('fires once when every condition holds', function () {
    const plan = planFiring(base({ conditions: [{ expression: "@greater(triggerBody()?['n'], parameters('threshold'))" }] }, { n: 11 }));
    assert.equal(plan.status, 'fire');
    assert.equal(plan.status === 'fire' && plan.items.length, 1);
  });

  it('skips, saying which condition failed and what it gave', function () {
    const plan = planFiring(base({ conditions: [{ expression: '@true' }, { expression: "@greater(triggerBody()?['n'], 10)" }] }, { n: 3 }));
    assert.deepEqual(plan, { status: 'skipped', reason: "condition 2 '@greater(triggerBody()?['n'], 10)' evaluated to False, not true" });
  });

  it('evaluates json-logic conditions over the trigger outputs', function () {
    const rule = { and: [{ '>': [{ var: 'body.size' }, 0] }, { in: ['.csv', { var: 'body.name' }] }] };
    assert.equal(planFiring(base({ conditions: [{ jsonLogic: rule }] }, { size: 5, name: 'a.csv' })).status, 'fire');
    const skipped = planFiring(base({ conditions: [{ jsonLogic: rule }] }, { size: 5, name: 'a.txt' }));
    assert.equal(skipped.status, 'skipped');
  });

  it('splits on an expression: one item per run, headers kept, body the element', function () {
    const plan = planFiring(base({ splitOn: "@triggerBody()?['rows']" }, { rows: [{ id: 1 }, { id: 2 }, { id: 3 }] }));
    assert.equal(plan.status, 'fire');
    if (plan.status !== 'fire') return;
    assert.deepEqual(plan.items.map((i) => i.outputs.body), [{ id: 1 }, { id: 2 }, { id: 3 }]);
    assert.deepEqual(plan.items[0]!.outputs.headers, { 'x-source': 'test' });
  });

  it('splits on a JSONPath over the trigger outputs', function () {
    const plan = planFiring(base({ splitOn: '$.body.orders[?(@.total > 100)]' }, { orders: [{ id: 'a', total: 50 }, { id: 'b', total: 150 }, { id: 'c', total: 200 }] }));
    assert.equal(plan.status, 'fire');
    assert.deepEqual(plan.status === 'fire' && plan.items.map((i) => (i.outputs.body as { id: string }).id), ['b', 'c']);
  });

  it('uses the default splitOn of the trigger type only when the definition has none', function () {
    const plan = planFiring(base({}, [{ Name: 'a' }, { Name: 'b' }], { defaultSplitOn: '@triggerBody()' }));
    assert.equal(plan.status === 'fire' && plan.items.length, 2);
  });

  it('fails clearly when splitOn does not select an array, and skips an empty one', function () {
    const bad = planFiring(base({ splitOn: "@triggerBody()?['rows']" }, { rows: 'nope' }));
    assert.equal(bad.status, 'failed');
    assert.match(bad.status === 'failed' ? bad.error.message : '', /must select an array; it selected string/);
    assert.equal(planFiring(base({ splitOn: "@triggerBody()?['rows']" }, { rows: [] })).status, 'skipped');
  });

  it('sets clientTrackingId from the request, the correlation expression, or per split item', function () {
    const fromHeader = planFiring(base({}, {}, { clientTrackingId: 'from-header' }));
    assert.equal(fromHeader.status === 'fire' && fromHeader.items[0]!.clientTrackingId, 'from-header');
    const correlated = planFiring(base({ correlation: { clientTrackingId: "@triggerBody()?['orderId']" } }, { orderId: 'o-7' }));
    assert.equal(correlated.status === 'fire' && correlated.items[0]!.clientTrackingId, 'o-7');
    const perItem = planFiring(base({ splitOn: "@triggerBody()?['rows']", splitOnConfiguration: { correlation: { clientTrackingId: "@triggerBody()?['id']" } } }, { rows: [{ id: 'x' }, { id: 'y' }] }));
    assert.deepEqual(perItem.status === 'fire' && perItem.items.map((i) => i.clientTrackingId), ['x', 'y']);
  });
});
