/**
 * Rows of published pipelines, pipeline endpoints and experiments (migration 006) over the store's
 * better-sqlite3 handle. Published pipelines are immutable apart from their status; endpoints keep
 * their versions as a JSON object `{ "0": pipelineId, ... }`.
 */
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../store/database.js';
import type { PipelineDefinition } from './definition.js';

export type EntityStatus = 'Active' | 'Disabled';

export interface PublishedPipelineRow {
  id: string;
  name: string;
  description?: string;
  version?: string;
  status: EntityStatus;
  definition: PipelineDefinition;
  snapshotPath: string;
  publishedTime: string;
  continueOnStepFailure: boolean;
}

export interface PipelineEndpointRow {
  id: string;
  name: string;
  description?: string;
  defaultVersion: string;
  /** Version ("0", "1", ...) → published pipeline id. */
  pipelineIds: Record<string, string>;
  status: EntityStatus;
  createdTime: string;
}

export interface ExperimentRow {
  name: string;
  id: string;
  createdTime: string;
}

interface PipelineDbRow {
  id: string;
  name: string;
  description: string | null;
  version: string | null;
  status: EntityStatus;
  definition: string;
  snapshot_path: string;
  published_time: string;
  continue_on_step_failure: number;
}

interface EndpointDbRow {
  id: string;
  name: string;
  description: string | null;
  default_version: string;
  pipeline_ids: string;
  status: EntityStatus;
  created_time: string;
}

function toPipeline(row: PipelineDbRow): PublishedPipelineRow {
  const out: PublishedPipelineRow = {
    id: row.id,
    name: row.name,
    status: row.status,
    definition: JSON.parse(row.definition) as PipelineDefinition,
    snapshotPath: row.snapshot_path,
    publishedTime: row.published_time,
    continueOnStepFailure: row.continue_on_step_failure !== 0,
  };
  if (row.description !== null) out.description = row.description;
  if (row.version !== null) out.version = row.version;
  return out;
}

function toEndpoint(row: EndpointDbRow): PipelineEndpointRow {
  const out: PipelineEndpointRow = {
    id: row.id,
    name: row.name,
    defaultVersion: row.default_version,
    pipelineIds: JSON.parse(row.pipeline_ids) as Record<string, string>,
    status: row.status,
    createdTime: row.created_time,
  };
  if (row.description !== null) out.description = row.description;
  return out;
}

export class PublishingStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  insertPipeline(row: PublishedPipelineRow): void {
    this.db
      .prepare(
        `INSERT INTO published_pipelines (id, name, description, version, status, definition, snapshot_path, published_time, continue_on_step_failure)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.name, row.description ?? null, row.version ?? null, row.status, JSON.stringify(row.definition), row.snapshotPath, row.publishedTime, row.continueOnStepFailure ? 1 : 0);
  }

  getPipeline(id: string): PublishedPipelineRow | undefined {
    const row = this.db.prepare('SELECT * FROM published_pipelines WHERE id = ? COLLATE NOCASE').get(id) as PipelineDbRow | undefined;
    return row === undefined ? undefined : toPipeline(row);
  }

  /** Newest first; Active ones only unless asked. */
  listPipelines(options: { activeOnly?: boolean; name?: string } = {}): PublishedPipelineRow[] {
    const where: string[] = [];
    const args: string[] = [];
    if (options.activeOnly === true) where.push("status = 'Active'");
    if (options.name !== undefined) {
      where.push('name = ?');
      args.push(options.name);
    }
    const sql = `SELECT * FROM published_pipelines ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY published_time DESC, rowid DESC`;
    return (this.db.prepare(sql).all(...args) as PipelineDbRow[]).map(toPipeline);
  }

  setPipelineStatus(id: string, status: EntityStatus): PublishedPipelineRow | undefined {
    this.db.prepare('UPDATE published_pipelines SET status = ? WHERE id = ? COLLATE NOCASE').run(status, id);
    return this.getPipeline(id);
  }

  insertEndpoint(row: PipelineEndpointRow): void {
    this.db
      .prepare('INSERT INTO pipeline_endpoints (id, name, description, default_version, pipeline_ids, status, created_time) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.name, row.description ?? null, row.defaultVersion, JSON.stringify(row.pipelineIds), row.status, row.createdTime);
  }

  updateEndpoint(row: PipelineEndpointRow): void {
    this.db
      .prepare('UPDATE pipeline_endpoints SET description = ?, default_version = ?, pipeline_ids = ?, status = ? WHERE id = ?')
      .run(row.description ?? null, row.defaultVersion, JSON.stringify(row.pipelineIds), row.status, row.id);
  }

  getEndpoint(idOrName: string): PipelineEndpointRow | undefined {
    const row = this.db.prepare('SELECT * FROM pipeline_endpoints WHERE id = ? COLLATE NOCASE OR name = ?').get(idOrName, idOrName) as EndpointDbRow | undefined;
    return row === undefined ? undefined : toEndpoint(row);
  }

  listEndpoints(): PipelineEndpointRow[] {
    return (this.db.prepare('SELECT * FROM pipeline_endpoints ORDER BY created_time, rowid').all() as EndpointDbRow[]).map(toEndpoint);
  }

  /** Read-modify-write of one endpoint inside a transaction, so concurrent version adds do not collide. */
  changeEndpoint(idOrName: string, change: (row: PipelineEndpointRow) => PipelineEndpointRow): PipelineEndpointRow | undefined {
    const apply = this.db.transaction(() => {
      const current = this.getEndpoint(idOrName);
      if (current === undefined) return undefined;
      const next = change(current);
      this.updateEndpoint(next);
      return next;
    });
    return apply.immediate();
  }

  /** The experiment, created now when it does not exist yet. */
  ensureExperiment(name: string): ExperimentRow {
    this.db.prepare('INSERT OR IGNORE INTO experiments (name, id, created_time) VALUES (?, ?, ?)').run(name, randomUUID(), this.now());
    return this.db.prepare('SELECT name, id, created_time AS createdTime FROM experiments WHERE name = ?').get(name) as ExperimentRow;
  }

  listExperiments(): ExperimentRow[] {
    return this.db.prepare('SELECT name, id, created_time AS createdTime FROM experiments ORDER BY created_time, rowid').all() as ExperimentRow[];
  }
}
