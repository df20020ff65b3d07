/**
 * Versioned schema migrations. Each migration runs once, in order, inside its own immediate
 * transaction together with its row in `schema_migrations`, so a crash mid-way leaves the schema at
 * a whole version and two processes opening the same file cannot both apply one.
 */
import { InternalError } from '../errors.js';
import type { SqliteDatabase } from './database.js';
import * as init from './migrations/001-init.js';
import * as roleAssignments from './migrations/002-role-assignments.js';
import * as workflowKeys from './migrations/003-workflow-keys.js';
import * as triggerState from './migrations/004-trigger-state.js';
import * as pipelineRuns from './migrations/005-pipeline-runs.js';
import * as pipelinePublishing from './migrations/006-pipeline-publishing.js';
import * as pipelineSchedules from './migrations/007-pipeline-schedules.js';
import * as historyLayout from './migrations/008-history-layout.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in version order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: init.name, sql: init.sql },
  { version: 2, name: roleAssignments.name, sql: roleAssignments.sql },
  { version: 3, name: workflowKeys.name, sql: workflowKeys.sql },
  { version: 4, name: triggerState.name, sql: triggerState.sql },
  { version: 5, name: pipelineRuns.name, sql: pipelineRuns.sql },
  { version: 6, name: pipelinePublishing.name, sql: pipelinePublishing.sql },
  { version: 7, name: pipelineSchedules.name, sql: pipelineSchedules.sql },
  { version: 8, name: historyLayout.name, sql: historyLayout.sql },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The database was written by a newer Sluice: running against it could lose data. */
export class SchemaTooNewError extends InternalError {
  constructor(readonly found: number) {
    super(`the database schema is at version ${found}, newer than this Sluice supports (${LATEST_SCHEMA_VERSION})`);
  }
}

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
}

export function listAppliedMigrations(db: SqliteDatabase): AppliedMigration[] {
  const rows = db.prepare('SELECT version, name, applied_at AS appliedAt FROM schema_migrations ORDER BY version').all();
  return rows as AppliedMigration[];
}

/** Brings the schema up to date; returns the versions applied by this call. */
export function migrate(db: SqliteDatabase, now: () => string): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const current = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').pluck();
  const found = current.get() as number;
  if (found > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(found);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const apply = db.transaction(() => {
      // Re-read inside the lock: another process may have applied it since. Checked by version,
      // not against the highest one, so a migration numbered below one already applied (numbers
      // reserved by parallel work and merged out of order) still runs.
      if (isApplied.get(migration.version) !== undefined) return false;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
      return true;
    });
    if (apply.immediate()) applied.push(migration.version);
  }
  return applied;
}
