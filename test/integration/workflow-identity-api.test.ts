import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadPipeline, validateAssignments } from '../../engine/pipelines/load-pipeline.js';
import { LocalPipelineRunner } from '../../engine/pipelines/runner.js';
import { snapshotSourceDirectory } from '../../engine/pipelines/source-snapshot.js';
import { call } from '../helpers/http-json.js';
import { startPipelineServer, type PipelineServer } from '../helpers/pipeline-server.js';

describe('management API: a workflow identity and the step graph of a published pipeline', function () {
  let server: PipelineServer;
  const req = (method: string, path: string, body?: unknown) => call(server.url, method, path, body);

  before(async function () {
    server = await startPipelineServer(({ store, config, dir }) => new LocalPipelineRunner({ db: store.db, config, workDir: join(dir, 'work'), killGraceMs: 500 }), {
      loadPipeline,
      validateAssignments,
      snapshotSourceDirectory,
    });
  });
  after(async function () {
    await server.close();
  });

  it('GET /api/workflows/{name}/identity answers the principal id the grant route assigns to', async function () {
    const got = await req('GET', '/api/workflows/seed/identity');
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json['type'], 'SystemAssigned');
    assert.equal(got.json['tenantId'], server.principals.tenantId);
    assert.equal(got.json['principalId'], server.principals.registerWorkflow('seed').principalId);
    const granted = await req('POST', '/api/workflows/seed/identity/role-assignments', { scope: '/pipelines/v1.0/workspaces/local', role: 'submit' });
    assert.equal(granted.status, 201, granted.text);
    assert.equal(granted.json['principalId'], got.json['principalId']);
    const listed = await req('GET', `/api/role-assignments?principalId=${String(got.json['principalId'])}`);
    assert.deepEqual(listed.json['value'], [{ principalId: got.json['principalId'], scope: '/pipelines/v1.0/workspaces/local', role: 'submit' }]);
  });

  it('a published pipeline lists its steps with the steps each reads from', async function () {
    const definition = {
      name: 'two-steps',
      defaultDatastore: 'files',
      steps: {
        prep: { runtime: 'python', script: 'prep.py', sourceDirectory: 'src', outputs: { out: { datastore: 'files' } } },
        train: { runtime: 'python', script: 'train.py', sourceDirectory: 'src', inputs: { data: { step: 'prep', output: 'out' } } },
      },
    };
    const files = { 'src/prep.py': Buffer.from('print(1)\n').toString('base64'), 'src/train.py': Buffer.from('print(2)\n').toString('base64') };
    const published = await req('POST', '/api/pipelines', { definition, files });
    assert.equal(published.status, 201, published.text);
    assert.deepEqual(published.json['steps'], [{ name: 'prep', dependsOn: [] }, { name: 'train', dependsOn: ['prep'] }]);
  });
});
