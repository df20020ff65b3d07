/**
 * Published pipelines (immutable: a definition and a source snapshot, only the status changes),
 * pipeline endpoints (a stable name over versions of published pipelines) and experiments (named
 * buckets of pipeline runs, created on first use). Names compare ignoring case, as Azure ML's do.
 */
export const name = 'pipeline-publishing';

export const sql = `
CREATE TABLE published_pipelines (
  id                        TEXT PRIMARY KEY,
  name                      TEXT NOT NULL COLLATE NOCASE,
  description               TEXT,
  version                   TEXT,
  status                    TEXT NOT NULL CHECK (status IN ('Active', 'Disabled')),
  definition                TEXT NOT NULL,
  snapshot_path             TEXT NOT NULL,
  published_time            TEXT NOT NULL,
  continue_on_step_failure  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX published_pipelines_by_name ON published_pipelines (name, published_time);

CREATE TABLE pipeline_endpoints (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
  description      TEXT,
  default_version  TEXT NOT NULL,
  pipeline_ids     TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('Active', 'Disabled')),
  created_time     TEXT NOT NULL
);

CREATE TABLE experiments (
  name          TEXT PRIMARY KEY COLLATE NOCASE,
  id            TEXT NOT NULL UNIQUE,
  created_time  TEXT NOT NULL
);
`;
