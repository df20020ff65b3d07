/** Trigger state rows of the SQLite store (next fire time and watermark of polling triggers). */
import type { SqliteDatabase } from './database.js';
import { COMMIT_SQL, triggerStateParams } from './commit-plan.js';
import { decodeValue } from './sqlite-rows.js';
import type { TriggerStateRow } from './store.js';

interface TriggerStateDbRow {
  workflow_name: string;
  trigger_name: string;
  workflow_version: number;
  next_fire_time: string | null;
  state: string | null;
  updated_time: string;
}

function fromDb(r: TriggerStateDbRow): TriggerStateRow {
  const row: TriggerStateRow = { workflowName: r.workflow_name, triggerName: r.trigger_name, workflowVersion: r.workflow_version, updatedTime: r.updated_time };
  if (r.next_fire_time !== null) row.nextFireTime = r.next_fire_time;
  if (r.state !== null) row.state = decodeValue(r.state);
  return row;
}

export class SqliteTriggerStates {
  private readonly upsertStmt;
  private readonly selectStmt;
  private readonly listStmt;
  private readonly deleteStmt;

  constructor(db: SqliteDatabase) {
    this.upsertStmt = db.prepare(COMMIT_SQL.upsertTriggerState);
    this.selectStmt = db.prepare('SELECT * FROM trigger_state WHERE workflow_name = ? AND trigger_name = ?');
    this.listStmt = db.prepare('SELECT * FROM trigger_state ORDER BY workflow_name, trigger_name');
    this.deleteStmt = db.prepare('DELETE FROM trigger_state WHERE workflow_name = ?');
  }

  upsert(row: TriggerStateRow): void {
    this.upsertStmt.run(...triggerStateParams(row));
  }

  get(workflowName: string, triggerName: string): TriggerStateRow | undefined {
    const row = this.selectStmt.get(workflowName, triggerName) as TriggerStateDbRow | undefined;
    return row === undefined ? undefined : fromDb(row);
  }

  list(): TriggerStateRow[] {
    return (this.listStmt.all() as TriggerStateDbRow[]).map(fromDb);
  }

  deleteWorkflow(workflowName: string): void {
    this.deleteStmt.run(workflowName);
  }
}
