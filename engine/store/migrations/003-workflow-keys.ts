/**
 * Per-workflow access keys: the secret that signs a workflow's request-trigger callback URLs
 * (`sig`). One row per workflow, created on first need and replaced when the key is regenerated,
 * which invalidates every URL signed with the old key. The row goes with its workflow.
 */
export const name = 'workflow-keys';

export const sql = `
CREATE TABLE workflow_keys (
  workflow_name  TEXT NOT NULL COLLATE NOCASE PRIMARY KEY REFERENCES workflows(name) ON DELETE CASCADE,
  key            BLOB NOT NULL,
  created_time   TEXT NOT NULL
);
`;
