/**
 * Role assignments of managed identities: which principal may call which scope (a path prefix
 * such as `/pipelines/v1.0/workspaces/ws`) in which role. Scopes compare ignoring case, as ARM
 * scopes do.
 */
export const name = 'role-assignments';

export const sql = `
CREATE TABLE role_assignments (
  principal_id  TEXT NOT NULL COLLATE NOCASE,
  scope         TEXT NOT NULL COLLATE NOCASE,
  role          TEXT NOT NULL COLLATE NOCASE,
  created_time  TEXT NOT NULL,
  PRIMARY KEY (principal_id, scope, role)
);
`;
