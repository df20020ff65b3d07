import assert from 'node:assert/strict';
import {
  instancePrincipal,
  nameBasedUuid,
  PrincipalDirectory,
  systemAssignedPrincipal,
  userAssignedPrincipal,
} from '../../../engine/identity/principals.js';

const TENANT = '8f0b4c1e-2d3a-4b5c-9d6e-7f8091a2b3c4';
const UAMI = '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uploader';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('principals', function () {
  it('computes RFC 9562 version 5 UUIDs (the RFC example: www.example.com in the DNS namespace)', function () {
    assert.equal(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives each workflow a stable system-assigned identity, ignoring the case of its name', function () {
    const a = systemAssignedPrincipal(TENANT, 'Orders');
    assert.match(a.principalId, UUID);
    assert.match(a.clientId, UUID);
    assert.notEqual(a.principalId, a.clientId);
    assert.equal(systemAssignedPrincipal(TENANT, 'orders').principalId, a.principalId);
    assert.notEqual(systemAssignedPrincipal(TENANT, 'invoices').principalId, a.principalId);
    assert.notEqual(systemAssignedPrincipal('another-tenant', 'Orders').principalId, a.principalId);
    assert.equal(a.kind, 'SystemAssigned');
    assert.equal(a.workflowName, 'Orders');
    assert.notEqual(instancePrincipal(TENANT).principalId, a.principalId);
  });

  it('maps a user-assigned identity resource id to one principal whatever the tenant or case', function () {
    const p = userAssignedPrincipal(UAMI);
    assert.equal(p.kind, 'UserAssigned');
    assert.equal(p.resourceId, UAMI);
    assert.equal(userAssignedPrincipal(UAMI.toLowerCase()).principalId, p.principalId);
    assert.notEqual(userAssignedPrincipal(UAMI.replace('uploader', 'reader')).principalId, p.principalId);
    assert.throws(() => userAssignedPrincipal('/subscriptions/1/resourceGroups/rg/providers/Microsoft.Web/sites/x'), /not the resource id of a user-assigned identity/);
  });

  it('resolves selectors and finds known principals by principal or client id', function () {
    const directory = new PrincipalDirectory(TENANT);
    assert.equal(directory.resolve({}).principalId, directory.instance.principalId);
    assert.equal(directory.resolve({ identity: 'SystemAssigned', workflowName: 'wf' }).principalId, systemAssignedPrincipal(TENANT, 'wf').principalId);
    const user = directory.resolve({ identity: UAMI, workflowName: 'wf' });
    assert.equal(user.principalId, userAssignedPrincipal(UAMI).principalId);
    assert.equal(directory.resolve({ principalId: user.principalId }).resourceId, UAMI);
    assert.equal(directory.resolve({ clientId: user.clientId.toUpperCase() }).resourceId, UAMI);
    const unknown = systemAssignedPrincipal(TENANT, 'never-seen').principalId;
    assert.throws(() => directory.resolve({ principalId: unknown }), (err: Error & { code?: string }) => err.code === 'NotFound');
    directory.registerWorkflow('never-seen');
    assert.equal(directory.resolve({ principalId: unknown }).workflowName, 'never-seen');
    assert.throws(() => directory.resolve({ identity: UAMI, clientId: user.clientId }), (err: Error & { code?: string }) => err.code === 'InvalidArgument');
  });
});
