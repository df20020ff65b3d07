/**
 * The workflow half of the SQLite store: the current row per workflow plus one row per saved
 * version. State (Enabled/Disabled) lives on the workflow row only, so every record reports the
 * current state; changing it does not make a version.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';
import type { WorkflowRecord, WorkflowState } from './store.js';

interface WorkflowDbRow {
  name: string;
  version: number;
  state: string;
  created_time: string;
  changed_time: string;
  definition: string;
  parameters: string;
}

export interface SaveWorkflowInput {
  name: string;
  definition: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  state?: WorkflowState;
}

// The current record: the workflow row joined to its current version.
const CURRENT = `SELECT w.name, w.version, w.state, w.created_time, w.changed_time, v.definition, v.parameters
  FROM workflows w JOIN workflow_versions v ON v.name = w.name AND v.version = w.version`;
// A version record: its own save time as changedTime, the workflow's current state.
const VERSION = `SELECT w.name, v.version, w.state, w.created_time, v.saved_time AS changed_time, v.definition, v.parameters
  FROM workflows w JOIN workflow_versions v ON v.name = w.name`;

function fromDb(r: WorkflowDbRow): WorkflowRecord {
  return {
    name: r.name,
    version: r.version,
    definition: JSON.parse(r.definition) as Record<string, unknown>,
    parameters: JSON.parse(r.parameters) as Record<string, unknown>,
    state: r.state as WorkflowState,
    createdTime: r.created_time,
    changedTime: r.changed_time,
  };
}

export class SqliteWorkflows {
  private readonly getCurrent: Statement;
  private readonly getVersion: Statement;
  private readonly listCurrent: Statement;
  private readonly listVersions: Statement;
  private readonly insertWorkflow: Statement;
  private readonly updateWorkflow: Statement;
  private readonly insertVersion: Statement;
  private readonly updateState: Statement;
  private readonly deleteStatements: Statement[];
  private readonly saveTx: (input: SaveWorkflowInput) => WorkflowRecord;
  private readonly deleteTx: (name: string) => boolean;

  constructor(
    db: SqliteDatabase,
    private readonly now: () => string,
  ) {
    this.getCurrent = db.prepare(`${CURRENT} WHERE w.name = ?`);
    this.getVersion = db.prepare(`${VERSION} WHERE w.name = ? AND v.version = ?`);
    this.listCurrent = db.prepare(`${CURRENT} ORDER BY w.name`);
    this.listVersions = db.prepare(`${VERSION} WHERE w.name = ? ORDER BY v.version`);
    this.insertWorkflow = db.prepare('INSERT INTO workflows (name, version, state, created_time, changed_time) VALUES (?, 1, ?, ?, ?)');
    this.updateWorkflow = db.prepare('UPDATE workflows SET version = ?, state = ?, changed_time = ? WHERE name = ?');
    this.insertVersion = db.prepare(
      'INSERT INTO workflow_versions (name, version, definition, parameters, state, saved_time) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.updateState = db.prepare('UPDATE workflows SET state = ?, changed_time = ? WHERE name = ?');
    // Runs have no foreign key to workflows (local runs store no workflow), so they go explicitly;
    // their events and action rows follow by cascade.
    this.deleteStatements = [
      db.prepare('DELETE FROM runs WHERE workflow_name = ?'),
      db.prepare('DELETE FROM trigger_histories WHERE workflow_name = ?'),
      db.prepare('DELETE FROM trigger_state WHERE workflow_name = ?'),
      db.prepare('DELETE FROM workflow_versions WHERE name = ?'),
    ];
    const deleteWorkflow = db.prepare('DELETE FROM workflows WHERE name = ?');
    this.saveTx = db.transaction((input: SaveWorkflowInput) => this.saveInTx(input));
    this.deleteTx = db.transaction((name: string) => {
      for (const statement of this.deleteStatements) statement.run(name);
      return deleteWorkflow.run(name).changes > 0;
    });
  }

  save(input: SaveWorkflowInput): WorkflowRecord {
    return this.saveTx(input);
  }

  get(name: string, version?: number): WorkflowRecord | undefined {
    const row = (version === undefined ? this.getCurrent.get(name) : this.getVersion.get(name, version)) as WorkflowDbRow | undefined;
    return row === undefined ? undefined : fromDb(row);
  }

  list(): WorkflowRecord[] {
    return (this.listCurrent.all() as WorkflowDbRow[]).map(fromDb);
  }

  listVersionsOf(name: string): WorkflowRecord[] {
    return (this.listVersions.all(name) as WorkflowDbRow[]).map(fromDb);
  }

  setState(name: string, state: WorkflowState): WorkflowRecord | undefined {
    if (this.updateState.run(state, this.now(), name).changes === 0) return undefined;
    return this.get(name);
  }

  delete(name: string): boolean {
    return this.deleteTx(name);
  }

  private saveInTx(input: SaveWorkflowInput): WorkflowRecord {
    const time = this.now();
    const existing = this.getCurrent.get(input.name) as WorkflowDbRow | undefined;
    const definition = JSON.stringify(input.definition);
    const parameters = JSON.stringify(input.parameters ?? {});
    if (existing === undefined) {
      const state = input.state ?? 'Enabled';
      this.insertWorkflow.run(input.name, state, time, time);
      this.insertVersion.run(input.name, 1, definition, parameters, state, time);
      return this.get(input.name)!;
    }
    const version = existing.version + 1;
    const state = input.state ?? (existing.state as WorkflowState);
    // The stored spelling of the name stays the one the workflow was created with.
    this.insertVersion.run(existing.name, version, definition, parameters, state, time);
    this.updateWorkflow.run(version, state, time, existing.name);
    return this.get(existing.name)!;
  }
}
