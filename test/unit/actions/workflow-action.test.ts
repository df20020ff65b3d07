import assert from 'node:assert/strict';
import type { Value } from '../../../engine/expressions/value.js';
import type { RunResponse } from '../../../engine/interpreter/run-state.js';
import { workflowAction, workflowNameFromId } from '../../../engine/actions/workflow-action.js';
import { DefinitionError } from '../../../engine/errors.js';
import { effectContext, recordingServices } from '../../helpers/fake-effect-context.js';

const CHILD_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Logic/workflows/child';

function answering(response: RunResponse) {
  return recordingServices({ invoke: () => Promise.resolve(response) });
}

describe('Workflow action', function () {
  it('takes the workflow name from a resource id or a plain name', function () {
    assert.equal(workflowNameFromId(CHILD_ID), 'child');
    assert.equal(workflowNameFromId(`${CHILD_ID}/`), 'child');
    assert.equal(workflowNameFromId('child'), 'child');
    assert.equal(workflowNameFromId('/Workflows/Other'), 'Other');
  });

  it("calls the child through its trigger and records the child's Response", async function () {
    const services = answering({ statusCode: 200, headers: { 'x-child': 'yes' }, body: { total: 3 } });
    const result = await workflowAction.run(
      { host: { workflow: { id: CHILD_ID }, triggerName: 'manual' }, headers: { 'x-n': 5 }, body: { items: [1, 2, 3] } },
      effectContext({ services, runId: 'parent-run' }),
    );
    assert.deepEqual(services.invocations, [{ workflow: 'child', trigger: 'manual', headers: { 'x-n': '5' }, body: { items: [1, 2, 3] }, parentRunId: 'parent-run' }]);
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.code, 'OK');
    assert.deepEqual(result.outputs, { statusCode: 200, headers: { 'x-child': 'yes' }, body: { total: 3 } });
  });

  it('accepts the id directly under host, as one doc sample writes it', async function () {
    const services = answering({ statusCode: 202, headers: {}, body: null });
    const result = await workflowAction.run({ host: { id: 'child', triggerName: 'manual' } }, effectContext({ services }));
    assert.equal(services.invocations[0]!.workflow, 'child');
    assert.equal(services.invocations[0]!.body, null);
    assert.equal(result.code, 'Accepted');
    assert.deepEqual(result.outputs, { statusCode: 202, headers: {} });
  });

  it('fails with the status name when the child responds 4xx, not retryable', async function () {
    const result = await workflowAction.run({ host: { workflow: { id: 'child' }, triggerName: 'manual' } }, effectContext({ services: answering({ statusCode: 404, headers: {}, body: { error: 'none' } }) }));
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'NotFound');
    assert.equal(result.retryable, false);
    assert.deepEqual((result.outputs as { body: unknown }).body, { error: 'none' });
  });

  it('fails retryably when the child responds 5xx or 429', async function () {
    for (const [statusCode, code] of [[500, 'InternalServerError'], [503, 'ServiceUnavailable'], [429, 'TooManyRequests']] as const) {
      const result = await workflowAction.run({ host: { workflow: { id: 'child' }, triggerName: 'manual' } }, effectContext({ services: answering({ statusCode, headers: {}, body: null }) }));
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, code);
      assert.equal(result.retryable, true);
    }
  });

  it('reports a failure to start the child with its code', async function () {
    const services = recordingServices({ invoke: () => Promise.reject(new DefinitionError('InvalidArgument', "the workflow 'ghost' does not exist")) });
    const result = await workflowAction.run({ host: { workflow: { id: 'ghost' }, triggerName: 'manual' } }, effectContext({ services }));
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'InvalidArgument');
    assert.match(result.error!.message, /ghost/);
    assert.equal(result.retryable, false);
  });

  it('is Cancelled when the signal fires while the child runs', async function () {
    const controller = new AbortController();
    const services = recordingServices({ invoke: () => new Promise<RunResponse>(() => undefined) });
    const pending = workflowAction.run({ host: { workflow: { id: 'child' }, triggerName: 'manual' } }, effectContext({ services, signal: controller.signal }));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await pending;
    assert.equal(result.status, 'Cancelled');
  });

  const invalid: Array<[string, Value]> = [
    ['no host', {}],
    ['no workflow id', { host: { triggerName: 'manual' } }],
    ['no trigger name', { host: { workflow: { id: 'child' } } }],
    ['headers not an object', { host: { workflow: { id: 'child' }, triggerName: 'manual' }, headers: [1] }],
  ];
  for (const [label, inputs] of invalid) {
    it(`fails with InvalidTemplate on ${label}, without calling anything`, async function () {
      const services = recordingServices();
      const result = await workflowAction.run(inputs, effectContext({ services }));
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'InvalidTemplate');
      assert.equal(services.invocations.length, 0);
    });
  }
});
