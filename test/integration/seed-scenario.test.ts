/**
 * The seed scenario end to end, on the real stack: Azurite holds the workspace container; the
 * example workflow's blob trigger fires when a CSV lands; its HTTP action POSTs with its managed
 * identity to the published seed-score pipeline's endpoint with
 * DataPathAssignments.input_datapath.RelativePath = @triggerBody()?['Name']; the pipeline's Python
 * step reads that file and writes its summary to the datastore. Without the role assignment the
 * HTTP action fails with 403 and no pipeline runs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { defaultConfig } from '../../engine/config.js';
import { startSluice, type RunningSluice } from '../../engine/main.js';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { repoRoot } from '../helpers/paths.js';

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name !== 'pipeline.json') out[relative(dir, path)] = readFileSync(path).toString('base64');
    }
  };
  walk(dir);
  return out;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('seed scenario: blob → workflow → managed identity → published pipeline → result', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let container: ContainerClient;
  let dir: string;
  let sluice: RunningSluice;

  before(async function () {
    azurite = await startAzurite();
    container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('workspace');
    await container.create();
    dir = mkdtempSync(join(tmpdir(), 'sluice-seed-'));
    const config = { ...defaultConfig(), dataDir: dir, port: 0, connections: { azureblob: { connectionString: azurite.connectionString } } };
    sluice = await startSluice({ config, embeddedAzurite: false });
  });

  after(async function () {
    await sluice?.stop();
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const res = await fetch(new URL(path, sluice.url), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
  }

  const upload = (name: string, text: string): Promise<unknown> => container.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));

  let principalId = '';
  let endpoint = '';
  let firstRunId = '';

  it('runs the pipeline on the uploaded file, refuses without the role assignment, and reuses steps on a direct POST', async function () {
    const folder = join(repoRoot(), 'definitions', 'examples', 'pipelines', 'seed-score');
    const published = await api<{ id: string; endpoint: string }>('POST', '/api/pipelines', {
      definition: JSON.parse(readFileSync(join(folder, 'pipeline.json'), 'utf8')),
      files: filesOf(folder),
    });
    assert.equal(published.status, 201, JSON.stringify(published.json));
    assert.match(published.json.endpoint, /\/pipelines\/v1\.0\/workspaces\/local\/PipelineRuns\/PipelineSubmit\//);
    endpoint = published.json.endpoint;

    const seed = JSON.parse(readFileSync(join(repoRoot(), 'definitions', 'examples', 'seed-blob-to-pipeline.json'), 'utf8'));
    const trigger = Object.values(seed.triggers as Record<string, { recurrence: unknown }>)[0]!;
    trigger.recurrence = { frequency: 'Second', interval: 1 };
    const saved = await api('PUT', '/api/workflows/seed', { definition: seed, parameters: { pipelineEndpoint: { value: published.json.endpoint } } });
    assert.ok(saved.status === 201 || saved.status === 200, JSON.stringify(saved.json));

    // No role assignment yet: the HTTP action is refused with 403 and no pipeline runs.
    await upload('first.csv', 'a,b\n1,2\n');
    const refused = await until('the refused workflow run', async () => {
      const runs = (await api<{ value: { name: string; properties: { status: string } }[] }>('GET', '/api/workflows/seed/runs')).json.value;
      return runs.find((r) => r.properties.status !== 'Running');
    });
    assert.equal(refused.properties.status, 'Failed');
    const refusedAction = (await api<{ properties: { status: string; outputs?: { statusCode?: number } } }>('GET', `/api/workflows/seed/runs/${refused.name}/actions/Submit_pipeline_run`)).json;
    assert.equal(refusedAction.properties.outputs?.statusCode, 403);
    assert.equal(sluice.pipelines.runner.listRuns().length, 0, 'nothing ran without the role');

    const grant = await api<{ principalId: string }>('POST', '/api/workflows/seed/identity/role-assignments', { scope: '/pipelines/v1.0/workspaces/local', role: 'submit' });
    assert.ok(grant.status < 300, JSON.stringify(grant.json));
    principalId = grant.json.principalId;

    await upload('sales.csv', 'region,units,amount\nnorth,3,30.5\nsouth,4,12\n');
    const run = await until('the successful workflow run', async () => {
      const runs = (await api<{ value: { name: string; properties: { status: string } }[] }>('GET', '/api/workflows/seed/runs')).json.value;
      return runs.find((r) => r.name !== refused.name && r.properties.status !== 'Running');
    });
    assert.equal(run.properties.status, 'Succeeded');
    const action = (await api<{ properties: { outputs: { statusCode: number; body: { Id: string; PipelineRunId: string } } } }>('GET', `/api/workflows/seed/runs/${run.name}/actions/Submit_pipeline_run`)).json;
    assert.equal(action.properties.outputs.statusCode, 200);
    const pipelineRunId = action.properties.outputs.body.Id;
    assert.equal(action.properties.outputs.body.PipelineRunId, pipelineRunId);

    firstRunId = pipelineRunId;
    const finished = await sluice.pipelines.runner.whenDone(pipelineRunId);
    assert.equal(finished.status, 'Finished', JSON.stringify(finished.error));
    assert.deepEqual(finished.dataPathAssignments['input_datapath'], { DataStoreName: 'workspaceblobstore', RelativePath: 'sales.csv' });
    const summary = JSON.parse((await container.getBlobClient(`results/${pipelineRunId}/summary.json`).downloadToBuffer()).toString('utf8'));
    assert.equal(summary.rows ?? summary.row_count ?? summary.rowCount, 2, JSON.stringify(summary));
    await checkDirectPost();
  });

  /** A direct POST with a bearer token gets the run entity, and the second identical run reuses every step. */
  async function checkDirectPost(): Promise<void> {
    const tokenUrl = new URL('/identity/token', sluice.url);
    tokenUrl.searchParams.set('resource', 'https://management.azure.com/');
    tokenUrl.searchParams.set('api-version', '2019-08-01');
    tokenUrl.searchParams.set('principal_id', principalId);
    const token = ((await (await fetch(tokenUrl, { headers: { 'X-IDENTITY-HEADER': sluice.identityHeader } })).json()) as { access_token: string }).access_token;
    const body = { ExperimentName: 'blob-triggered-pipeline', RunSource: 'API', DataPathAssignments: { input_datapath: { DataStoreName: 'workspaceblobstore', RelativePath: 'sales.csv' } } };
    const post = async (): Promise<{ status: number; entity: { Id: string; Status: { StatusCode: number } } }> => {
      const res = await fetch(endpoint, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, entity: (await res.json()) as { Id: string; Status: { StatusCode: number } } };
    };
    const unauthenticated = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(unauthenticated.status, 401);
    const second = await post();
    assert.equal(second.status, 200);
    assert.ok(second.entity.Id);
    const done = await sluice.pipelines.runner.whenDone(second.entity.Id);
    assert.equal(done.status, 'Finished');
    const steps = sluice.pipelines.runner.steps(second.entity.Id);
    assert.ok(steps.length > 0 && steps.every((step) => step.reusedFromRunId === firstRunId), JSON.stringify(steps.map((x) => [x.stepName, x.reusedFromRunId])));
    const traversal = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, DataPathAssignments: { input_datapath: { DataStoreName: 'workspaceblobstore', RelativePath: '../../etc/passwd' } } }),
    });
    assert.equal(traversal.status, 400);
    assert.match(await traversal.text(), /RelativePath/);
  }
});
