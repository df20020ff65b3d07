/**
 * Pipeline runs, step runs and the step cache in the store's SQLite database (migration 005).
 * Every write is one statement or one transaction, so a crash leaves each row whole.
 */
import type { SqliteDatabase } from '../store/database.js';
import type { PipelineRunStatus, StepRunStatus } from './definition.js';
import type { PipelineRunRecord, RunnablePipeline, StepRunRecord } from './runner-types.js';

export type StepOutputs = StepRunRecord['outputs'];

export interface StepCacheEntry {
  fingerprint: string;
  runId: string;
  stepName: string;
  outputs: StepOutputs;
}

export interface RunFilter {
  publishedPipelineId?: string;
  pipelineEndpointId?: string;
  experimentName?: string;
  status?: PipelineRunStatus;
  top?: number;
}

interface RunRow {
  id: string;
  experiment_name: string;
  status: string;
  created_time: string;
  end_time: string | null;
  published_pipeline_id: string | null;
  pipeline_endpoint_id: string | null;
  schedule_id: string | null;
  total_steps: number;
  source_commit: string | null;
  error: string | null;
  details: string;
}

interface StepRow {
  run_id: string;
  step_name: string;
  status: string;
  start_time: string | null;
  end_time: string | null;
  fingerprint: string;
  reused_from_run_id: string | null;
  exit_code: number | null;
  error: string | null;
  outputs: string;
  metrics: string;
  log_path: string | null;
}

/** The parts of a run record that are read whole and never filtered on. */
type RunDetails = Pick<PipelineRunRecord, 'description' | 'displayName' | 'runSource' | 'tags' | 'parameterAssignments' | 'dataPathAssignments' | 'continueOnStepFailure'>;

export class PipelineRunStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** The run and one NotStarted row per step, in one transaction. */
  createRun(record: PipelineRunRecord, pipeline: RunnablePipeline, stepNames: readonly string[]): void {
    const insertRun = this.db.prepare(`INSERT INTO pipeline_runs (id, experiment_name, status, created_time, end_time, published_pipeline_id,
      pipeline_endpoint_id, schedule_id, total_steps, source_commit, error, details, pipeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertStep = this.db.prepare(`INSERT INTO step_runs (run_id, step_name, position, status) VALUES (?, ?, ?, 'NotStarted')`);
    const details: RunDetails = {
      description: record.description,
      displayName: record.displayName,
      runSource: record.runSource,
      tags: record.tags,
      parameterAssignments: record.parameterAssignments,
      dataPathAssignments: record.dataPathAssignments,
      continueOnStepFailure: record.continueOnStepFailure,
    };
    this.db.transaction(() => {
      insertRun.run(record.id, record.experimentName, record.status, record.createdTime, record.endTime ?? null, record.publishedPipelineId ?? null,
        record.pipelineEndpointId ?? null, record.scheduleId ?? null, record.totalSteps, record.sourceCommit ?? null,
        record.error === undefined ? null : JSON.stringify(record.error), JSON.stringify(details), JSON.stringify(pipeline));
      stepNames.forEach((name, i) => insertStep.run(record.id, name, i));
    })();
  }

  finishRun(id: string, status: PipelineRunStatus, endTime: string, error?: { code: string; message: string }): void {
    this.db.prepare('UPDATE pipeline_runs SET status = ?, end_time = ?, error = ? WHERE id = ?')
      .run(status, endTime, error === undefined ? null : JSON.stringify(error), id);
  }

  setSourceCommit(id: string, commit: string): void {
    this.db.prepare('UPDATE pipeline_runs SET source_commit = ? WHERE id = ?').run(commit, id);
  }

  getRun(id: string): PipelineRunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM pipeline_runs WHERE id = ?').get(id) as RunRow | undefined;
    return row === undefined ? undefined : toRunRecord(row);
  }

  /** The pipeline a run was submitted with (definition and source root). */
  getPipeline(id: string): RunnablePipeline | undefined {
    const text = this.db.prepare('SELECT pipeline FROM pipeline_runs WHERE id = ?').pluck().get(id) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as RunnablePipeline);
  }

  /** Newest first. */
  listRuns(filter: RunFilter = {}): PipelineRunRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.publishedPipelineId !== undefined) { where.push('published_pipeline_id = ?'); args.push(filter.publishedPipelineId); }
    if (filter.pipelineEndpointId !== undefined) { where.push('pipeline_endpoint_id = ?'); args.push(filter.pipelineEndpointId); }
    if (filter.experimentName !== undefined) { where.push('experiment_name = ?'); args.push(filter.experimentName); }
    if (filter.status !== undefined) { where.push('status = ?'); args.push(filter.status); }
    const limit = filter.top !== undefined && filter.top > 0 ? ` LIMIT ${Math.trunc(filter.top)}` : '';
    const sql = `SELECT * FROM pipeline_runs${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_time DESC, rowid DESC${limit}`;
    return (this.db.prepare(sql).all(...args) as RunRow[]).map(toRunRecord);
  }

  saveStep(step: StepRunRecord): void {
    this.db.prepare(`UPDATE step_runs SET status = ?, start_time = ?, end_time = ?, fingerprint = ?, reused_from_run_id = ?, exit_code = ?,
      error = ?, outputs = ?, metrics = ?, log_path = ? WHERE run_id = ? AND step_name = ?`).run(
      step.status, step.startTime ?? null, step.endTime ?? null, step.fingerprint, step.reusedFromRunId ?? null, step.exitCode ?? null,
      step.error === undefined ? null : JSON.stringify(step.error), JSON.stringify(step.outputs), JSON.stringify(step.metrics),
      step.logPath ?? null, step.runId, step.stepName);
  }

  /** In definition order. */
  steps(runId: string): StepRunRecord[] {
    const rows = this.db.prepare('SELECT * FROM step_runs WHERE run_id = ? ORDER BY position').all(runId) as StepRow[];
    return rows.map(toStepRecord);
  }

  step(runId: string, stepName: string): StepRunRecord | undefined {
    const row = this.db.prepare('SELECT * FROM step_runs WHERE run_id = ? AND step_name = ?').get(runId, stepName) as StepRow | undefined;
    return row === undefined ? undefined : toStepRecord(row);
  }

  /** A Finished step's outputs become reusable under its fingerprint; a later one replaces an earlier. */
  remember(entry: StepCacheEntry, now: string): void {
    this.db.prepare('INSERT OR REPLACE INTO step_cache (fingerprint, run_id, step_name, outputs, created_time) VALUES (?, ?, ?, ?, ?)')
      .run(entry.fingerprint, entry.runId, entry.stepName, JSON.stringify(entry.outputs), now);
  }

  lookup(fingerprint: string): StepCacheEntry | undefined {
    const row = this.db.prepare('SELECT fingerprint, run_id, step_name, outputs FROM step_cache WHERE fingerprint = ?').get(fingerprint) as
      { fingerprint: string; run_id: string; step_name: string; outputs: string } | undefined;
    return row === undefined ? undefined : { fingerprint: row.fingerprint, runId: row.run_id, stepName: row.step_name, outputs: JSON.parse(row.outputs) as StepOutputs };
  }

  /** Outputs that vanished from the datastore cannot be reused any more. */
  forget(fingerprint: string): void {
    this.db.prepare('DELETE FROM step_cache WHERE fingerprint = ?').run(fingerprint);
  }

  /**
   * Runs a stopped process left Running: the run and its unfinished steps fail with `message`
   * (steps that never started stay NotStarted). Returns the ids.
   */
  failInterrupted(message: string, now: string, except: readonly string[] = []): string[] {
    const error = JSON.stringify({ code: 'EngineStopped', message });
    return this.db.transaction(() => {
      const all = this.db.prepare(`SELECT id FROM pipeline_runs WHERE status IN ('Running', 'NotStarted')`).pluck().all() as string[];
      const ids = all.filter((id) => !except.includes(id));
      const failSteps = this.db.prepare(`UPDATE step_runs SET status = 'Failed', end_time = ?, error = ? WHERE run_id = ? AND status IN ('Queued', 'Running')`);
      const failRun = this.db.prepare(`UPDATE pipeline_runs SET status = 'Failed', end_time = ?, error = ? WHERE id = ?`);
      for (const id of ids) {
        failSteps.run(now, error, id);
        failRun.run(now, error, id);
      }
      return ids;
    })();
  }
}

function toRunRecord(row: RunRow): PipelineRunRecord {
  const details = JSON.parse(row.details) as RunDetails;
  const record: PipelineRunRecord = {
    id: row.id,
    experimentName: row.experiment_name,
    status: row.status as PipelineRunStatus,
    createdTime: row.created_time,
    tags: details.tags ?? {},
    parameterAssignments: details.parameterAssignments ?? {},
    dataPathAssignments: details.dataPathAssignments ?? {},
    continueOnStepFailure: details.continueOnStepFailure ?? false,
    totalSteps: row.total_steps,
  };
  if (row.end_time !== null) record.endTime = row.end_time;
  if (row.published_pipeline_id !== null) record.publishedPipelineId = row.published_pipeline_id;
  if (row.pipeline_endpoint_id !== null) record.pipelineEndpointId = row.pipeline_endpoint_id;
  if (row.schedule_id !== null) record.scheduleId = row.schedule_id;
  if (row.source_commit !== null) record.sourceCommit = row.source_commit;
  if (row.error !== null) record.error = JSON.parse(row.error) as { code: string; message: string };
  if (details.description !== undefined) record.description = details.description;
  if (details.displayName !== undefined) record.displayName = details.displayName;
  if (details.runSource !== undefined) record.runSource = details.runSource;
  return record;
}

function toStepRecord(row: StepRow): StepRunRecord {
  const record: StepRunRecord = {
    runId: row.run_id,
    stepName: row.step_name,
    status: row.status as StepRunStatus,
    fingerprint: row.fingerprint,
    outputs: JSON.parse(row.outputs) as StepOutputs,
    metrics: JSON.parse(row.metrics) as Record<string, number | string>,
  };
  if (row.start_time !== null) record.startTime = row.start_time;
  if (row.end_time !== null) record.endTime = row.end_time;
  if (row.reused_from_run_id !== null) record.reusedFromRunId = row.reused_from_run_id;
  if (row.exit_code !== null) record.exitCode = row.exit_code;
  if (row.error !== null) record.error = JSON.parse(row.error) as { code: string; message: string };
  if (row.log_path !== null) record.logPath = row.log_path;
  return record;
}
