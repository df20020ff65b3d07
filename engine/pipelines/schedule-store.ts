/**
 * Schedules and their firings (migration 007) over the store's better-sqlite3 handle. A firing's
 * claim — the schedule's next fire time and watermark together with the Pending runs it asks for —
 * is one transaction, guarded by the schedule's `updated_time` so a firing computed against an
 * older version of the schedule (edited or disabled meanwhile) commits nothing.
 */
import type { SqliteDatabase } from '../store/database.js';
import type { Value } from '../expressions/value.js';
import type { ScheduleError, ScheduleFire, ScheduleRecord } from './schedule-types.js';

interface ScheduleRow {
  id: string;
  name: string;
  pipeline_id: string | null;
  pipeline_endpoint_id: string | null;
  experiment_name: string;
  description: string | null;
  status: 'Active' | 'Disabled';
  kind: 'recurrence' | 'datastore';
  recurrence: string | null;
  anchor_time: string | null;
  datastore_name: string | null;
  path_on_datastore: string | null;
  polling_interval: number | null;
  data_path_parameter_name: string | null;
  pipeline_parameters: string;
  continue_on_step_failure: number | null;
  next_fire_time: string | null;
  watermark: string | null;
  last_run_id: string | null;
  last_error: string | null;
  created_time: string;
  updated_time: string;
}

interface FireRow {
  id: string;
  schedule_id: string;
  scheduled_time: string;
  fired_time: string;
  changed_path: string | null;
  request: string;
  status: ScheduleFire['status'];
  run_id: string | null;
  error: string | null;
}

const COLUMNS = [
  'id', 'name', 'pipeline_id', 'pipeline_endpoint_id', 'experiment_name', 'description', 'status', 'kind', 'recurrence',
  'anchor_time', 'datastore_name', 'path_on_datastore', 'polling_interval', 'data_path_parameter_name', 'pipeline_parameters',
  'continue_on_step_failure', 'next_fire_time', 'watermark', 'last_run_id', 'last_error', 'created_time', 'updated_time',
] as const;

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
const parsed = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T));

function toRow(r: ScheduleRecord): ScheduleRow {
  return {
    id: r.id, name: r.name, pipeline_id: r.pipelineId ?? null, pipeline_endpoint_id: r.pipelineEndpointId ?? null,
    experiment_name: r.experimentName, description: r.description ?? null, status: r.status, kind: r.kind,
    recurrence: json(r.recurrence), anchor_time: r.anchorTime ?? null, datastore_name: r.datastoreName ?? null,
    path_on_datastore: r.pathOnDatastore ?? null, polling_interval: r.pollingInterval ?? null,
    data_path_parameter_name: r.dataPathParameterName ?? null, pipeline_parameters: JSON.stringify(r.pipelineParameters),
    continue_on_step_failure: r.continueOnStepFailure === undefined ? null : r.continueOnStepFailure ? 1 : 0,
    next_fire_time: r.nextFireTime ?? null, watermark: json(r.watermark), last_run_id: r.lastRunId ?? null,
    last_error: json(r.lastError), created_time: r.createdTime, updated_time: r.updatedTime,
  };
}

function fromRow(row: ScheduleRow): ScheduleRecord {
  const r: ScheduleRecord = {
    id: row.id, name: row.name, experimentName: row.experiment_name, status: row.status, kind: row.kind,
    pipelineParameters: JSON.parse(row.pipeline_parameters) as ScheduleRecord['pipelineParameters'],
    createdTime: row.created_time, updatedTime: row.updated_time,
  };
  const optional: Partial<ScheduleRecord> = {
    pipelineId: row.pipeline_id ?? undefined, pipelineEndpointId: row.pipeline_endpoint_id ?? undefined,
    description: row.description ?? undefined, recurrence: parsed(row.recurrence), anchorTime: row.anchor_time ?? undefined,
    datastoreName: row.datastore_name ?? undefined, pathOnDatastore: row.path_on_datastore ?? undefined,
    pollingInterval: row.polling_interval ?? undefined, dataPathParameterName: row.data_path_parameter_name ?? undefined,
    continueOnStepFailure: row.continue_on_step_failure === null ? undefined : row.continue_on_step_failure === 1,
    nextFireTime: row.next_fire_time ?? undefined, watermark: parsed<Value>(row.watermark), lastRunId: row.last_run_id ?? undefined,
    lastError: parsed<ScheduleError>(row.last_error),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (r as unknown as Record<string, unknown>)[key] = value;
  return r;
}

function fireFromRow(row: FireRow): ScheduleFire {
  const request = JSON.parse(row.request) as Pick<ScheduleFire, 'parameterAssignments' | 'dataPathAssignments'>;
  const fire: ScheduleFire = {
    id: row.id, scheduleId: row.schedule_id, scheduledTime: row.scheduled_time, firedTime: row.fired_time,
    parameterAssignments: request.parameterAssignments, dataPathAssignments: request.dataPathAssignments, status: row.status,
  };
  if (row.changed_path !== null) fire.changedPath = row.changed_path;
  if (row.run_id !== null) fire.runId = row.run_id;
  if (row.error !== null) fire.error = JSON.parse(row.error) as { code: string; message: string };
  return fire;
}

export interface FireClaim {
  scheduleId: string;
  /** The schedule version the firing was computed against. */
  expectedUpdatedTime: string;
  nextFireTime: string | undefined;
  /** The new watermark; undefined keeps the stored one. */
  watermark?: Value;
  fires: readonly ScheduleFire[];
  /** null clears the last error; undefined keeps it. */
  lastError?: ScheduleError | null;
}

export class ScheduleStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(record: ScheduleRecord): void {
    this.db.prepare(`INSERT INTO schedules (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`).run(toRow(record));
  }

  /** Writes every column of the record (read-modify-write by the service). */
  save(record: ScheduleRecord): void {
    const sets = COLUMNS.filter((c) => c !== 'id' && c !== 'created_time').map((c) => `${c} = @${c}`).join(', ');
    this.db.prepare(`UPDATE schedules SET ${sets} WHERE id = @id`).run(toRow(record));
  }

  get(id: string): ScheduleRecord | undefined {
    const row = this.db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
    return row === undefined ? undefined : fromRow(row);
  }

  /** Active ones only unless `includeDisabled`; an id filter lists every status, as the SDK does. */
  list(filter: { includeDisabled?: boolean; pipelineId?: string; pipelineEndpointId?: string } = {}): ScheduleRecord[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.pipelineId !== undefined) (where.push('pipeline_id = ?'), args.push(filter.pipelineId));
    if (filter.pipelineEndpointId !== undefined) (where.push('pipeline_endpoint_id = ?'), args.push(filter.pipelineEndpointId));
    if (where.length === 0 && filter.includeDisabled !== true) where.push("status = 'Active'");
    const sql = `SELECT * FROM schedules ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_time, id`;
    return (this.db.prepare(sql).all(...args) as ScheduleRow[]).map(fromRow);
  }

  /** The first due time of a schedule that had none; only when the schedule is unchanged. */
  setNextFireTime(id: string, expectedUpdatedTime: string, nextFireTime: string): boolean {
    const result = this.db.prepare('UPDATE schedules SET next_fire_time = ? WHERE id = ? AND updated_time = ?').run(nextFireTime, id, expectedUpdatedTime);
    return result.changes === 1;
  }

  /** Advances the schedule and records the runs it asks for, atomically; false when the schedule changed meanwhile. */
  claim(claim: FireClaim): boolean {
    const tx = this.db.transaction((c: FireClaim): boolean => {
      const sets = ['next_fire_time = @next'];
      const params: Record<string, unknown> = { id: c.scheduleId, expected: c.expectedUpdatedTime, next: c.nextFireTime ?? null };
      if (c.watermark !== undefined) (sets.push('watermark = @watermark'), (params['watermark'] = JSON.stringify(c.watermark)));
      if (c.lastError !== undefined) (sets.push('last_error = @lastError'), (params['lastError'] = json(c.lastError ?? undefined)));
      const changed = this.db.prepare(`UPDATE schedules SET ${sets.join(', ')} WHERE id = @id AND updated_time = @expected AND status = 'Active'`).run(params);
      if (changed.changes !== 1) return false;
      const insert = this.db.prepare(
        'INSERT INTO schedule_fires (id, schedule_id, scheduled_time, fired_time, changed_path, request, status, run_id, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const f of c.fires) {
        const request = JSON.stringify({ parameterAssignments: f.parameterAssignments, dataPathAssignments: f.dataPathAssignments });
        insert.run(f.id, f.scheduleId, f.scheduledTime, f.firedTime, f.changedPath ?? null, request, f.status, f.runId ?? null, json(f.error));
      }
      return true;
    });
    return tx.immediate(claim);
  }

  /** A claimed firing's outcome: the run it started (the schedule's last run) or why it could not. */
  settle(fireId: string, outcome: { runId: string } | { error: { code: string; message: string }; time: string }): void {
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT schedule_id FROM schedule_fires WHERE id = ?').get(fireId) as { schedule_id: string } | undefined;
      if (row === undefined) return;
      if ('runId' in outcome) {
        this.db.prepare("UPDATE schedule_fires SET status = 'Submitted', run_id = ?, error = NULL WHERE id = ?").run(outcome.runId, fireId);
        this.db.prepare('UPDATE schedules SET last_run_id = ? WHERE id = ?').run(outcome.runId, row.schedule_id);
      } else {
        this.db.prepare("UPDATE schedule_fires SET status = 'Failed', error = ? WHERE id = ?").run(JSON.stringify(outcome.error), fireId);
        this.db.prepare('UPDATE schedules SET last_error = ? WHERE id = ?').run(JSON.stringify({ ...outcome.error, time: outcome.time }), row.schedule_id);
      }
    });
    tx.immediate();
  }

  /** Records why a schedule did not fire, without touching its version. */
  recordError(id: string, error: ScheduleError): void {
    this.db.prepare('UPDATE schedules SET last_error = ? WHERE id = ?').run(JSON.stringify(error), id);
  }

  /** Firings claimed but not yet submitted (an earlier process stopped in between). */
  pendingFires(): ScheduleFire[] {
    return (this.db.prepare("SELECT * FROM schedule_fires WHERE status = 'Pending' ORDER BY seq").all() as FireRow[]).map(fireFromRow);
  }

  /** Newest first. */
  listFires(scheduleId: string, top = 100): ScheduleFire[] {
    const rows = this.db.prepare('SELECT * FROM schedule_fires WHERE schedule_id = ? ORDER BY seq DESC LIMIT ?').all(scheduleId, top) as FireRow[];
    return rows.map(fireFromRow);
  }
}
