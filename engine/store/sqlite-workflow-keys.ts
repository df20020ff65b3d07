/**
 * The access-key half of the SQLite store: one secret per workflow (migration 003). Keys are raw
 * bytes; the row is removed with its workflow (ON DELETE CASCADE), so a workflow created again
 * under the same name never accepts URLs signed for its predecessor.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

export class SqliteWorkflowKeys {
  private readonly select: Statement;
  private readonly upsert: Statement;
  private readonly workflowExists: Statement;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => string,
  ) {
    this.select = db.prepare('SELECT key FROM workflow_keys WHERE workflow_name = ?').pluck();
    this.upsert = db.prepare(
      `INSERT INTO workflow_keys (workflow_name, key, created_time) VALUES (?, ?, ?)
       ON CONFLICT (workflow_name) DO UPDATE SET key = excluded.key, created_time = excluded.created_time`,
    );
    this.workflowExists = db.prepare('SELECT 1 FROM workflows WHERE name = ?').pluck();
  }

  get(workflowName: string): Buffer | undefined {
    const key = this.select.get(workflowName) as Buffer | undefined;
    return key === undefined ? undefined : Buffer.from(key);
  }

  set(workflowName: string, key: Buffer): boolean {
    // Checked first so that a missing workflow is an answer, not a foreign-key exception.
    if (this.workflowExists.get(workflowName) === undefined) return false;
    this.upsert.run(workflowName, key, this.now());
    return true;
  }
}
