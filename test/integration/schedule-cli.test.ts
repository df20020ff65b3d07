/**
 * `sluice schedule create|list|disable|enable` as a child process against Sluice started
 * in-process: exit 0 with the schedule printed, 2 for a bad command line (nothing sent), 1 with the
 * server's message and the field for a schedule the API refuses.
 */
import assert from 'node:assert/strict';
import { runCliAsync } from '../helpers/run-cli.js';
import { PIPELINE_NAME, startScheduleStack, type ScheduleStack } from '../helpers/schedule-stack.js';

const sluice = runCliAsync;

describe('sluice schedule CLI against a running server', function () {
  this.timeout(60_000);
  let stack: ScheduleStack;

  before(async function () {
    stack = await startScheduleStack();
  });
  after(async function () {
    await stack?.stop();
  });

  const schedules = async (): Promise<{ id: string; name: string; status: string }[]> =>
    (await stack.api<{ value: { id: string; name: string; status: string }[] }>('GET', '/api/schedules?includeDisabled=true')).json.value;

  it('creates a recurrence schedule by pipeline name, lists it, disables and enables it', async function () {
    const created = await sluice([
      'schedule', 'create', '--url', stack.url, '--name', 'cli-weekly', '--pipeline', PIPELINE_NAME, '--experiment', 'cli_sched',
      '--frequency', 'Week', '--interval', '1', '--week-days', 'Friday', '--time-of-day', '17:00',
      '--start-time', '2099-01-02T17:00:00', '--time-zone', 'UTC', '--param', 'greeting=bonjour', '--description', 'weekly',
    ]);
    assert.equal(created.status, 0, created.stderr);
    const id = /^created schedule cli-weekly \((\S+)\)$/m.exec(created.stdout)?.[1];
    assert.ok(id, created.stdout);
    assert.match(created.stdout, /^status: Active$/m);
    assert.match(created.stdout, /^next fire: 2099-01-09T17:00:00\.000Z$/m);
    const stored = await stack.api<{ pipeline_id: string; recurrence: { hours: number[]; week_days: string[] }; pipeline_parameters: Record<string, unknown> }>('GET', `/api/schedules/${id}`);
    assert.equal(stored.json.pipeline_id, stack.pipelineId);
    assert.deepEqual(stored.json.recurrence.week_days, ['Friday']);
    assert.deepEqual(stored.json.recurrence.hours, [17]);
    assert.deepEqual(stored.json.pipeline_parameters, { greeting: 'bonjour' });

    const listed = await sluice(['schedule', 'list', '--url', stack.url]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^ID\s+NAME\s+KIND\s+STATUS\s+PIPELINE\s+NEXT FIRE\s+LAST RUN$/m);
    assert.match(listed.stdout, new RegExp(`^${id}\\s+cli-weekly\\s+Recurrence\\s+Active\\s+${stack.pipelineId}\\s+2099-01-09T17:00:00\\.000Z\\s+-$`, 'm'));

    const disabled = await sluice(['schedule', 'disable', id!, '--url', stack.url]);
    assert.equal(disabled.status, 0, disabled.stderr);
    assert.equal(disabled.stdout, `cli-weekly (${id}): Disabled\n`);
    assert.equal((await schedules()).find((s) => s.id === id)?.status, 'Disabled');
    assert.doesNotMatch((await sluice(['schedule', 'list', '--url', stack.url])).stdout, new RegExp(id!));
    assert.match((await sluice(['schedule', 'list', '--all', '--url', stack.url])).stdout, new RegExp(`^${id}\\s+cli-weekly\\s+Recurrence\\s+Disabled`, 'm'));

    const enabled = await sluice(['schedule', 'enable', id!, '--url', stack.url]);
    assert.equal(enabled.status, 0, enabled.stderr);
    assert.match(enabled.stdout, new RegExp(`^cli-weekly \\(${id}\\): Active, next fire \\S+Z$`, 'm'));
    assert.equal((await schedules()).find((s) => s.id === id)?.status, 'Active');
  });

  it('creates a datastore schedule', async function () {
    const created = await sluice([
      'schedule', 'create', '--url', stack.url, '--name', 'cli-watch', '--pipeline', stack.pipelineId, '--experiment', 'cli_sched',
      '--datastore', 'files', '--path', 'inbox', '--polling-interval', '15', '--data-path-parameter', 'input_path',
    ]);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /^kind: DataStore$/m);
    const id = /^created schedule cli-watch \((\S+)\)$/m.exec(created.stdout)![1]!;
    const stored = await stack.api<{ datastore_name: string; path_on_datastore: string; polling_interval: number; data_path_parameter_name: string }>('GET', `/api/schedules/${id}`);
    assert.equal(stored.json.datastore_name, 'files');
    assert.equal(stored.json.path_on_datastore, 'inbox');
    assert.equal(stored.json.polling_interval, 15);
    assert.equal(stored.json.data_path_parameter_name, 'input_path');
  });

  it('exits 2 on a usage error and sends nothing', async function () {
    const before = (await schedules()).length;
    const cases: string[][] = [
      ['--name', 'u1', '--experiment', 'e', '--frequency', 'Day', '--interval', '1'],
      ['--name', 'u2', '--pipeline', PIPELINE_NAME, '--endpoint', 'ep', '--experiment', 'e', '--frequency', 'Day', '--interval', '1'],
      ['--name', 'u3', '--pipeline', PIPELINE_NAME, '--experiment', 'e', '--frequency', 'Day', '--interval', 'often'],
      ['--name', 'u4', '--pipeline', PIPELINE_NAME, '--experiment', 'e', '--frequency', 'Day', '--interval', '1', '--datastore', 'files'],
      ['--name', 'u5', '--pipeline', PIPELINE_NAME, '--experiment', 'e', '--frequency', 'Day', '--interval', '1', '--param', 'novalue'],
      ['--name', 'u6', '--pipeline', PIPELINE_NAME, '--experiment', 'e', '--frequency', 'Day', '--interval', '1', '--no-such-flag'],
    ];
    for (const args of cases) {
      const result = await sluice(['schedule', 'create', '--url', stack.url, ...args]);
      assert.equal(result.status, 2, `${args.join(' ')}\n${result.stdout}${result.stderr}`);
      assert.match(result.stderr, /^error: /m);
    }
    assert.match((await sluice(['schedule', 'create', '--url', stack.url, ...cases[0]!])).stderr, /--pipeline and --endpoint/);
    assert.match((await sluice(['schedule', 'create', '--url', stack.url, ...cases[2]!])).stderr, /--interval must be an integer/);
    assert.equal((await sluice(['schedule', 'disable', '--url', stack.url])).status, 2);
    assert.equal((await schedules()).length, before);
  });

  it('exits 1 with the server message and the field when the API refuses the schedule', async function () {
    const before = (await schedules()).length;
    const bad = await sluice([
      'schedule', 'create', '--url', stack.url, '--name', 'cli-bad', '--pipeline', PIPELINE_NAME, '--experiment', 'cli_sched',
      '--frequency', 'Hour', '--interval', '1', '--hours', '9',
    ]);
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /InvalidArgument/);
    assert.match(bad.stderr, /\/recurrence\/hours: Can only specify hours if frequency is Week or Day\./);

    const frequency = await sluice(['schedule', 'create', '--url', stack.url, '--name', 'cli-bad', '--pipeline', PIPELINE_NAME, '--experiment', 'cli_sched', '--frequency', 'Fortnight', '--interval', '1']);
    assert.equal(frequency.status, 1);
    assert.match(frequency.stderr, /recurrence\.frequency: Invalid value for frequency, only one of Minute, Hour, Day, Week, or Month accepted/);

    const unknownPipeline = await sluice(['schedule', 'create', '--url', stack.url, '--name', 'cli-bad', '--pipeline', 'no-such-pipeline', '--experiment', 'x', '--frequency', 'Day', '--interval', '1']);
    assert.equal(unknownPipeline.status, 1);
    assert.match(unknownPipeline.stderr, /no-such-pipeline/);

    const unknownId = await sluice(['schedule', 'disable', 'no-such-schedule', '--url', stack.url]);
    assert.equal(unknownId.status, 1);
    assert.match(unknownId.stderr, /NotFound: Schedule 'no-such-schedule' was not found\./);
    assert.equal((await schedules()).length, before);
  });
});
