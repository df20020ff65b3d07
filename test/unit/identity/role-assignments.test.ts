import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeScope, RoleAssignments } from '../../../engine/identity/role-assignments.js';
import { SqliteStore } from '../../../engine/store/sqlite-store.js';

const P1 = '11111111-1111-5111-8111-111111111111';
const P2 = '22222222-2222-5222-8222-222222222222';

describe('RoleAssignments', function () {
  it('allows a scope and everything below it, whole segments only, ignoring case', function () {
    const roles = new RoleAssignments();
    roles.assign({ principalId: P1, scope: '/pipelines/v1.0/workspaces/ws/', role: 'Contributor' });
    assert.equal(roles.isAllowed(P1, '/pipelines/v1.0/workspaces/ws'), true);
    assert.equal(roles.isAllowed(P1, '/Pipelines/v1.0/Workspaces/WS/jobs/7'), true);
    assert.equal(roles.isAllowed(P1, '/pipelines/v1.0/workspaces/ws2'), false);
    assert.equal(roles.isAllowed(P1, '/pipelines/v1.0/workspaces'), false);
    assert.equal(roles.isAllowed(P2, '/pipelines/v1.0/workspaces/ws'), false);
    assert.equal(roles.isAllowed(P1.toUpperCase(), '/pipelines/v1.0/workspaces/ws/x'), true);
  });

  it('checks the role when one is asked for; the root scope covers everything', function () {
    const roles = new RoleAssignments();
    roles.assign({ principalId: P1, scope: '/a', role: 'Reader' });
    roles.assign({ principalId: P2, scope: '/', role: 'Owner' });
    assert.equal(roles.isAllowed(P1, '/a/b', 'reader'), true);
    assert.equal(roles.isAllowed(P1, '/a/b', 'Contributor'), false);
    assert.equal(roles.isAllowed(P2, '/anything/at/all', 'Owner'), true);
  });

  it('assigns once, revokes, lists, and refuses empty principals or roles', function () {
    const roles = new RoleAssignments();
    roles.assign({ principalId: P1, scope: 'a//b', role: 'Reader' });
    roles.assign({ principalId: P1, scope: '/A/B', role: 'reader' });
    assert.deepEqual(roles.list(P1), [{ principalId: P1, scope: '/a/b', role: 'Reader' }]);
    assert.equal(roles.revoke({ principalId: P1, scope: '/a/b/', role: 'READER' }), true);
    assert.equal(roles.revoke({ principalId: P1, scope: '/a/b', role: 'Reader' }), false);
    assert.equal(roles.isAllowed(P1, '/a/b'), false);
    assert.throws(() => roles.assign({ principalId: ' ', scope: '/', role: 'Reader' }), /principal id/);
    assert.throws(() => roles.assign({ principalId: P1, scope: '/', role: '' }), /role/);
    assert.equal(normalizeScope(''), '/');
  });

  it('keeps assignments in the store across a reopen', function () {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-roles-'));
    try {
      const path = join(dir, 'sluice.db');
      let store = new SqliteStore({ path });
      const roles = new RoleAssignments({ db: store.db });
      roles.assign({ principalId: P1, scope: '/pipelines/v1.0/workspaces/ws', role: 'Contributor' });
      roles.assign({ principalId: P2, scope: '/x', role: 'Reader' });
      roles.revoke({ principalId: P2, scope: '/x', role: 'Reader' });
      store.close();
      store = new SqliteStore({ path });
      const reopened = new RoleAssignments({ db: store.db });
      assert.deepEqual(reopened.list(), [{ principalId: P1, scope: '/pipelines/v1.0/workspaces/ws', role: 'Contributor' }]);
      assert.equal(reopened.isAllowed(P1, '/pipelines/v1.0/workspaces/ws/runs'), true);
      assert.equal(reopened.isAllowed(P2, '/x'), false);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
