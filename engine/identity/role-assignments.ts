/**
 * Role assignments: which principal may call which scope, in which role. A scope is a path such as
 * `/pipelines/v1.0/workspaces/ws`; an assignment covers its scope and everything below it (whole
 * segments: `/a/b` covers `/a/b/c`, not `/a/bc`), as Azure RBAC scopes do. Scopes and roles compare
 * ignoring case, as ARM's do.
 *
 * Held in memory for fast checks; with a SQLite database (the store's) every change is written
 * through to the `role_assignments` table and the table is read back on construction.
 */
import { DefinitionError } from '../errors.js';
import type { SqliteDatabase } from '../store/database.js';

export interface RoleAssignment {
  principalId: string;
  scope: string;
  role: string;
}

export interface RoleAssignmentsOptions {
  /** Persist to this database (migrated to version 2 or later); in memory only when absent. */
  db?: SqliteDatabase;
  now?: () => string;
}

/** `/a/b/` and `a//b` both become `/a/b`; the root is `/`. */
export function normalizeScope(scope: string): string {
  const segments = scope.split('/').filter((s) => s !== '');
  return `/${segments.join('/')}`;
}

function covers(assigned: string, requested: string): boolean {
  const a = assigned.toLowerCase();
  const r = requested.toLowerCase();
  return a === '/' || r === a || r.startsWith(`${a}/`);
}

function keyOf(a: RoleAssignment): string {
  return `${a.principalId.toLowerCase()}\n${a.scope.toLowerCase()}\n${a.role.toLowerCase()}`;
}

function checked(assignment: RoleAssignment): RoleAssignment {
  const principalId = assignment.principalId.trim();
  const role = assignment.role.trim();
  if (principalId === '') throw new DefinitionError('InvalidArgument', 'A role assignment needs a principal id.');
  if (role === '') throw new DefinitionError('InvalidArgument', 'A role assignment needs a role.');
  return { principalId, scope: normalizeScope(assignment.scope), role };
}

export class RoleAssignments {
  private readonly assignments = new Map<string, RoleAssignment>();
  private readonly db: SqliteDatabase | undefined;
  private readonly now: () => string;

  constructor(options: RoleAssignmentsOptions = {}) {
    this.db = options.db;
    this.now = options.now ?? (() => new Date().toISOString());
    if (this.db === undefined) return;
    const rows = this.db.prepare('SELECT principal_id AS principalId, scope, role FROM role_assignments ORDER BY created_time, rowid').all() as RoleAssignment[];
    for (const row of rows) this.assignments.set(keyOf(row), row);
  }

  /** Grants `role` on `scope` (and below) to the principal; granting twice is one assignment. */
  assign(assignment: RoleAssignment): RoleAssignment {
    const a = checked(assignment);
    const key = keyOf(a);
    const existing = this.assignments.get(key);
    if (existing !== undefined) return existing;
    this.db
      ?.prepare('INSERT OR IGNORE INTO role_assignments (principal_id, scope, role, created_time) VALUES (?, ?, ?, ?)')
      .run(a.principalId, a.scope, a.role, this.now());
    this.assignments.set(key, a);
    return a;
  }

  /** Removes one assignment; true when it existed. */
  revoke(assignment: RoleAssignment): boolean {
    const a = checked(assignment);
    const key = keyOf(a);
    if (!this.assignments.has(key)) return false;
    this.db?.prepare('DELETE FROM role_assignments WHERE principal_id = ? AND scope = ? AND role = ?').run(a.principalId, a.scope, a.role);
    this.assignments.delete(key);
    return true;
  }

  /** Every assignment, or those of one principal. */
  list(principalId?: string): RoleAssignment[] {
    const all = [...this.assignments.values()];
    if (principalId === undefined) return all;
    const wanted = principalId.trim().toLowerCase();
    return all.filter((a) => a.principalId.toLowerCase() === wanted);
  }

  /**
   * Whether the principal may call `scope`: some assignment of it covers the scope, in `role` when
   * one is named (any role otherwise).
   */
  isAllowed(principalId: string, scope: string, role?: string): boolean {
    const requested = normalizeScope(scope);
    const wantedRole = role?.trim().toLowerCase();
    return this.list(principalId).some((a) => covers(a.scope, requested) && (wantedRole === undefined || a.role.toLowerCase() === wantedRole));
  }
}
