import assert from 'node:assert/strict';
import { startApiServer, type ApiServer } from '../helpers/api-server.js';
import { call, dig } from '../helpers/http-json.js';

describe('management API: an action with secureData says so (secureInputs/secureOutputs markers)', function () {
  let server: ApiServer;

  before(async function () {
    server = await startApiServer();
  });
  after(async function () {
    await server.close();
  });

  it('marks hidden payloads and leaves the others unmarked', async function () {
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Hidden: { type: 'Compose', inputs: 'hush', runtimeConfiguration: { secureData: { properties: ['outputs'] } }, runAfter: {} },
        Open: { type: 'Compose', inputs: 'hello', runAfter: { Hidden: ['Succeeded'] } },
      },
    };
    assert.equal((await call(server.url, 'PUT', '/api/workflows/secretive', { definition })).status, 201);
    const fired = await call(server.url, 'POST', '/api/workflows/secretive/triggers/manual/run', {});
    const runId = String(fired.json['runId']);
    await server.engine.whenCompleted(runId);
    const actions = await call(server.url, 'GET', `/api/workflows/secretive/runs/${runId}/actions`);
    const byName = new Map((actions.json['value'] as { name: string }[]).map((a) => [a.name, a]));
    assert.equal(dig(byName.get('Hidden'), 'properties', 'secureOutputs'), true);
    assert.equal(dig(byName.get('Hidden'), 'properties', 'outputs'), undefined);
    assert.equal(dig(byName.get('Hidden'), 'properties', 'secureInputs'), undefined);
    assert.equal(dig(byName.get('Hidden'), 'properties', 'inputs'), 'hush');
    assert.equal(dig(byName.get('Open'), 'properties', 'secureOutputs'), undefined);
    assert.equal(dig(byName.get('Open'), 'properties', 'outputs'), 'hello');
    assert.doesNotMatch(actions.text, /"outputs":"hush"/);
  });
});
