import assert from 'node:assert/strict';
import { responseAction } from '../../../engine/actions/response.js';
import { Float } from '../../../engine/expressions/value.js';
import { effectContext, recordingServices } from '../../helpers/fake-effect-context.js';

describe('Response action', function () {
  it('sends status, headers and body to the caller and records them as outputs', async function () {
    const services = recordingServices();
    const body = { id: 7, ratio: new Float(2) };
    const result = await responseAction.run({ statusCode: 201, headers: { 'X-Id': 7, 'Content-Type': 'application/json' }, body }, effectContext({ services, runId: 'r9', actionName: 'Reply' }));
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.code, 'OK');
    assert.deepEqual(services.responses, [{ runId: 'r9', response: { statusCode: 201, headers: { 'X-Id': '7', 'Content-Type': 'application/json' }, body } }]);
    assert.deepEqual(result.outputs, { statusCode: 201, headers: { 'X-Id': '7', 'Content-Type': 'application/json' }, body });
  });

  it('defaults the status to 200 and sends a null body when none is given', async function () {
    const services = recordingServices();
    const result = await responseAction.run({}, effectContext({ services }));
    assert.equal(result.status, 'Succeeded');
    assert.deepEqual(services.responses[0]!.response, { statusCode: 200, headers: {}, body: null });
    assert.deepEqual(result.outputs, { statusCode: 200, headers: {} });
  });

  it('accepts a status code written as text and matches inputs ignoring case', async function () {
    const services = recordingServices();
    const result = await responseAction.run({ StatusCode: '404', Body: 'missing' }, effectContext({ services }));
    assert.equal(result.status, 'Succeeded');
    assert.equal(services.responses[0]!.response.statusCode, 404);
    assert.equal(services.responses[0]!.response.body, 'missing');
  });

  for (const statusCode of [301, 302, 399]) {
    it(`refuses the redirection status ${statusCode} without sending anything`, async function () {
      const services = recordingServices();
      const result = await responseAction.run({ statusCode }, effectContext({ services }));
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'InvalidTemplate');
      assert.match(result.error!.message, /3xx/);
      assert.equal(services.responses.length, 0);
    });
  }

  for (const statusCode of [99, 600, 'abc', 200.5, true]) {
    it(`refuses the status code ${JSON.stringify(statusCode)}`, async function () {
      const result = await responseAction.run({ statusCode }, effectContext());
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'InvalidTemplate');
    });
  }

  it('refuses headers that are not an object', async function () {
    const result = await responseAction.run({ headers: 'x' }, effectContext());
    assert.equal(result.code, 'InvalidTemplate');
  });

  it('is Skipped with ActionResponseSkipped when nobody waits for the response', async function () {
    const result = await responseAction.run({ statusCode: 200 }, effectContext({ services: recordingServices({ respond: 'noCaller' }), actionName: 'Reply' }));
    assert.equal(result.status, 'Skipped');
    assert.equal(result.code, 'ActionResponseSkipped');
    assert.match(result.error!.message, /'Reply' is skipped/);
  });

  it('fails with ActionResponseTimedOut when the caller stopped waiting', async function () {
    const result = await responseAction.run({ statusCode: 200 }, effectContext({ services: recordingServices({ respond: 'timedOut' }) }));
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'ActionResponseTimedOut');
    assert.equal(result.retryable, false);
  });

  it('fails when a response was already sent', async function () {
    const result = await responseAction.run({ statusCode: 500 }, effectContext({ services: recordingServices({ respond: 'alreadySent' }) }));
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'ActionResponseAlreadySent');
  });
});
