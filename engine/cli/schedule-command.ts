/**
 * `sluice schedule create|list|disable|enable`: pipeline schedules on a running Sluice through
 * `/api/schedules`. Flags map onto the SDK-named body the schedule service reads
 * (schedule-input.ts); the server does the real validation, so its issues (with their fields) are
 * what the user sees. Exit codes: 0 ok, 1 API error, 2 usage error.
 */
import { ApiClient } from './api-client.js';
import { guarded, table, type Io } from './pipeline-command.js';

/** A command line that cannot be turned into a request: exit code 2, nothing is sent. */
export class UsageError extends Error {}

export interface ScheduleCreateOptions {
  url?: string;
  name?: string;
  pipeline?: string;
  endpoint?: string;
  experiment?: string;
  description?: string;
  frequency?: string;
  interval?: string;
  startTime?: string;
  timeZone?: string;
  hours?: string;
  minutes?: string;
  weekDays?: string;
  timeOfDay?: string;
  datastore?: string;
  path?: string;
  pollingInterval?: string;
  dataPathParameter?: string;
  param?: string[];
}

/** The resource `/api/schedules` answers with (SDK property names). */
export interface ScheduleView {
  id: string;
  name: string;
  status: string;
  schedule_type: string;
  pipeline_id?: string;
  pipeline_endpoint_id?: string;
  experiment_name: string;
  next_fire_time?: string;
  last_run_id?: string;
}

const RECURRENCE_FLAGS: [keyof ScheduleCreateOptions, string][] = [
  ['interval', '--interval'], ['startTime', '--start-time'], ['timeZone', '--time-zone'], ['hours', '--hours'],
  ['minutes', '--minutes'], ['weekDays', '--week-days'], ['timeOfDay', '--time-of-day'],
];
const DATASTORE_FLAGS: [keyof ScheduleCreateOptions, string][] = [
  ['path', '--path'], ['pollingInterval', '--polling-interval'], ['dataPathParameter', '--data-path-parameter'],
];

/** Whole numbers as written; the range is the server's to judge (it has the SDK's wording). */
function integer(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${flag} must be an integer, got '${text}'`);
  return Number(text);
}

function integers(text: string, flag: string): number[] {
  return text.split(',').map((item) => integer(item, flag));
}

function parameters(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    if (at <= 0) throw new UsageError(`--param '${v}' must be NAME=VALUE`);
    out[v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}

function given(o: ScheduleCreateOptions, flags: [keyof ScheduleCreateOptions, string][]): string[] {
  return flags.filter(([key]) => o[key] !== undefined).map(([, flag]) => flag);
}

/** The flags' own consistency; everything about values is left to the server. */
function checkUsage(o: ScheduleCreateOptions): void {
  if (o.name === undefined) throw new UsageError('--name is required');
  if (o.experiment === undefined) throw new UsageError('--experiment is required');
  if ((o.pipeline === undefined) === (o.endpoint === undefined)) throw new UsageError('give exactly one of --pipeline and --endpoint');
  if ((o.frequency === undefined) === (o.datastore === undefined)) throw new UsageError('give either --frequency (a recurrence) or --datastore (a datastore schedule), not both');
  const stray = o.frequency === undefined ? given(o, RECURRENCE_FLAGS) : given(o, DATASTORE_FLAGS);
  if (stray.length > 0) throw new UsageError(`${stray.join(', ')} ${stray.length === 1 ? 'needs' : 'need'} ${o.frequency === undefined ? '--frequency' : '--datastore'}`);
}

function recurrenceOf(o: ScheduleCreateOptions): Record<string, unknown> {
  const r: Record<string, unknown> = { frequency: o.frequency };
  if (o.interval !== undefined) r['interval'] = integer(o.interval, '--interval');
  if (o.startTime !== undefined) r['start_time'] = o.startTime;
  if (o.timeZone !== undefined) r['time_zone'] = o.timeZone;
  if (o.hours !== undefined) r['hours'] = integers(o.hours, '--hours');
  if (o.minutes !== undefined) r['minutes'] = integers(o.minutes, '--minutes');
  if (o.weekDays !== undefined) r['week_days'] = o.weekDays.split(',').map((d) => d.trim());
  if (o.timeOfDay !== undefined) r['time_of_day'] = o.timeOfDay;
  return r;
}

/** The create body, without the pipeline reference (resolved against the server). */
export function scheduleBody(o: ScheduleCreateOptions): Record<string, unknown> {
  checkUsage(o);
  const body: Record<string, unknown> = { name: o.name, experiment_name: o.experiment };
  if (o.description !== undefined) body['description'] = o.description;
  if (o.param !== undefined && o.param.length > 0) body['pipeline_parameters'] = parameters(o.param);
  if (o.frequency !== undefined) body['recurrence'] = recurrenceOf(o);
  else {
    body['datastore'] = o.datastore;
    if (o.path !== undefined) body['path_on_datastore'] = o.path;
    if (o.pollingInterval !== undefined) body['polling_interval'] = integer(o.pollingInterval, '--polling-interval');
    if (o.dataPathParameter !== undefined) body['data_path_parameter_name'] = o.dataPathParameter;
  }
  return body;
}

function summary(s: ScheduleView): string {
  return `schedule ${s.name} (${s.id})\nkind: ${s.schedule_type}\nstatus: ${s.status}\nnext fire: ${s.next_fire_time ?? '-'}\n`;
}

/** Usage errors are exit 2 before any request; the rest goes through `guarded` (exit 1). */
async function usageFirst(io: Io, prepare: () => Record<string, unknown>, send: (body: Record<string, unknown>) => Promise<number>): Promise<number> {
  let body: Record<string, unknown>;
  try {
    body = prepare();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`error: ${err.message}\n`);
    return 2;
  }
  return guarded(io, () => send(body));
}

export async function createScheduleCommand(o: ScheduleCreateOptions, io: Io): Promise<number> {
  return usageFirst(io, () => scheduleBody(o), async (body) => {
    const client = new ApiClient(o.url);
    // Names are resolved here so the schedule is bound to one published pipeline or endpoint id.
    if (o.pipeline !== undefined) {
      body['pipeline_id'] = (await client.json<{ id: string }>('GET', `/api/published-pipelines/${encodeURIComponent(o.pipeline)}`)).id;
    } else {
      body['pipeline_endpoint_id'] = (await client.json<{ id: string }>('GET', `/api/pipeline-endpoints/${encodeURIComponent(o.endpoint!)}`)).id;
    }
    const created = await client.json<ScheduleView>('POST', '/api/schedules', body);
    io.out(`created ${summary(created)}`);
    return 0;
  });
}

export async function listSchedulesCommand(o: { url?: string; all?: boolean }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const { value } = await new ApiClient(o.url).json<{ value: ScheduleView[] }>('GET', `/api/schedules${o.all === true ? '?includeDisabled=true' : ''}`);
    const rows = value.map((s) => [
      s.id, s.name, s.schedule_type, s.status,
      s.pipeline_id ?? (s.pipeline_endpoint_id === undefined ? '' : `endpoint:${s.pipeline_endpoint_id}`),
      s.next_fire_time ?? '-', s.last_run_id ?? '-',
    ]);
    io.out(table(['ID', 'NAME', 'KIND', 'STATUS', 'PIPELINE', 'NEXT FIRE', 'LAST RUN'], rows));
    return 0;
  });
}

export async function setScheduleStatusCommand(id: string, action: 'disable' | 'enable', o: { url?: string }, io: Io): Promise<number> {
  return guarded(io, async () => {
    const s = await new ApiClient(o.url).json<ScheduleView>('POST', `/api/schedules/${encodeURIComponent(id)}/${action}`);
    io.out(`${s.name} (${s.id}): ${s.status}${s.status === 'Active' ? `, next fire ${s.next_fire_time ?? '-'}` : ''}\n`);
    return 0;
  });
}
