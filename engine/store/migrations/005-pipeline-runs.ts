/**
 * Pipeline runs, their step runs, and the step cache (fingerprint → the run whose outputs a later
 * identical step may reuse). Records that callers read whole are JSON columns; what is filtered or
 * joined on is a column.
 */
export const name = 'pipeline-runs';

export const sql = `
CREATE TABLE pipeline_runs (
  id TEXT PRIMARY KEY,
  experiment_name TEXT NOT NULL,
  status TEXT NOT NULL,
  created_time TEXT NOT NULL,
  end_time TEXT,
  published_pipeline_id TEXT,
  pipeline_endpoint_id TEXT,
  schedule_id TEXT,
  total_steps INTEGER NOT NULL,
  source_commit TEXT,
  error TEXT,
  details TEXT NOT NULL,
  pipeline TEXT NOT NULL
);
CREATE INDEX pipeline_runs_created ON pipeline_runs (created_time);
CREATE INDEX pipeline_runs_published ON pipeline_runs (published_pipeline_id, created_time);
CREATE INDEX pipeline_runs_endpoint ON pipeline_runs (pipeline_endpoint_id, created_time);
CREATE INDEX pipeline_runs_status ON pipeline_runs (status);

CREATE TABLE step_runs (
  run_id TEXT NOT NULL REFERENCES pipeline_runs (id) ON DELETE CASCADE,
  step_name TEXT NOT NULL,
  position INTEGER NOT NULL,
  status TEXT NOT NULL,
  start_time TEXT,
  end_time TEXT,
  fingerprint TEXT NOT NULL DEFAULT '',
  reused_from_run_id TEXT,
  exit_code INTEGER,
  error TEXT,
  outputs TEXT NOT NULL DEFAULT '{}',
  metrics TEXT NOT NULL DEFAULT '{}',
  log_path TEXT,
  PRIMARY KEY (run_id, step_name)
);

CREATE TABLE step_cache (
  fingerprint TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  step_name TEXT NOT NULL,
  outputs TEXT NOT NULL,
  created_time TEXT NOT NULL
);
`;
