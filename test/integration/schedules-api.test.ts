/**
 * `/api/schedules` over HTTP on the real stack (startSluice, SQLite, the schedule host armed):
 * create, validation with the SDK's wording and the field named, list with and without disabled
 * schedules, get, update, disable/enable, runs and last run, unknown ids.
 */
import assert from 'node:assert/strict';
import { startScheduleStack, type ScheduleStack } from '../helpers/schedule-stack.js';

interface Schedule {
  id: string;
  name: string;
  status: string;
  schedule_type: string;
  pipeline_id?: string;
  experiment_name: string;
  description?: string;
  next_fire_time?: string;
  recurrence?: { frequency: string; interval: number; hours?: number[]; minutes?: number[]; week_days?: string[]; time_zone?: string };
  datastore_name?: string;
  path_on_datastore?: string;
  polling_interval?: number;
  pipeline_parameters?: Record<string, unknown>;
}

interface Failure {
  code: string;
  message: string;
  issues?: { pointer: string; message: string }[];
}

describe('/api/schedules on the real stack', function () {
  this.timeout(30_000);
  let stack: ScheduleStack;

  before(async function () {
    stack = await startScheduleStack();
  });
  after(async function () {
    await stack?.stop();
  });

  const daily = (name: string) => ({
    name,
    pipeline_id: stack.pipelineId,
    experiment_name: 'scheduled',
    // A future start_time, so nothing fires during the test (without one the SDK runs at once).
    recurrence: { frequency: 'Day', interval: 1, hours: [9], minutes: [30], start_time: '2099-01-01T09:30:00', time_zone: 'UTC' },
    pipeline_parameters: { greeting: 'hi' },
  });

  async function create(body: unknown): Promise<Schedule> {
    const res = await stack.api<Schedule>('POST', '/api/schedules', body);
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json;
  }

  it('creates a recurrence schedule: 201 with an id, Active, and its first fire time', async function () {
    const s = await create(daily('daily-0930'));
    assert.match(s.id, /^[0-9a-f-]{36}$/);
    assert.equal(s.status, 'Active');
    assert.equal(s.schedule_type, 'Recurrence');
    assert.equal(s.pipeline_id, stack.pipelineId);
    assert.deepEqual(s.pipeline_parameters, { greeting: 'hi' });
    // start_time itself matches hours/minutes, so the first run is the next occurrence (spec §6).
    assert.equal(s.next_fire_time, '2099-01-02T09:30:00.000Z');
  });

  it('refuses bad schedules with 400, the SDK wording and every field named, creating nothing', async function () {
    const countBefore = (await stack.api<{ value: Schedule[] }>('GET', '/api/schedules?includeDisabled=true')).json.value.length;
    const res = await stack.api<Failure>('POST', '/api/schedules', {
      ...daily('bad'),
      recurrence: { frequency: 'Hour', interval: 0, hours: [9] },
      pipeline_parameters: { nope: 1 },
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.code, 'InvalidArgument');
    const issues = new Map((res.json.issues ?? []).map((i) => [i.pointer, i.message]));
    assert.equal(issues.get('/recurrence/hours'), 'Can only specify hours if frequency is Week or Day.');
    assert.equal(issues.get('/recurrence/interval'), 'Interval must be an integer greater than 0.');
    assert.match(issues.get('/pipeline_parameters/nope') ?? '', /no parameter 'nope'/);
    assert.match(res.json.message, /recurrence\.hours: Can only specify hours/);

    const frequency = await stack.api<Failure>('POST', '/api/schedules', { ...daily('bad2'), recurrence: { frequency: 'Daily', interval: 1 } });
    assert.equal(frequency.status, 400);
    assert.deepEqual(frequency.json.issues?.map((i) => [i.pointer, i.message]), [['/recurrence/frequency', 'Invalid value for frequency, only one of Minute, Hour, Day, Week, or Month accepted']]);

    const unknownPipeline = await stack.api<Failure>('POST', '/api/schedules', { ...daily('bad3'), pipeline_id: 'no-such-pipeline' });
    assert.equal(unknownPipeline.status, 400);
    assert.ok(unknownPipeline.json.issues?.some((i) => i.pointer === '/pipeline_id'), JSON.stringify(unknownPipeline.json));

    const after = (await stack.api<{ value: Schedule[] }>('GET', '/api/schedules?includeDisabled=true')).json.value.length;
    assert.equal(after, countBefore);
  });

  it('lists Active schedules by default and disabled ones too with includeDisabled=true', async function () {
    const active = await create(daily('list-active'));
    const watched = await create({ name: 'list-watch', pipeline_id: stack.pipelineId, experiment_name: 'scheduled', datastore: 'files', path_on_datastore: 'inbox', polling_interval: 10, data_path_parameter_name: 'input_path' });
    assert.equal(watched.schedule_type, 'DataStore');
    assert.equal(watched.datastore_name, 'files');
    assert.equal(watched.polling_interval, 10);
    const disabled = await stack.api<Schedule>('POST', `/api/schedules/${watched.id}/disable`);
    assert.equal(disabled.status, 200);
    assert.equal(disabled.json.status, 'Disabled');

    const ids = async (query: string): Promise<string[]> => (await stack.api<{ value: Schedule[] }>('GET', `/api/schedules${query}`)).json.value.map((s) => s.id);
    const activeOnly = await ids('');
    assert.ok(activeOnly.includes(active.id));
    assert.ok(!activeOnly.includes(watched.id));
    const all = await ids('?includeDisabled=true');
    assert.ok(all.includes(active.id));
    assert.ok(all.includes(watched.id));
  });

  it('gets, updates (PATCH keeps omitted fields), disables and enables a schedule', async function () {
    const s = await create(daily('patched'));
    const got = await stack.api<Schedule>('GET', `/api/schedules/${s.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.json, s);

    const patched = await stack.api<Schedule>('PATCH', `/api/schedules/${s.id}`, {
      description: 'Fridays at five',
      recurrence: { frequency: 'Week', interval: 1, week_days: ['Friday'], time_of_day: '17:00', start_time: '2099-01-02T17:00:00', time_zone: 'UTC' },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
    assert.equal(patched.json.description, 'Fridays at five');
    assert.equal(patched.json.name, 'patched');
    assert.deepEqual(patched.json.pipeline_parameters, { greeting: 'hi' });
    assert.deepEqual(patched.json.recurrence?.hours, [17]);
    assert.equal(patched.json.next_fire_time, '2099-01-09T17:00:00.000Z');

    const refused = await stack.api<Failure>('PATCH', `/api/schedules/${s.id}`, { experiment_name: 'other', datastore: 'files' });
    assert.equal(refused.status, 400);
    const pointers = refused.json.issues?.map((i) => i.pointer).sort();
    assert.deepEqual(pointers, ['/datastore', '/experiment_name']);
    assert.equal((await stack.api<Schedule>('GET', `/api/schedules/${s.id}`)).json.experiment_name, 'scheduled');

    const off = await stack.api<Schedule>('POST', `/api/schedules/${s.id}/disable`);
    assert.equal(off.json.status, 'Disabled');
    const on = await stack.api<Schedule>('POST', `/api/schedules/${s.id}/enable`);
    assert.equal(on.status, 200);
    assert.equal(on.json.status, 'Active');
    const resumed = new Date(on.json.next_fire_time ?? '');
    assert.equal(resumed.getUTCDay(), 5, on.json.next_fire_time);
    assert.equal(resumed.toISOString().slice(11, 16), '17:00');
  });

  it('has no runs and no last run before it fires', async function () {
    const s = await create(daily('quiet'));
    const runs = await stack.api<{ value: unknown[] }>('GET', `/api/schedules/${s.id}/runs`);
    assert.equal(runs.status, 200);
    assert.deepEqual(runs.json.value, []);
    const last = await stack.api<Failure>('GET', `/api/schedules/${s.id}/lastRun`);
    assert.equal(last.status, 404);
    assert.match(last.json.message, /has not started a run yet/);
  });

  it('without start_time fires at once (the SDK rule): the run shows in runs and as the last run', async function () {
    const s = await create({ ...daily('at-once'), recurrence: { frequency: 'Day', interval: 1 } });
    const deadline = Date.now() + 20_000;
    let runs: { run_id?: string; status: string }[] = [];
    // The schedule host fires on its own timer (claim, then submit): poll until the run is recorded.
    while (runs[0]?.run_id === undefined && Date.now() < deadline) {
      runs = (await stack.api<{ value: { run_id?: string; status: string }[] }>('GET', `/api/schedules/${s.id}/runs`)).json.value;
      if (runs[0]?.run_id === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(runs.length, 1, 'the schedule did not fire');
    assert.equal(runs[0]!.status, 'Submitted');
    assert.ok(runs[0]!.run_id);
    const last = await stack.api<{ run_id: string; run?: { id: string; experimentName: string } }>('GET', `/api/schedules/${s.id}/lastRun`);
    assert.equal(last.status, 200);
    assert.equal(last.json.run_id, runs[0]!.run_id);
    assert.equal(last.json.run?.id, runs[0]!.run_id);
    assert.equal(last.json.run?.experimentName, 'scheduled');
    const after = await stack.api<Schedule & { last_run_id?: string }>('GET', `/api/schedules/${s.id}`);
    assert.equal(after.json.last_run_id, runs[0]!.run_id);
    assert.ok(Date.parse(after.json.next_fire_time ?? '') > Date.now(), after.json.next_fire_time);
  });

  it('answers 404 for an unknown schedule id', async function () {
    for (const [method, path] of [
      ['GET', '/api/schedules/no-such-schedule'],
      ['PATCH', '/api/schedules/no-such-schedule'],
      ['POST', '/api/schedules/no-such-schedule/disable'],
      ['POST', '/api/schedules/no-such-schedule/enable'],
      ['GET', '/api/schedules/no-such-schedule/runs'],
    ] as const) {
      const res = await stack.api<Failure>(method, path, method === 'PATCH' ? { description: 'x' } : undefined);
      assert.equal(res.status, 404, `${method} ${path}`);
      assert.equal(res.json.code, 'NotFound');
      assert.match(res.json.message, /no-such-schedule/);
    }
  });
});
