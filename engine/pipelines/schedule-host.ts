/**
 * Fires pipeline schedules, durably, as the trigger host fires polling triggers: one timer per
 * Active schedule, armed at the next fire time stored on the schedule. When it fires, the runs to
 * start (one for a recurrence; one per added or modified blob for a datastore schedule) are
 * claimed — written Pending in the same transaction that stores the next fire time and the new
 * watermark — and only then submitted, each run id recorded as it comes back. So a restart never
 * fires an occurrence twice, a missed occurrence fires once after downtime (then the series moves
 * on from now), and a firing claimed but not submitted when the process stopped is submitted at the
 * next start (with the same fire id, so an idempotent submit sees it only once).
 */
import { randomUUID } from 'node:crypto';
import { advanceWatermark, readWatermark } from '../../connectors/blob/blob-watermark.js';
import { openDatastore as openConfiguredDatastore, type Datastore } from '../../connectors/blob/datastore.js';
import { normalizeFolder } from '../../connectors/blob/datastore-paths.js';
import type { SluiceConfig } from '../config.js';
import { asSluiceError } from '../errors.js';
import { isObject, type Value } from '../expressions/value.js';
import type { Clock } from '../runtime/clock.js';
import type { SqliteDatabase } from '../store/database.js';
import { evaluateScheduleParameters } from './schedule-parameters.js';
import { firstScheduleTime, nextScheduleTimes } from './schedule-recurrence.js';
import { ScheduleStore } from './schedule-store.js';
import type { ScheduleFire, ScheduleRecord, ScheduleSubmit, ScheduleTargets } from './schedule-types.js';

export interface ScheduleHostOptions {
  db: SqliteDatabase;
  clock: Clock;
  config: SluiceConfig;
  submit: ScheduleSubmit;
  /** How a datastore schedule reaches its datastore. @default openDatastore over `config` */
  openDatastore?: (name: string, config: SluiceConfig) => Datastore;
  /** The pipelines schedules run: a disabled or missing one makes its schedules skip (spec §6.4). */
  targets?: ScheduleTargets;
  onError?(scheduleId: string, error: Error): void;
}

interface Armed {
  cancel(): void;
  controller: AbortController;
}

/** A blob listing of this many entries is refused rather than tracked (the blob trigger's bound). */
const MAX_LISTED = 30_000;
const MINUTE = 60_000;

interface Planned {
  fires: { scheduledTime: string; changedPath?: string }[];
  watermark?: Value;
}

export class ScheduleHost {
  readonly store: ScheduleStore;
  private readonly armed = new Map<string, Armed>();
  private readonly inflight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly options: ScheduleHostOptions) {
    this.store = new ScheduleStore(options.db);
  }

  /** Arms every Active schedule and submits firings an earlier process claimed but never submitted. */
  start(): void {
    this.stopped = false;
    for (const schedule of this.store.list()) this.refresh(schedule.id);
    const pending = this.store.pendingFires();
    if (pending.length > 0) this.track(this.submitAll(pending));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const entry of this.armed.values()) {
      entry.cancel();
      entry.controller.abort();
    }
    this.armed.clear();
    await this.idle();
  }

  /** Settles when no firing is in progress (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** (Re)arms a schedule after it was created, updated, enabled or disabled. */
  refresh(id: string): void {
    const previous = this.armed.get(id);
    previous?.cancel();
    previous?.controller.abort();
    this.armed.delete(id);
    if (this.stopped) return;
    try {
      const schedule = this.store.get(id);
      if (schedule === undefined || schedule.status !== 'Active') return;
      const due = schedule.nextFireTime ?? this.firstDue(schedule);
      if (due !== undefined) this.arm(id, due);
    } catch (err) {
      this.report(id, err);
    }
  }

  private firstDue(schedule: ScheduleRecord): string | undefined {
    const now = this.options.clock.now();
    const due = schedule.kind === 'recurrence' ? firstScheduleTime(schedule.recurrence!, schedule.anchorTime ?? now) : now;
    if (due === undefined || !this.store.setNextFireTime(schedule.id, schedule.updatedTime, due)) return undefined;
    return due;
  }

  private arm(id: string, due: string): void {
    const entry: Armed = { cancel: () => undefined, controller: new AbortController() };
    entry.cancel = this.options.clock.setTimer(due, () => {
      const firing = this.fire(id, due, entry.controller.signal).then(
        (next) => {
          if (next !== undefined && !entry.controller.signal.aborted && !this.stopped && this.armed.get(id) === entry) this.arm(id, next);
        },
        (err: unknown) => this.report(id, err),
      );
      this.track(firing);
    });
    this.armed.set(id, entry);
  }

  private track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** The due time after `at`: the recurrence's next occurrence, or one polling interval on. */
  private nextDue(schedule: ScheduleRecord, at: string): string | undefined {
    if (schedule.kind === 'datastore') return new Date(Date.parse(at) + (schedule.pollingInterval ?? 5) * MINUTE).toISOString();
    return nextScheduleTimes(schedule.recurrence!, at, 1, schedule.anchorTime === undefined ? {} : { anchor: schedule.anchorTime })[0];
  }

  /** One firing; returns the next due time (already committed), or undefined to stop here. */
  private async fire(id: string, due: string, signal: AbortSignal): Promise<string | undefined> {
    const { clock } = this.options;
    const schedule = this.store.get(id);
    if (schedule === undefined || schedule.status !== 'Active') return undefined;
    const now = clock.now();
    const later = Date.parse(now) > Date.parse(due) ? now : due;
    const next = this.nextDue(schedule, later);
    const base = { scheduleId: id, expectedUpdatedTime: schedule.updatedTime, nextFireTime: next };
    const problem = this.targetProblem(schedule);
    if (problem !== undefined) {
      // Skipped, not queued: the watermark stays, so blob changes fire once the pipeline is enabled again.
      return this.store.claim({ ...base, fires: [], lastError: { code: 'PipelineDisabled', message: `${problem}; the schedule did not fire at ${due}.`, time: now } }) ? next : undefined;
    }
    let planned: Planned;
    try {
      planned = schedule.kind === 'recurrence' ? { fires: [{ scheduledTime: due }] } : await this.pollDatastore(schedule, due, signal);
    } catch (err) {
      if (signal.aborted) return undefined;
      const error = asSluiceError(err);
      return this.store.claim({ ...base, fires: [], lastError: { code: error.code, message: error.message, time: now } }) ? next : undefined;
    }
    if (signal.aborted) return undefined;
    const fires = planned.fires.map((f) => this.prepare(schedule, f, now));
    const failed = fires.find((f) => f.status === 'Failed');
    const lastError = failed?.error === undefined ? null : { ...failed.error, time: now };
    const claimed = this.store.claim({ ...base, fires, lastError, ...(planned.watermark !== undefined ? { watermark: planned.watermark } : {}) });
    if (!claimed) return undefined;
    await this.submitAll(fires.filter((f) => f.status === 'Pending'), schedule);
    return next;
  }

  private targetProblem(schedule: ScheduleRecord): string | undefined {
    const targets = this.options.targets;
    if (targets === undefined) return undefined;
    const what = schedule.pipelineId !== undefined ? `published pipeline '${schedule.pipelineId}'` : `pipeline endpoint '${schedule.pipelineEndpointId}'`;
    const target = targets.find({ pipelineId: schedule.pipelineId, pipelineEndpointId: schedule.pipelineEndpointId });
    if (target === undefined) return `The ${what} does not exist`;
    return target.status === 'Active' ? undefined : `The ${what} is ${target.status}`;
  }

  /** Direct children of the watched folder whose name is new or whose ETag changed; the first poll only takes the baseline. */
  private async pollDatastore(schedule: ScheduleRecord, due: string, signal: AbortSignal): Promise<Planned> {
    const name = schedule.datastoreName!;
    const open = this.options.openDatastore ?? ((n: string, config: SluiceConfig) => openConfiguredDatastore({ datastore: n }, config));
    const folder = normalizeFolder(schedule.pathOnDatastore ?? '');
    const entries = await open(name, this.options.config).list(folder, { signal, limit: MAX_LISTED + 1 });
    if (entries.length > MAX_LISTED) throw new Error(`the folder '${folder}' of datastore '${name}' holds more than ${MAX_LISTED} blobs`);
    const scope = `${name}/${folder}`;
    const stored = schedule.watermark;
    const baseline = !isObject(stored) || stored['scope'] !== scope;
    const step = advanceWatermark(baseline ? new Map() : readWatermark(stored, scope), entries, Number.MAX_SAFE_INTEGER, scope);
    if (baseline) return { fires: [], watermark: step.state };
    return { fires: step.fire.map((e) => ({ scheduledTime: due, changedPath: e.path })), watermark: step.state };
  }

  /** The firing's assignments, evaluated now; an expression that fails makes the firing Failed. */
  private prepare(schedule: ScheduleRecord, planned: { scheduledTime: string; changedPath?: string }, now: string): ScheduleFire {
    const fire: ScheduleFire = {
      id: randomUUID(), scheduleId: schedule.id, scheduledTime: planned.scheduledTime, firedTime: now,
      parameterAssignments: {}, dataPathAssignments: {}, status: 'Pending',
    };
    if (planned.changedPath !== undefined) {
      fire.changedPath = planned.changedPath;
      if (schedule.dataPathParameterName !== undefined) {
        fire.dataPathAssignments[schedule.dataPathParameterName] = { DataStoreName: schedule.datastoreName!, RelativePath: planned.changedPath };
      }
    }
    try {
      fire.parameterAssignments = evaluateScheduleParameters(schedule.pipelineParameters, {
        scheduleName: schedule.name, scheduledTime: planned.scheduledTime, startTime: now, changedPath: planned.changedPath,
        datastore: planned.changedPath === undefined ? undefined : schedule.datastoreName,
      });
    } catch (err) {
      const error = asSluiceError(err);
      fire.status = 'Failed';
      fire.error = { code: error.code, message: `pipeline_parameters: ${error.message}` };
    }
    return fire;
  }

  private async submitAll(fires: readonly ScheduleFire[], known?: ScheduleRecord): Promise<void> {
    for (const fire of fires) {
      const schedule = known ?? this.store.get(fire.scheduleId);
      if (schedule === undefined) continue;
      const context = { fireId: fire.id, scheduledTime: fire.scheduledTime, parameterAssignments: fire.parameterAssignments, dataPathAssignments: fire.dataPathAssignments };
      try {
        const { runId } = await this.options.submit(schedule, fire.changedPath === undefined ? context : { ...context, changedPath: fire.changedPath });
        this.store.settle(fire.id, { runId });
      } catch (err) {
        const error = asSluiceError(err);
        this.store.settle(fire.id, { error: { code: error.code, message: error.message }, time: this.options.clock.now() });
      }
    }
  }

  private report(id: string, err: unknown): void {
    const error = asSluiceError(err);
    if (this.options.onError) this.options.onError(id, error);
    else process.stderr.write(`sluice: schedule '${id}': ${error.message}\n`);
  }
}
