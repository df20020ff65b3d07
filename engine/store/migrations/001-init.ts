/**
 * The first schema. Kept as a TypeScript string so that tsc carries it into dist/ with the code
 * that applies it. Names compare ignoring case (Logic Apps resource names do); JSON columns hold
 * the text `toJsonText` writes, so 64-bit integers and integral floats read back exactly.
 */
export const name = 'init';

export const sql = `
CREATE TABLE workflows (
  name          TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
  version       INTEGER NOT NULL,
  state         TEXT NOT NULL,
  created_time  TEXT NOT NULL,
  changed_time  TEXT NOT NULL
);

CREATE TABLE workflow_versions (
  name          TEXT NOT NULL COLLATE NOCASE REFERENCES workflows(name) ON DELETE CASCADE,
  version       INTEGER NOT NULL,
  definition    TEXT NOT NULL,
  parameters    TEXT NOT NULL,
  state         TEXT NOT NULL,
  saved_time    TEXT NOT NULL,
  PRIMARY KEY (name, version)
);

-- Runs do not reference workflows: a local run (sluice run) stores a run without saving its
-- workflow, and deleteWorkflow removes runs explicitly.
CREATE TABLE runs (
  run_id             TEXT NOT NULL PRIMARY KEY,
  workflow_name      TEXT NOT NULL COLLATE NOCASE,
  workflow_version   INTEGER NOT NULL,
  status             TEXT NOT NULL,
  start_time         TEXT NOT NULL,
  end_time           TEXT,
  trigger_name       TEXT NOT NULL,
  error              TEXT,
  outputs            TEXT,
  client_tracking_id TEXT,
  state              TEXT NOT NULL
);
CREATE INDEX runs_by_workflow ON runs (workflow_name, start_time DESC, run_id DESC);
CREATE INDEX runs_by_workflow_status ON runs (workflow_name, status, start_time DESC, run_id DESC);
CREATE INDEX runs_active ON runs (run_id) WHERE status = 'Running';
CREATE INDEX runs_ended ON runs (end_time) WHERE status <> 'Running';

CREATE TABLE run_events (
  run_id  TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  seq     INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  at      TEXT NOT NULL,
  event   TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);

-- rep_order is the repetition as fixed-width hex (8 digits per loop index), so that text order is
-- numeric order: [2] sorts before [10], and [] before [0].
CREATE TABLE action_executions (
  run_id             TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  key                TEXT NOT NULL,
  attempt            INTEGER NOT NULL,
  name               TEXT NOT NULL,
  type               TEXT NOT NULL,
  repetition         TEXT NOT NULL,
  rep_order          TEXT NOT NULL,
  status             TEXT NOT NULL,
  code               TEXT,
  inputs             TEXT,
  outputs            TEXT,
  error              TEXT,
  start_time         TEXT,
  end_time           TEXT,
  tracked_properties TEXT,
  secure_inputs      INTEGER NOT NULL DEFAULT 0,
  secure_outputs     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, key, attempt)
);
CREATE INDEX action_executions_by_name ON action_executions (run_id, name, rep_order, attempt);

CREATE TABLE trigger_histories (
  id             TEXT NOT NULL PRIMARY KEY,
  workflow_name  TEXT NOT NULL COLLATE NOCASE,
  trigger_name   TEXT NOT NULL COLLATE NOCASE,
  status         TEXT NOT NULL,
  start_time     TEXT NOT NULL,
  end_time       TEXT,
  fired          INTEGER NOT NULL,
  run_id         TEXT,
  inputs         TEXT,
  outputs        TEXT,
  error          TEXT
);
CREATE INDEX trigger_histories_by_trigger ON trigger_histories (workflow_name, trigger_name, start_time DESC, id DESC);
`;
