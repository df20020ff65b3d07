/**
 * A history layout that writes fewer pages per commit. Every page a commit dirties is a 4 KB WAL
 * frame, and a W1 run (ten Composes and a Response) dirtied about 35 of them in its two commits:
 * one for every B-tree a row went into. So:
 * - `runs.trigger_record`: the trigger record, written once with the run; the state rewritten at
 *   every transition no longer repeats it (a 40 KB request body was serialised at each commit).
 * - `run_states`: the working state of runs that have not finished, rewritten at every transition
 *   and deleted when the run ends; `runs.state` keeps only the small state of a finished run. Big
 *   working states no longer land in `runs`, whose pages they left mostly empty once trimmed, and
 *   the table doubles as the set of active runs: the `runs_active` index goes.
 * - `runs_by_workflow_status` goes: every status change moved an entry in it. Listing runs of one
 *   status walks `runs_by_workflow` instead.
 * - `action_executions`: one index, unique on (run_id, name, rep_order, attempt), instead of the
 *   primary key (run_id, key, attempt) plus the by-name index. It is as unique (the key is the
 *   name plus the loop indexes, which rep_order spells) and in the order both history queries read.
 * - `run_events` no longer stores `runStarted`: the run's row has its start time.
 * Existing rows are copied over.
 */
export const name = 'history-layout';

export const sql = `
ALTER TABLE runs ADD COLUMN trigger_record TEXT;

CREATE TABLE run_states (
  run_id  TEXT NOT NULL PRIMARY KEY REFERENCES runs(run_id) ON DELETE CASCADE,
  state   TEXT NOT NULL
);
INSERT INTO run_states (run_id, state) SELECT run_id, state FROM runs WHERE status IN ('Running', 'Waiting');
DROP INDEX runs_active;
DROP INDEX runs_by_workflow_status;

CREATE TABLE action_executions_v8 (
  run_id             TEXT NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
  name               TEXT NOT NULL,
  rep_order          TEXT NOT NULL,
  attempt            INTEGER NOT NULL,
  key                TEXT NOT NULL,
  type               TEXT NOT NULL,
  repetition         TEXT NOT NULL,
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
  UNIQUE (run_id, name, rep_order, attempt)
);
INSERT INTO action_executions_v8 (run_id, name, rep_order, attempt, key, type, repetition, status, code, inputs, outputs, error,
    start_time, end_time, tracked_properties, secure_inputs, secure_outputs)
  SELECT run_id, name, rep_order, attempt, key, type, repetition, status, code, inputs, outputs, error,
    start_time, end_time, tracked_properties, secure_inputs, secure_outputs FROM action_executions;
DROP TABLE action_executions;
ALTER TABLE action_executions_v8 RENAME TO action_executions;

DELETE FROM run_events WHERE kind = 'runStarted';
`;
