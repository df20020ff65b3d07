import assert from 'node:assert/strict';
import { apiJson, launchBrowser, startBrowserSluice, waitForPageText, type BrowserSluice, type TestBrowser } from '../helpers/browser.js';

/** A two-step Python pipeline on the folder datastore (the harness runs no Azurite): a slow log, an output, a metric, and a step reading that output. */
const definition = {
  name: 'ui-live-log',
  description: 'Counts to five slowly, writes a result and logs a metric.',
  defaultDatastore: 'workspacefilestore',
  steps: {
    count: {
      runtime: 'python',
      script: 'count.py',
      sourceDirectory: 'src',
      arguments: ['--out', '${{outputs.result}}'],
      outputs: { result: { datastore: 'workspacefilestore', path: 'results/{run-id}/count.txt', isDirectory: false } },
      timeoutSeconds: 60,
    },
    report: {
      runtime: 'python',
      script: 'report.py',
      sourceDirectory: 'src',
      arguments: ['--in', '${{inputs.counted}}'],
      inputs: { counted: { step: 'count', output: 'result' } },
      timeoutSeconds: 60,
    },
  },
};

const report = `import sys
path = sys.argv[sys.argv.index('--in') + 1]
print('count was', open(path).read().strip(), flush=True)
`;

const script = `import json, os, sys, time
out = sys.argv[sys.argv.index('--out') + 1]
for i in range(1, 6):
    print(f'counting line {i}', flush=True)
    time.sleep(0.6)
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, 'w') as f:
    f.write('5\\n')
with open(os.environ['SLUICE_METRICS_FILE'], 'a') as m:
    m.write(json.dumps({'name': 'lines', 'value': 5}) + '\\n')
print('done counting', flush=True)
`;

describe('designer in Chromium: pipelines and identity', function () {
  this.timeout(90_000);
  let sluice: BrowserSluice;
  let browser: TestBrowser;
  let pipelineId: string;

  before(async function () {
    sluice = await startBrowserSluice();
    browser = await launchBrowser();
    const files = { 'src/count.py': Buffer.from(script).toString('base64'), 'src/report.py': Buffer.from(report).toString('base64') };
    const published = await apiJson<{ id: string }>(sluice.url, 'POST', '/api/pipelines', { definition, files, version: '1' });
    assert.equal(published.status, 201, JSON.stringify(published.json));
    pipelineId = published.json.id;
  });

  after(async function () {
    await browser?.close();
    await sluice?.stop();
  });

  it('lists the published pipeline with its endpoint URL, and disables and enables it', async function () {
    const { page } = browser;
    await page.goto(sluice.url);
    await page.getByRole('link', { name: 'Pipelines', exact: true }).click();
    const row = page.getByTestId('published-row-ui-live-log');
    await row.waitFor({ timeout: 10_000 });
    assert.match(await row.innerText(), new RegExp(`PipelineSubmit/${pipelineId}`));
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Enable' }).click();
    await row.getByText('Active', { exact: true }).waitFor();
    browser.assertNoErrors();
  });

  it("opens a run and shows its step's log live until the run is Finished, with outputs and metrics", async function () {
    const { page } = browser;
    const submitted = await apiJson<{ id: string }>(sluice.url, 'POST', '/api/pipeline-runs', { pipelineId, ExperimentName: 'ui-test' });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.json));
    const runId = submitted.json.id;
    await page.getByTestId('pipelines-tab-runs').click();
    await page.getByTestId(`pipeline-run-row-${runId}`).click();
    await page.getByTestId('step-card-count').waitFor();
    const log = page.getByTestId('step-log-count');
    await log.filter({ hasText: 'counting line 1' }).waitFor({ timeout: 15_000 });
    // The first line shows while the step still runs: the log is live, not read at the end.
    assert.equal(await page.getByTestId('pipeline-run-status').innerText(), 'Running');
    await page.getByTestId('pipeline-run-status').filter({ hasText: 'Finished' }).waitFor({ timeout: 30_000 });
    await log.filter({ hasText: 'done counting' }).waitFor({ timeout: 5_000 });
    assert.match(await page.getByTestId('step-card-count').innerText(), /Finished/);
    await waitForPageText(page, `results/${runId}/count.txt`);
    assert.match(await page.getByTestId('step-metrics').innerText(), /lines\s+5/);
    assert.match(await page.getByTestId('step-card-report').innerText(), /Finished[\s\S]*after count/);
    await page.getByTestId('step-card-report').click();
    await page.getByTestId('step-log-report').filter({ hasText: 'count was 5' }).waitFor({ timeout: 5_000 });
    await page.getByTestId('step-card-count').click();
    await log.filter({ hasText: 'done counting' }).waitFor({ timeout: 5_000 });
    browser.assertNoErrors();
    await browser.screenshot('pipeline-run.png');
  });

  it('marks the steps a second run reused with the run they reused', async function () {
    const { page } = browser;
    const first = await apiJson<{ value: { id: string }[] }>(sluice.url, 'GET', `/api/pipeline-runs?pipelineId=${pipelineId}`);
    const submitted = await apiJson<{ id: string }>(sluice.url, 'POST', '/api/pipeline-runs', { pipelineId, ExperimentName: 'ui-test' });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.json));
    await page.goto(`${sluice.url}#/pipelines/runs/${submitted.json.id}`);
    await page.getByTestId('pipeline-run-status').filter({ hasText: 'Finished' }).waitFor({ timeout: 30_000 });
    const card = page.getByTestId('step-card-count');
    await card.getByText(`reused from ${first.json.value[0]!.id.slice(0, 8)}`).waitFor({ timeout: 5_000 });
    browser.assertNoErrors();
  });

  it('browses a datastore and uploads a file into it', async function () {
    const { page } = browser;
    await page.goto(`${sluice.url}#/pipelines/datastores`);
    await page.getByTestId('datastore-picker').selectOption('workspacefilestore');
    await page.getByTestId('datastore-folder').fill('incoming');
    await page.getByRole('button', { name: 'Open folder' }).click();
    await page.getByTestId('datastore-upload').setInputFiles({ name: 'hello.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
    await page.getByTestId('datastore-files').getByRole('link', { name: 'hello.csv' }).waitFor({ timeout: 5_000 });
    const listed = await apiJson<{ value: { name: string }[] }>(sluice.url, 'GET', '/api/datastores/workspacefilestore/files?prefix=incoming');
    assert.deepEqual(listed.json.value.map((f) => f.name), ['hello.csv']);
    browser.assertNoErrors();
  });

  it("shows a workflow's identity and grants it the right to submit pipelines in workspace local", async function () {
    const { page } = browser;
    await page.goto(sluice.url);
    await page.getByTestId('workflow-row-seed-blob-to-pipeline').getByTestId('identity').click();
    await page.getByTestId('identity-page').waitFor();
    const identity = await apiJson<{ principalId: string }>(sluice.url, 'GET', '/api/workflows/seed-blob-to-pipeline/identity');
    await page.getByTestId('identity-principal-id').filter({ hasText: identity.json.principalId }).waitFor();
    await page.getByText('No role assignments').waitFor();
    await page.getByTestId('grant-submit').click();
    const assignment = page.getByTestId('role-assignment');
    await assignment.waitFor();
    assert.match(await assignment.innerText(), /submit\s+\/pipelines\/v1\.0\/workspaces\/local/);
    assert.equal(await page.getByTestId('grant-submit').isDisabled(), true);
    browser.assertNoErrors();
  });
});
