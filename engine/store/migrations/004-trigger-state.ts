/** Durable state of polling triggers: when each fires next and its watermark. */
export const name = 'trigger-state';

export const sql = `
CREATE TABLE trigger_state (
  workflow_name TEXT NOT NULL COLLATE NOCASE,
  trigger_name TEXT NOT NULL COLLATE NOCASE,
  workflow_version INTEGER NOT NULL,
  next_fire_time TEXT,
  state TEXT,
  updated_time TEXT NOT NULL,
  PRIMARY KEY (workflow_name, trigger_name)
);
`;
