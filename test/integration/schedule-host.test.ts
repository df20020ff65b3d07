/**
 * Schedule firing with a ManualClock (no sleeps) on a real SQLite file: on time, once after
 * downtime, never twice across a restart; datastore schedules against a folder and Azurite; fire-time
 * parameter expressions; disabled pipelines and schedules; the service's validation messages.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig, type SluiceConfig } from '../../engine/config.js';
import { ScheduleHost } from '../../engine/pipelines/schedule-host.js';
import type { ScheduleRecord, ScheduleSubmitContext, ScheduleTarget } from '../../engine/pipelines/schedule-types.js';
import { ScheduleService, ScheduleValidationError } from '../../engine/pipelines/schedules.js';
import { ManualClock } from '../../engine/runtime/clock.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { openDatastore } from '../../connectors/blob/datastore.js';

const MINUTE = 60_000;

interface Submitted {
  schedule: ScheduleRecord;
  context: ScheduleSubmitContext;
}

interface Rig {
  store: SqliteStore;
  host: ScheduleHost;
  service: ScheduleService;
  submitted: Submitted[];
  config: SluiceConfig;
}

describe('pipeline schedules through the schedule host', function () {
  let dir: string;
  let clock: ManualClock;
  let submitted: Submitted[];
  const targets = new Map<string, ScheduleTarget>();
  const rigs: Rig[] = [];

  const open = (config: SluiceConfig = defaultConfig()): Rig => {
    const store = new SqliteStore({ path: join(dir, 'sluice.db') });
    const submit = async (schedule: ScheduleRecord, context: ScheduleSubmitContext): Promise<{ runId: string }> => {
      submitted.push({ schedule, context });
      return { runId: `run-${submitted.length}` };
    };
    const find = { find: (ref: { pipelineId?: string }) => targets.get(ref.pipelineId ?? '') };
    const host = new ScheduleHost({ db: store.db, clock, config, submit, targets: find });
    const service = new ScheduleService({ db: store.db, clock, config, host, targets: find });
    host.start();
    const rig = { store, host, service, submitted, config };
    rigs.push(rig);
    return rig;
  };
  const close = async (rig: Rig): Promise<void> => {
    await rig.host.stop();
    rig.store.close();
    rigs.splice(rigs.indexOf(rig), 1);
  };
  const advance = async (rig: Rig, ms: number): Promise<void> => {
    clock.advance(ms);
    await rig.host.idle();
  };

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-schedules-'));
    clock = new ManualClock('2026-03-02T10:00:00.000Z');
    submitted = [];
    targets.clear();
    targets.set('pp-1', { status: 'Active', parameters: { alpha: { type: 'string' }, when: { type: 'string' }, input_datapath: { type: 'datapath' } } });
  });
  afterEach(async function () {
    for (const rig of [...rigs]) await close(rig);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires a recurrence on time, once after downtime, and never twice across a restart', async function () {
    let rig = open();
    const s = rig.service.create({
      name: 'hourly', pipeline_id: 'pp-1', experiment_name: 'exp',
      recurrence: { frequency: 'Hour', interval: 1, start_time: '2026-03-02T09:30:00', time_zone: 'UTC' },
      pipeline_parameters: { alpha: 'plain', when: '@trigger().scheduledTime' },
    });
    assert.equal(s.nextFireTime, '2026-03-02T10:30:00.000Z');
    await advance(rig, 29 * MINUTE);
    assert.equal(submitted.length, 0);
    await advance(rig, 1 * MINUTE);
    assert.equal(submitted.length, 1);
    assert.deepEqual(submitted[0]!.context.parameterAssignments, { alpha: 'plain', when: '2026-03-02T10:30:00.000Z' });
    assert.equal(submitted[0]!.schedule.id, s.id);
    await advance(rig, 60 * MINUTE);
    assert.equal(submitted.length, 2);
    assert.equal(rig.service.get(s.id).lastRunId, 'run-2');

    // Down from 11:30 to 15:10: 12:30, 13:30, 14:30 were missed; one firing, then 15:30.
    await close(rig);
    clock.advance(3 * 60 * MINUTE + 40 * MINUTE);
    rig = open();
    await advance(rig, 0);
    assert.equal(submitted.length, 3);
    assert.equal(submitted[2]!.context.scheduledTime, '2026-03-02T12:30:00.000Z');
    assert.equal(rig.service.get(s.id).nextFireTime, '2026-03-02T15:30:00.000Z');

    // A restart right after a firing fires nothing again.
    await close(rig);
    rig = open();
    await advance(rig, 0);
    assert.equal(submitted.length, 3);
    await advance(rig, 20 * MINUTE);
    assert.equal(submitted.length, 4);
    assert.deepEqual(rig.service.runs(s.id).map((f) => f.runId), ['run-4', 'run-3', 'run-2', 'run-1']);
  });

  it('fires at once when created without start_time; a disabled schedule does not fire', async function () {
    const rig = open();
    const s = rig.service.create({ name: 'q', pipeline_id: 'pp-1', experiment_name: 'exp', recurrence: { frequency: 'Minute', interval: 15 } });
    await advance(rig, 0);
    assert.equal(submitted.length, 1);
    rig.service.disable(s.id);
    assert.deepEqual(rig.service.list().map((x) => x.id), []);
    assert.deepEqual(rig.service.list({ includeDisabled: true }).map((x) => x.id), [s.id]);
    await advance(rig, 59 * MINUTE);
    assert.equal(submitted.length, 1);
    // Enabled at 10:59: the series counted from creation (10:00) resumes at 11:00; the missed ones do not fire.
    rig.service.enable(s.id);
    assert.equal(rig.service.get(s.id).nextFireTime, '2026-03-02T11:00:00.000Z');
    await advance(rig, MINUTE);
    assert.equal(submitted.length, 2);
  });

  it('does not fire while its published pipeline is disabled, and says why', async function () {
    const rig = open();
    const s = rig.service.create({ name: 'd', pipeline_id: 'pp-1', experiment_name: 'exp', recurrence: { frequency: 'Minute', interval: 10 } });
    await advance(rig, 0);
    assert.equal(submitted.length, 1);
    targets.set('pp-1', { status: 'Disabled' });
    await advance(rig, 10 * MINUTE);
    assert.equal(submitted.length, 1);
    const error = rig.service.get(s.id).lastError;
    assert.equal(error?.code, 'PipelineDisabled');
    assert.match(error!.message, /published pipeline 'pp-1' is Disabled; the schedule did not fire at 2026-03-02T10:10:00.000Z/);
    targets.set('pp-1', { status: 'Active' });
    await advance(rig, 10 * MINUTE);
    assert.equal(submitted.length, 2);
    assert.equal(rig.service.get(s.id).lastError, undefined);
  });

  it('watches the direct children of a folder datastore: one run per added or modified blob', async function () {
    const root = join(dir, 'files');
    mkdirSync(join(root, 'incoming', 'sub'), { recursive: true });
    writeFileSync(join(root, 'incoming', 'before.csv'), 'old');
    const config = defaultConfig();
    config.datastores['local'] = { kind: 'folder', path: root };
    const rig = open(config);
    const put = async (name: string, text: string): Promise<void> => openDatastore('local', config).write(`incoming/${name}`, text);
    await exerciseDatastore(rig, 'local', put, async (name) => void (await openDatastore('local', config).delete(`incoming/${name}`)));
  });

  describe('against Azurite', function () {
    let azurite: Azurite;
    before(async function () {
      this.timeout(60_000);
      azurite = await startAzurite();
    });
    after(async function () {
      await azurite?.stop();
    });

    it('watches the direct children of a blob container folder', async function () {
      this.timeout(30_000);
      const config = defaultConfig();
      config.connections['azureblob'] = { connectionString: azurite.connectionString };
      const store = openDatastore('workspaceblobstore', config);
      await store.ensureContainer();
      await store.write('incoming/before.csv', 'old');
      const rig = open(config);
      await exerciseDatastore(rig, 'workspaceblobstore', (name, text) => store.write(`incoming/${name}`, text), async (name) => void (await store.delete(`incoming/${name}`)));
    });
  });

  async function exerciseDatastore(rig: Rig, datastore: string, put: (name: string, text: string) => Promise<void>, remove: (name: string) => Promise<void>): Promise<void> {
    const s = rig.service.create({
      name: 'watch', pipeline_id: 'pp-1', experiment_name: 'exp', datastore, path_on_datastore: 'incoming', polling_interval: 5,
      data_path_parameter_name: 'input_datapath', pipeline_parameters: { alpha: '@triggerBody()?.path' },
    });
    await advance(rig, 0); // the baseline: before.csv fires nothing
    assert.equal(submitted.length, 0);
    for (const n of ['a.csv', 'b.csv', 'c.csv']) await put(n, n);
    await put('sub/deep.csv', 'x');
    await advance(rig, 5 * MINUTE);
    assert.equal(submitted.length, 3);
    assert.deepEqual(submitted.map((x) => x.context.dataPathAssignments['input_datapath']?.RelativePath).sort(), ['incoming/a.csv', 'incoming/b.csv', 'incoming/c.csv']);
    assert.deepEqual(submitted.map((x) => x.context.dataPathAssignments['input_datapath']?.DataStoreName), [datastore, datastore, datastore]);
    assert.deepEqual(submitted.map((x) => x.context.parameterAssignments['alpha']).sort(), ['incoming/a.csv', 'incoming/b.csv', 'incoming/c.csv']);
    await advance(rig, 5 * MINUTE);
    assert.equal(submitted.length, 3);
    await put('b.csv', 'changed');
    await remove('c.csv');
    await advance(rig, 5 * MINUTE);
    assert.equal(submitted.length, 4);
    assert.equal(submitted[3]!.context.changedPath, 'incoming/b.csv');
    // A restart polls on from the stored watermark: nothing fires again.
    await close(rig);
    const again = open(rig.config);
    await advance(again, 5 * MINUTE);
    assert.equal(submitted.length, 4);
    assert.equal(again.service.get(s.id).lastRunId, 'run-4');
  }

  it('refuses invalid schedules with the SDK messages and the field named', function () {
    const rig = open();
    const issues = (body: unknown): { field: string; message: string }[] => {
      try {
        rig.service.create(body);
      } catch (err) {
        if (err instanceof ScheduleValidationError) return [...err.issues];
        throw err;
      }
      return [];
    };
    assert.deepEqual(issues({ name: 'x', pipeline_id: 'pp-1', experiment_name: 'e', recurrence: { frequency: 'Day', interval: 1 }, datastore: 'workspacefilestore' }), [
      { field: 'datastore', message: 'Can not specify both a Recurrence and a Datastore' },
    ]);
    assert.deepEqual(issues({ name: 'x', pipeline_id: 'pp-1', experiment_name: 'e', recurrence: { frequency: 'Hour', interval: 1, hours: [3] }, data_path_parameter_name: 'input_datapath' }), [
      { field: 'data_path_parameter_name', message: 'Data Path parameter name can only be specified for Datastore schedules.' },
      { field: 'recurrence.hours', message: 'Can only specify hours if frequency is Week or Day.' },
    ]);
    assert.deepEqual(issues({ name: 'x', pipeline_id: 'nope', experiment_name: 'e', datastore: 'workspacefilestore', polling_interval: -1, pipeline_parameters: { beta: 1 } }), [
      { field: 'polling_interval', message: 'The polling interval must be greater' },
      { field: 'pipeline_id', message: "There is no published pipeline 'nope'." },
    ]);
    assert.deepEqual(issues({ name: 'x', pipeline_id: 'pp-1', experiment_name: 'e', datastore: 'workspacefilestore', path_on_datastore: '../up', pipeline_parameters: { beta: 1 }, data_path_parameter_name: 'alpha' }).map((i) => i.field), [
      'path_on_datastore', 'pipeline_parameters.beta', 'data_path_parameter_name',
    ]);
    const s = rig.service.create({ name: 'x', pipeline_id: 'pp-1', experiment_name: 'e', datastore: 'workspacefilestore' });
    assert.throws(() => rig.service.update(s.id, { recurrence: { frequency: 'Day', interval: 1 } }), /Can not specify a recurrence for a Datastore schedule\./);
    assert.throws(() => rig.service.update(s.id, { status: 'Paused' }), /Status must be either Active or Disabled/);
  });
});
