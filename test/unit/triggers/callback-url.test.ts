/**
 * Callback URL signatures and relative-path templates, without a server: what verification
 * accepts and refuses, and how request paths bind template parameters.
 */
import assert from 'node:assert/strict';
import { buildCallbackUrl, runPermission, signCallback, verifyCallback } from '../../../engine/triggers/callback-url.js';
import { matchRelativePath, readRequestTrigger } from '../../../engine/triggers/request-trigger-inputs.js';

const KEY = Buffer.alloc(32, 7);

describe('callback URL signatures', function () {
  const sp = runPermission('manual');
  const sig = signCallback(KEY, 'orders', sp);

  it('accepts its own signature; workflow names and sp match ignoring case', function () {
    assert.deepEqual(verifyCallback(KEY, 'orders', 'manual', { sp, sv: '1.0', sig }), { ok: true });
    assert.deepEqual(verifyCallback(KEY, 'ORDERS', 'MANUAL', { sp, sv: '1.0', sig }), { ok: true });
  });

  it('refuses every other key, workflow, trigger, version and malformed signature', function () {
    const refused = (check: ReturnType<typeof verifyCallback>) => (check.ok ? 'ok' : check.code);
    assert.equal(refused(verifyCallback(Buffer.alloc(32, 8), 'orders', 'manual', { sp, sv: '1.0', sig })), 'DirectApiInvalidAuthorizationSignature');
    assert.equal(refused(verifyCallback(undefined, 'orders', 'manual', { sp, sv: '1.0', sig })), 'DirectApiInvalidAuthorizationSignature');
    assert.equal(refused(verifyCallback(KEY, 'invoices', 'manual', { sp, sv: '1.0', sig })), 'DirectApiInvalidAuthorizationSignature');
    assert.equal(refused(verifyCallback(KEY, 'orders', 'other', { sp, sv: '1.0', sig })), 'DirectApiInvalidAuthorizationSignature');
    assert.equal(refused(verifyCallback(KEY, 'orders', 'manual', { sp, sv: '2.0', sig })), 'DirectApiInvalidAuthorizationSignature');
    assert.equal(refused(verifyCallback(KEY, 'orders', 'manual', { sp, sv: '1.0', sig: sig.slice(0, 20) })), 'DirectApiInvalidAuthorizationSignature');
    assert.equal(refused(verifyCallback(KEY, 'orders', 'manual', { sp, sv: '1.0', sig: `${sig}==` })), 'DirectApiInvalidAuthorizationSignature');
    assert.equal(refused(verifyCallback(KEY, 'orders', 'manual', { sp, sv: '1.0' })), 'DirectApiAuthorizationRequired');
    assert.equal(refused(verifyCallback(KEY, 'orders', 'manual', { sv: '1.0', sig })), 'DirectApiAuthorizationRequired');
  });

  it('builds the URL with the template in value and the signature in queries', function () {
    const url = buildCallbackUrl({ base: 'http://h:1', workflowName: 'orders', triggerName: 'manual', method: 'GET', relativePath: 'items/{id}/{part}.json', key: KEY });
    assert.equal(url.value, `http://h:1/workflows/orders/triggers/manual/paths/invoke/items/{id}/{part}.json?api-version=2016-10-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`);
    assert.deepEqual(url.relativePathParameters, ['id', 'part']);
  });
});

describe('request trigger inputs and relative paths', function () {
  it('binds whole and partial segments, decodes them, and matches literals ignoring case', function () {
    assert.deepEqual(matchRelativePath('address/{postalCode}', '/Address/98052%2F1'), { postalCode: '98052/1' });
    assert.deepEqual(matchRelativePath('items/{id}/{part}.json', '/items/7/head.json'), { id: '7', part: 'head' });
    assert.equal(matchRelativePath('items/{id}', '/items/7/extra'), undefined);
    assert.equal(matchRelativePath('items/{id}', '/items/'), undefined);
    assert.deepEqual(matchRelativePath(undefined, ''), {});
    assert.equal(matchRelativePath(undefined, '/x'), undefined);
  });

  it('reads method (default POST), relativePath and the operation options that apply', function () {
    const plain = readRequestTrigger({ type: 'Request', kind: 'Http' });
    assert.equal(plain.method, 'POST');
    assert.equal(plain.validateSchema, false);
    const full = readRequestTrigger({
      type: 'Request',
      inputs: { method: 'get', relativePath: '/a/{b}/', schema: { type: 'object' } },
      operationOptions: 'SuppressWorkflowHeadersOnResponse, enableschemavalidation',
      splitOn: "@triggerBody()?['rows']",
    });
    assert.deepEqual(
      [full.method, full.relativePath, full.validateSchema, full.suppressWorkflowHeaders, full.includeAuthorizationHeader, full.splitOn],
      ['GET', 'a/{b}', true, true, false, true],
    );
  });
});
