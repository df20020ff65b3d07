/**
 * Puts the pipeline parts together for the composition root: the runner, publishing (with the
 * loader, the assignment checks and the snapshotter), and schedules whose submissions go through
 * the published pipeline they name.
 */
import { join } from 'node:path';
import type { SluiceConfig } from '../config.js';
import type { Clock } from '../runtime/clock.js';
import type { SqliteDatabase } from '../store/database.js';
import { configDatastores } from './datastore-catalog.js';
import { loadPipeline, validateAssignments } from './load-pipeline.js';
import { PipelinePublishing } from './publishing.js';
import { PublishingStore } from './publishing-store.js';
import { LocalPipelineRunner } from './runner.js';
import type { RunnablePipeline } from './runner-types.js';
import { ScheduleHost } from './schedule-host.js';
import { scheduleSubmitRequest, type ScheduleRecord, type ScheduleSubmit, type ScheduleTarget, type ScheduleTargets } from './schedule-types.js';
import { ScheduleService } from './schedules.js';
import { snapshotSourceDirectory } from './source-snapshot.js';

/** The one workspace a Sluice instance serves (the `{workspace}` of the Azure-shaped URLs). */
export const DEFAULT_WORKSPACE = 'local';

export interface PipelineParts {
  runner: LocalPipelineRunner;
  publishing: PipelinePublishing;
  datastores: ReturnType<typeof configDatastores>;
  schedules: ScheduleService;
  scheduleHost: ScheduleHost;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createPipelineParts(options: { db: SqliteDatabase; config: SluiceConfig; clock: Clock; baseUrl: string; workspace?: string }): PipelineParts {
  const { db, config, clock, baseUrl } = options;
  const workspace = options.workspace ?? DEFAULT_WORKSPACE;
  const runner = new LocalPipelineRunner({ db, config, workDir: join(config.dataDir, 'pipeline-runs'), clock: () => new Date(clock.now()) });
  const datastores = configDatastores(config);
  const publishingStore = new PublishingStore(db, () => clock.now());
  const publishing = new PipelinePublishing({
    store: publishingStore,
    runner,
    dataDir: config.dataDir,
    datastoreNames: () => datastores.names(),
    endpointUrl: (id) => `${baseUrl}/pipelines/v1.0/workspaces/${workspace}/PipelineRuns/PipelineSubmit/${id}`,
    tools: { loadPipeline, validateAssignments, snapshotSourceDirectory },
    now: () => clock.now(),
  });

  /** The published pipeline a schedule runs (an endpoint's default version), or undefined. */
  const targetRow = (ref: { pipelineId?: string; pipelineEndpointId?: string }): { id: string; endpointActive: boolean } | undefined => {
    try {
      if (ref.pipelineId !== undefined) return { id: ref.pipelineId, endpointActive: true };
      if (ref.pipelineEndpointId === undefined) return undefined;
      const endpoint = publishing.getEndpoint(ref.pipelineEndpointId);
      const version = endpoint.versions.find((v) => v.version === endpoint.defaultVersion);
      return version === undefined ? undefined : { id: version.pipelineId, endpointActive: endpoint.status === 'Active' };
    } catch {
      return undefined;
    }
  };
  const targets: ScheduleTargets = {
    find(ref): ScheduleTarget | undefined {
      const target = targetRow(ref);
      const row = target === undefined ? undefined : publishingStore.getPipeline(target.id);
      if (row === undefined || target === undefined) return undefined;
      return { status: target.endpointActive ? row.status : 'Disabled', parameters: row.definition.parameters };
    },
  };
  const submit: ScheduleSubmit = async (schedule: ScheduleRecord, context) => {
    const target = targetRow(schedule);
    const row = target === undefined ? undefined : publishingStore.getPipeline(target.id);
    if (row === undefined) throw new Error(`schedule '${schedule.name}': its pipeline no longer exists`);
    const pipeline: RunnablePipeline = {
      definition: row.definition,
      sourceRoot: row.snapshotPath,
      publishedPipelineId: row.id,
      ...(schedule.pipelineEndpointId === undefined ? {} : { pipelineEndpointId: schedule.pipelineEndpointId }),
    };
    const run = await runner.submit(scheduleSubmitRequest(schedule, context, pipeline));
    return { runId: run.id };
  };
  const scheduleHost = new ScheduleHost({ db, clock, config, submit, targets });
  const schedules = new ScheduleService({ db, clock, config, host: scheduleHost, targets, runs: runner });
  return {
    runner,
    publishing,
    datastores,
    schedules,
    scheduleHost,
    start: async () => {
      await runner.start();
      await scheduleHost.start();
    },
    stop: async () => {
      await scheduleHost.stop();
      await runner.stop();
    },
  };
}
