/**
 * `/api/schedules`: pipeline schedules (create, list — Active only unless `includeDisabled=true` —,
 * get, update, enable, disable, runs, last run). Without a schedule service the routes exist but
 * answer 404 `SchedulesNotConfigured`. Invalid bodies are 400 with one issue per field.
 */
import type { Request, Router } from 'express';
import type { ScheduleHost } from '../../pipelines/schedule-host.js';
import { ScheduleValidationError, type ScheduleService } from '../../pipelines/schedules.js';
import type { Value } from '../../expressions/value.js';
import { ApiError } from '../api-error.js';
import { compact, sendJson } from '../json-response.js';
import type { ScheduleFire, ScheduleRecord } from '../../pipelines/schedule-types.js';

export interface ScheduleDeps {
  service: ScheduleService;
  host?: ScheduleHost;
}

function configured(deps: ScheduleDeps | undefined): ScheduleService {
  if (deps === undefined) throw new ApiError(404, 'SchedulesNotConfigured', 'Pipeline schedules are not configured on this instance.');
  return deps.service;
}

function body(req: Request): unknown {
  const raw = (req as Request & { body?: unknown }).body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return {};
  try {
    // Plain JSON: the service checks types itself and wants JavaScript numbers.
    return JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new ApiError(400, 'InvalidJson', `the request body is not JSON: ${(err as Error).message}`);
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ScheduleValidationError) {
      throw new ApiError(400, 'InvalidArgument', err.message, err.issues.map((i) => ({ code: 'SchemaViolation', pointer: `/${i.field.replace(/\./g, '/')}`, message: i.message })));
    }
    throw err;
  }
}

/** The SDK's property names. */
export function scheduleResource(s: ScheduleRecord): Value {
  return compact({
    id: s.id, name: s.name, description: s.description, pipeline_id: s.pipelineId, pipeline_endpoint_id: s.pipelineEndpointId,
    experiment_name: s.experimentName, status: s.status, schedule_type: s.kind === 'recurrence' ? 'Recurrence' : 'DataStore',
    recurrence: s.recurrence as Value | undefined, datastore_name: s.datastoreName, path_on_datastore: s.pathOnDatastore,
    polling_interval: s.pollingInterval, data_path_parameter_name: s.dataPathParameterName, continue_on_step_failure: s.continueOnStepFailure,
    pipeline_parameters: s.pipelineParameters, next_fire_time: s.nextFireTime, last_run_id: s.lastRunId, last_error: s.lastError as Value | undefined,
    created_time: s.createdTime, updated_time: s.updatedTime,
  });
}

function fireResource(f: ScheduleFire): Value {
  return compact({
    id: f.id, scheduled_time: f.scheduledTime, fired_time: f.firedTime, changed_path: f.changedPath, status: f.status, run_id: f.runId,
    parameter_assignments: f.parameterAssignments, data_path_assignments: f.dataPathAssignments as unknown as Value, error: f.error,
  });
}

export function registerScheduleRoutes(router: Router, deps: ScheduleDeps | undefined): void {
  router.get('/api/schedules', (req, res) => {
    const service = configured(deps);
    const q = (name: string): string | undefined => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    const list = service.list({ includeDisabled: q('includeDisabled') === 'true', pipelineId: q('pipelineId'), pipelineEndpointId: q('pipelineEndpointId') });
    sendJson(res, 200, { value: list.map(scheduleResource) });
  });
  router.post('/api/schedules', (req, res) => {
    const service = configured(deps);
    sendJson(res, 201, scheduleResource(guard(() => service.create(body(req)))));
  });
  router.get('/api/schedules/:id', (req, res) => {
    sendJson(res, 200, scheduleResource(configured(deps).get(req.params.id)));
  });
  router.patch('/api/schedules/:id', (req, res) => {
    const service = configured(deps);
    sendJson(res, 200, scheduleResource(guard(() => service.update(req.params.id, body(req)))));
  });
  router.post('/api/schedules/:id/enable', (req, res) => {
    sendJson(res, 200, scheduleResource(configured(deps).enable(req.params.id)));
  });
  router.post('/api/schedules/:id/disable', (req, res) => {
    sendJson(res, 200, scheduleResource(configured(deps).disable(req.params.id)));
  });
  router.get('/api/schedules/:id/runs', (req, res) => {
    sendJson(res, 200, { value: configured(deps).runs(req.params.id).map(fireResource) });
  });
  router.get('/api/schedules/:id/lastRun', (req, res) => {
    const last = configured(deps).lastRun(req.params.id);
    if (last === undefined) throw new ApiError(404, 'NotFound', `Schedule '${req.params.id}' has not started a run yet.`);
    sendJson(res, 200, compact({ ...(fireResource(last.fire) as Record<string, Value>), run: last.run as unknown as Value | undefined }));
  });
}
