/**
 * Pipeline schedules (Azure ML `Schedule`): recurrence or datastore-watching, with their durable
 * firing state (next fire time, datastore watermark) and one row per run a firing asked for.
 * `schedule_fires` rows are written `Pending` in the same transaction that advances the schedule,
 * then marked `Submitted` with the run id: a restart resubmits what was claimed but never
 * submitted, and never fires an occurrence twice.
 */
export const name = 'pipeline-schedules';

export const sql = `
CREATE TABLE schedules (
  id                        TEXT PRIMARY KEY,
  name                      TEXT NOT NULL,
  pipeline_id               TEXT,
  pipeline_endpoint_id      TEXT,
  experiment_name           TEXT NOT NULL,
  description               TEXT,
  status                    TEXT NOT NULL CHECK (status IN ('Active', 'Disabled')),
  kind                      TEXT NOT NULL CHECK (kind IN ('recurrence', 'datastore')),
  recurrence                TEXT,
  anchor_time               TEXT,
  datastore_name            TEXT,
  path_on_datastore         TEXT,
  polling_interval          INTEGER,
  data_path_parameter_name  TEXT,
  pipeline_parameters       TEXT NOT NULL DEFAULT '{}',
  continue_on_step_failure  INTEGER,
  next_fire_time            TEXT,
  watermark                 TEXT,
  last_run_id               TEXT,
  last_error                TEXT,
  created_time              TEXT NOT NULL,
  updated_time              TEXT NOT NULL
);
CREATE INDEX schedules_by_pipeline ON schedules (pipeline_id);
CREATE INDEX schedules_by_endpoint ON schedules (pipeline_endpoint_id);

CREATE TABLE schedule_fires (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,
  schedule_id     TEXT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  scheduled_time  TEXT NOT NULL,
  fired_time      TEXT NOT NULL,
  changed_path    TEXT,
  request         TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('Pending', 'Submitted', 'Failed')),
  run_id          TEXT,
  error           TEXT
);
CREATE INDEX schedule_fires_by_schedule ON schedule_fires (schedule_id, seq);
CREATE INDEX schedule_fires_pending ON schedule_fires (status) WHERE status = 'Pending';
`;
