import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { TokenService } from '../../engine/identity/token-service.js';
import type { PipelineRunner, PipelineRunRecord, StepRunRecord, SubmitRequest } from '../../engine/pipelines/runner-types.js';
import { call } from '../helpers/http-json.js';
import { ISSUER, startPipelineServer, WORKSPACE, type PipelineServer } from '../helpers/pipeline-server.js';

/**
 * A runner that records what it is asked and keeps runs Running until canceled: these tests are
 * about publishing, the REST shape and authorization, not about executing steps.
 */
class RecordingRunner implements PipelineRunner {
  readonly submitted: SubmitRequest[] = [];
  private readonly runs = new Map<string, PipelineRunRecord>();

  async submit(request: SubmitRequest): Promise<PipelineRunRecord> {
    this.submitted.push(request);
    const record: PipelineRunRecord = {
      id: randomUUID(),
      experimentName: request.experimentName,
      status: 'Running',
      createdTime: new Date().toISOString(),
      tags: request.tags ?? {},
      parameterAssignments: request.parameterAssignments ?? {},
      dataPathAssignments: request.dataPathAssignments ?? {},
      continueOnStepFailure: request.continueOnStepFailure ?? false,
      totalSteps: Object.keys(request.pipeline.definition.steps).length,
      ...(request.pipeline.publishedPipelineId === undefined ? {} : { publishedPipelineId: request.pipeline.publishedPipelineId }),
      ...(request.pipeline.pipelineEndpointId === undefined ? {} : { pipelineEndpointId: request.pipeline.pipelineEndpointId }),
      ...(request.runSource === undefined ? {} : { runSource: request.runSource }),
      ...(request.description === undefined ? {} : { description: request.description }),
    };
    this.runs.set(record.id, record);
    return { ...record };
  }
  get(runId: string): PipelineRunRecord | undefined {
    const run = this.runs.get(runId);
    return run === undefined ? undefined : { ...run };
  }
  listRuns(filter: { publishedPipelineId?: string } = {}): PipelineRunRecord[] {
    return [...this.runs.values()].filter((r) => filter.publishedPipelineId === undefined || r.publishedPipelineId === filter.publishedPipelineId).reverse();
  }
  steps(runId: string): StepRunRecord[] {
    const run = this.runs.get(runId);
    if (run === undefined) return [];
    return [{ runId, stepName: 'train', status: run.status === 'Canceled' ? 'Canceled' : 'Running', fingerprint: 'f', outputs: {}, metrics: {} }];
  }
  log(runId: string, step: string): string | undefined {
    return this.runs.has(runId) && step === 'train' ? 'hello from train\n' : undefined;
  }
  async cancel(runId: string): Promise<boolean> {
    const run = this.runs.get(runId);
    if (run === undefined || run.status !== 'Running') return false;
    run.status = 'Canceled';
    run.endTime = new Date().toISOString();
    return true;
  }
  async whenDone(runId: string): Promise<PipelineRunRecord> {
    return this.get(runId)!;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

const ARM = 'https://management.azure.com/';

/** A request with the path sent exactly as written (fetch would resolve `%2E%2E` segments first). */
function rawRequest(base: string, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const definition = {
  name: 'scoring',
  description: 'scores a file',
  parameters: {
    alpha: { type: 'float', default: 0.5 },
    epochs: { type: 'int', default: 3 },
    input_datapath: { type: 'datapath', datastore: 'files', path: 'in/default.csv' },
  },
  steps: {
    train: { runtime: 'python', script: 'train.py', sourceDirectory: 'src', inputs: { raw: { parameter: 'input_datapath' } }, arguments: ['--alpha', '${{parameters.alpha}}'] },
  },
};

const files = { 'src/train.py': Buffer.from('print("hi")\n').toString('base64'), 'pipeline.json': Buffer.from(JSON.stringify(definition)).toString('base64') };

describe('pipelines: publishing and the Azure-ML-shaped REST', function () {
  let server: PipelineServer;
  let runner: RecordingRunner;
  let pipelineId: string;
  let endpoint: string;
  let token: string;
  let principalId: string;
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => call(server.url, method, path, body, headers);
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
  const submitPath = (id: string) => `/pipelines/v1.0/workspaces/${WORKSPACE}/PipelineRuns/PipelineSubmit/${id}`;

  before(async function () {
    server = await startPipelineServer(() => (runner = new RecordingRunner()));
    const published = await req('POST', '/api/pipelines', { definition, files, version: '1.0' });
    assert.equal(published.status, 201, published.text);
    pipelineId = published.json['id'] as string;
    endpoint = published.json['endpoint'] as string;
    const principal = server.principals.registerWorkflow('blob-to-pipeline');
    principalId = principal.principalId;
    token = (await server.tokens.issue(principal, ARM)).token;
    const granted = await req('POST', '/api/workflows/blob-to-pipeline/identity/role-assignments', { scope: `/pipelines/v1.0/workspaces/${WORKSPACE}`, role: 'submit' });
    assert.equal(granted.status, 201, granted.text);
    assert.equal(granted.json['principalId'], principalId);
  });
  after(async function () {
    await server.close();
  });

  it('publishes an immutable pipeline with an endpoint URL and a snapshot of its sources', async function () {
    const got = await req('GET', `/api/published-pipelines/${pipelineId}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json['name'], 'scoring');
    assert.equal(got.json['status'], 'Active');
    assert.equal(got.json['version'], '1.0');
    assert.ok(typeof got.json['publishedTime'] === 'string');
    assert.equal(endpoint, `${server.url}pipelines/v1.0/workspaces/${WORKSPACE}/PipelineRuns/PipelineSubmit/${pipelineId}`);
    const snapshot = join(server.config.dataDir, 'pipeline-snapshots', pipelineId);
    assert.equal(readFileSync(join(snapshot, 'src', 'train.py'), 'utf8'), 'print("hi")\n');
    const list = await req('GET', '/api/published-pipelines');
    assert.ok((list.json['value'] as { id: string }[]).some((p) => p.id === pipelineId));
  });

  it('runs a published pipeline for a valid token: the run entity has Id, PipelineRunId and Status.StatusCode', async function () {
    const before = runner.submitted.length;
    const body = {
      ExperimentName: 'MyRestPipeline',
      RunSource: 'SDK',
      ParameterAssignments: { alpha: '0.75', epochs: 5 },
      DataPathAssignments: { input_datapath: { DataStoreName: 'files', RelativePath: 'in/today.csv' } },
      tags: { team: 'ml' },
      continueOnStepFailure: true,
    };
    const res = await call(endpoint, 'POST', '', body, bearer(token));
    assert.equal(res.status, 200, res.text);
    const entity = res.json;
    assert.ok(typeof entity['Id'] === 'string' && entity['Id'] !== '');
    assert.equal(entity['PipelineRunId'], entity['Id']);
    assert.deepEqual(Object.keys(entity['Status'] as object).sort(), ['CreationTime', 'EndTime', 'StatusCode', 'StatusDetail']);
    assert.equal((entity['Status'] as { StatusCode: number }).StatusCode, 1);
    assert.equal(entity['RunHistoryExperimentName'], 'MyRestPipeline');
    assert.equal(entity['PipelineId'], pipelineId);
    assert.equal(entity['RunSource'], 'SDK');
    assert.equal(entity['TotalRunSteps'], 1);
    assert.deepEqual(entity['tags'], { team: 'ml' });
    assert.equal(entity['EntityStatus'], 0);
    assert.ok(typeof entity['Etag'] === 'string' && typeof entity['CreatedDate'] === 'string');
    assert.equal(runner.submitted.length, before + 1);
    const sent = runner.submitted.at(-1)!;
    assert.deepEqual(sent.parameterAssignments, { alpha: 0.75, epochs: 5 });
    assert.deepEqual(sent.dataPathAssignments, { input_datapath: { DataStoreName: 'files', RelativePath: 'in/today.csv' } });
    assert.equal(sent.continueOnStepFailure, true);
    assert.equal(sent.pipeline.sourceRoot, join(server.config.dataDir, 'pipeline-snapshots', pipelineId));
    const experiments = await req('GET', '/api/experiments');
    assert.ok((experiments.json['value'] as { name: string }[]).some((e) => e.name === 'MyRestPipeline'));
  });

  it('accepts the full Azure scope form of the URL', async function () {
    const path = `/pipelines/v1.0/subscriptions/${randomUUID()}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/${WORKSPACE}/PipelineRuns/PipelineSubmit/${pipelineId}`;
    const res = await req('POST', path, { ExperimentName: 'scoped' }, bearer(token));
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json['RunHistoryExperimentName'], 'scoped');
  });

  describe('refuses callers it cannot trust with 401, saying why', function () {
    const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
      ['no Authorization header', async () => ({}), /no 'Authorization' header/],
      ['another scheme', async () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }), /Bearer scheme/],
      ['a forged signature', async () => bearer((await new TokenService({ issuer: ISSUER }).issue(server.principals.registerWorkflow('blob-to-pipeline'), ARM)).token), /signature|key the issuer does not publish/],
      ['a wrong audience', async () => bearer((await server.tokens.issue(server.principals.registerWorkflow('blob-to-pipeline'), 'https://storage.azure.com/')).token), /audience/],
      ['an expired token', async () => {
        // Signed with the server's own key, three hours ago, valid for a minute.
        const past = new TokenService({ issuer: ISSUER, keyFile: server.keyFile, clock: { now: () => new Date(Date.now() - 3 * 3600_000).toISOString() }, lifetimeSeconds: 60 });
        return bearer((await past.issue(server.principals.registerWorkflow('blob-to-pipeline'), ARM)).token);
      }, /expired/],
      ['another issuer', async () => {
        const other = new TokenService({ issuer: 'https://elsewhere.test/', keyFile: server.keyFile });
        return bearer((await other.issue(server.principals.registerWorkflow('blob-to-pipeline'), ARM)).token);
      }, /issuer/],
      ['a malformed token', async () => bearer('not.a.jwt'), /malformed|not valid/],
    ];
    for (const [name, headers, message] of cases) {
      it(name, async function () {
        const before = runner.submitted.length;
        const res = await req('POST', submitPath(pipelineId), { ExperimentName: 'x' }, await headers());
        assert.equal(res.status, 401, res.text);
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
        const error = res.json['error'] as { code: string; message: string };
        assert.equal(error.code, 'Unauthorized');
        assert.match(error.message, message);
        assert.equal(runner.submitted.length, before);
      });
    }
  });

  it('answers 403 naming the principal and the scope when the caller has no role', async function () {
    const stranger = server.principals.registerWorkflow('stranger');
    const strangerToken = (await server.tokens.issue(stranger, ARM)).token;
    const before = runner.submitted.length;
    const res = await req('POST', submitPath(pipelineId), { ExperimentName: 'x' }, bearer(strangerToken));
    assert.equal(res.status, 403, res.text);
    const error = res.json['error'] as { code: string; message: string };
    assert.equal(error.code, 'AuthorizationFailed');
    assert.ok(error.message.includes(stranger.principalId), error.message);
    assert.ok(error.message.includes(`/pipelines/v1.0/workspaces/${WORKSPACE}`), error.message);
    assert.equal(runner.submitted.length, before);
    // A read-only role reads but does not submit.
    server.roles.assign({ principalId: stranger.principalId, scope: `/pipelines/v1.0/workspaces/${WORKSPACE}`, role: 'read' });
    const listed = await req('GET', `/pipelines/v1.0/workspaces/${WORKSPACE}/PipelineRuns/Pipeline/${pipelineId}`, undefined, bearer(strangerToken));
    assert.equal(listed.status, 200, listed.text);
    assert.equal((await req('POST', submitPath(pipelineId), { ExperimentName: 'x' }, bearer(strangerToken))).status, 403);
  });

  it('answers 400 naming each field for unknown parameters, wrong types and unknown datastores', async function () {
    const before = runner.submitted.length;
    const res = await req('POST', submitPath(pipelineId), {
      ExperimentName: 'bad',
      ParameterAssignments: { alpha: 'high', gamma: 1, epochs: 2.5 },
      DataPathAssignments: { input_datapath: { DataStoreName: 'nowhere', RelativePath: 'a.csv' } },
    }, bearer(token));
    assert.equal(res.status, 400, res.text);
    const error = res.json['error'] as { code: string; details: { target: string; message: string }[] };
    assert.equal(error.code, 'BadRequest');
    const targets = error.details.map((d) => d.target).sort();
    assert.deepEqual(targets, ['DataPathAssignments.input_datapath.DataStoreName', 'ParameterAssignments.alpha', 'ParameterAssignments.epochs', 'ParameterAssignments.gamma']);
    assert.match(error.details.find((d) => d.target === 'ParameterAssignments.alpha')!.message, /float/);
    const missing = await req('POST', submitPath(pipelineId), { ParameterAssignments: {} }, bearer(token));
    assert.equal(missing.status, 400);
    assert.equal((missing.json['error'] as { details: { target: string }[] }).details[0]!.target, 'ExperimentName');
    assert.equal(runner.submitted.length, before);
  });

  it('rejects path traversal in RelativePath with 400 and starts nothing', async function () {
    const before = runner.submitted.length;
    for (const RelativePath of ['../../etc/passwd', '/etc/passwd', 'in\\..\\..\\secret', 'in/./x']) {
      const res = await req('POST', submitPath(pipelineId), { ExperimentName: 'evil', DataPathAssignments: { input_datapath: { DataStoreName: 'files', RelativePath } } }, bearer(token));
      assert.equal(res.status, 400, `${RelativePath}: ${res.text}`);
      const details = (res.json['error'] as { details: { target: string }[] }).details;
      assert.equal(details[0]!.target, 'DataPathAssignments.input_datapath.RelativePath');
    }
    assert.equal(runner.submitted.length, before);
  });

  it('reads a run, the runs of a pipeline, step runs and logs, and cancels', async function () {
    const started = await req('POST', submitPath(pipelineId), { ExperimentName: 'poll' }, bearer(token));
    const id = started.json['Id'] as string;
    const base = `/pipelines/v1.0/workspaces/${WORKSPACE}/PipelineRuns`;
    const got = await req('GET', `${base}/${id}`, undefined, bearer(token));
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json['Id'], id);
    const all = await req('GET', `${base}/Pipeline/${pipelineId}`, undefined, bearer(token));
    assert.ok(Array.isArray(JSON.parse(all.text)) && (JSON.parse(all.text) as { Id: string }[]).some((r) => r.Id === id));
    const steps = await req('GET', `${base}/${id}/StepRuns`, undefined, bearer(token));
    const step = (steps.json['value'] as { StepName: string; Status: { StatusCode: number }; LogUrl: string }[])[0]!;
    assert.equal(step.StepName, 'train');
    assert.equal(step.Status.StatusCode, 2);
    const log = await req('GET', `${base}/${id}/StepRuns/train/Logs`, undefined, bearer(token));
    assert.equal(log.text, 'hello from train\n');
    const canceled = await req('DELETE', `${base}/${id}/Execution`, undefined, bearer(token));
    assert.equal(canceled.status, 200, canceled.text);
    assert.equal((canceled.json['Status'] as { StatusCode: number; EndTime: string | null }).StatusCode, 4);
    assert.notEqual((canceled.json['Status'] as { EndTime: string | null }).EndTime, null);
    const again = await req('POST', `${base}/${id}/Cancel`, undefined, bearer(token));
    assert.equal(again.status, 200);
    const unknown = await req('GET', `${base}/${randomUUID()}`, undefined, bearer(token));
    assert.equal(unknown.status, 404);
    assert.equal((unknown.json['error'] as { code: string }).code, 'NotFound');
    const noPipeline = await req('POST', submitPath(randomUUID()), { ExperimentName: 'x' }, bearer(token));
    assert.equal(noPipeline.status, 404);
  });

  it('refuses to run a disabled pipeline with a clear error and starts nothing; enabling restores it', async function () {
    const disabled = await req('POST', `/api/published-pipelines/${pipelineId}/disable`);
    assert.equal(disabled.json['status'], 'Disabled');
    const before = runner.submitted.length;
    const res = await req('POST', submitPath(pipelineId), { ExperimentName: 'x' }, bearer(token));
    assert.equal(res.status, 409, res.text);
    const error = res.json['error'] as { code: string; message: string };
    assert.equal(error.code, 'PipelineDisabled');
    assert.match(error.message, /disabled/);
    const local = await req('POST', '/api/pipeline-runs', { pipelineId, ExperimentName: 'x' });
    assert.equal(local.status, 409);
    assert.equal(runner.submitted.length, before);
    await req('POST', `/api/published-pipelines/${pipelineId}/enable`);
    assert.equal((await req('POST', submitPath(pipelineId), { ExperimentName: 'x' }, bearer(token))).status, 200);
  });

  it('pipeline endpoints: versions, default, submission by id and by name', async function () {
    const second = await req('POST', '/api/pipelines', { definition: { ...definition, name: 'scoring-v2' }, files });
    const created = await req('POST', '/api/pipeline-endpoints', { name: 'scoring-endpoint', pipelineId });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json['defaultVersion'], '0');
    const added = await req('POST', '/api/pipeline-endpoints/scoring-endpoint/versions', { pipelineId: second.json['id'], makeDefault: true });
    assert.equal(added.json['defaultVersion'], '1');
    const dup = await req('POST', '/api/pipeline-endpoints/scoring-endpoint/versions', { pipelineId });
    assert.equal(dup.status, 409);
    const base = `/pipelines/v1.0/workspaces/${WORKSPACE}/PipelineRuns/PipelineEndpointSubmit`;
    const byId = await req('POST', `${base}/Id/${created.json['id']}`, { ExperimentName: 'ep' }, bearer(token));
    assert.equal(byId.status, 200, byId.text);
    assert.equal(byId.json['PipelineId'], second.json['id']);
    assert.equal(byId.json['PipelineEndpointId'], created.json['id']);
    const byName = await req('POST', `${base}/Name?name=scoring-endpoint&pipelineVersion=0`, { ExperimentName: 'ep' }, bearer(token));
    assert.equal(byName.json['PipelineId'], pipelineId);
    await req('PUT', '/api/pipeline-endpoints/scoring-endpoint/default', { version: '0' });
    const byDefault = await req('POST', `${base}/Id/scoring-endpoint`, { ExperimentName: 'ep' }, bearer(token));
    assert.equal(byDefault.json['PipelineId'], pipelineId);
  });

  it('answers 404 PipelinesNotConfigured for a different workspace than its own', async function () {
    const res = await req('POST', `/pipelines/v1.0/workspaces/other/PipelineRuns/PipelineSubmit/${pipelineId}`, { ExperimentName: 'x' }, bearer(token));
    assert.equal(res.status, 404);
    assert.equal((res.json['error'] as { code: string }).code, 'WorkspaceNotFound');
  });

  it('uploads, lists and downloads datastore files; refuses traversal without touching the disk', async function () {
    const put = await fetch(new URL('/api/datastores/files/files/inbox/a.csv', server.url), { method: 'PUT', body: 'x,y\n1,2\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(put.status, 201, await put.text());
    assert.equal(readFileSync(join(server.filesRoot, 'inbox', 'a.csv'), 'utf8'), 'x,y\n1,2\n');
    const listed = await req('GET', '/api/datastores/files/files?prefix=inbox');
    assert.deepEqual((listed.json['value'] as { path: string }[]).map((e) => e.path), ['inbox/a.csv']);
    const got = await fetch(new URL('/api/datastores/files/files/inbox/a.csv', server.url));
    assert.equal(await got.text(), 'x,y\n1,2\n');
    const stores = await req('GET', '/api/datastores');
    assert.deepEqual(stores.json['value'], [{ name: 'files', kind: 'folder', container: 'files' }]);
    const before = readdirSync(server.dir).sort();
    for (const path of ['%2E%2E/escape.txt', 'inbox/%2E%2E/%2E%2E/escape.txt', 'inbox%5C..%5Cescape.txt']) {
      const bad = await rawRequest(server.url, 'PUT', `/api/datastores/files/files/${path}`, 'nope');
      assert.equal(bad.status, 400, `${path}: ${bad.text}`);
    }
    const badGet = await rawRequest(server.url, 'GET', '/api/datastores/files/files/%2E%2E/sluice.db');
    assert.equal(badGet.status, 400, badGet.text);
    const badList = await req('GET', '/api/datastores/files/files?prefix=../');
    assert.equal(badList.status, 400);
    assert.deepEqual(readdirSync(server.dir).sort(), before);
    assert.equal(existsSync(join(server.dir, 'escape.txt')), false);
    const unknown = await req('GET', '/api/datastores/nowhere/files');
    assert.equal(unknown.status, 404);
  });

  it('manages role assignments over the management API', async function () {
    const body = { principalId: randomUUID(), scope: `/pipelines/v1.0/workspaces/${WORKSPACE}`, role: 'read' };
    assert.equal((await req('POST', '/api/role-assignments', body)).status, 201);
    const listed = await req('GET', `/api/role-assignments?principalId=${body.principalId}`);
    assert.equal((listed.json['value'] as unknown[]).length, 1);
    const deleted = await req('DELETE', '/api/role-assignments', body);
    assert.equal(deleted.json['deleted'], true);
    assert.equal((await req('POST', '/api/role-assignments', { scope: '/x', role: 'read' })).status, 400);
  });
});
