/**
 * The flagship browser test: the seed scenario built from an empty workflow in the designer. Azurite
 * holds the `workspace` container and the seed-score pipeline is published through the API; the rest
 * is done in Chromium — create `seed-ui`, replace its trigger with the blob trigger from the
 * catalogue (the ApiConnection azureblob template: its inputs, splitOn, recurrence and the
 * `$connections` parameter come with it; its Recurrence settings make it every second), add the HTTP
 * action with ManagedServiceIdentity posting to the pipeline endpoint (`@triggerBody()?['Name']`
 * completed with the autocomplete in a header value; the body is a JSON field, typed whole), save,
 * grant the identity, then open the run a blob upload starts and the HTTP action's outputs. The
 * pipeline run it submitted must finish.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { startAzurite, type Azurite } from '../helpers/azurite.js';
import { apiJson, launchBrowser, startBrowserSluice, type BrowserSluice, type TestBrowser } from '../helpers/browser.js';
import { codeMirrorText } from '../helpers/codemirror.js';
import { repoRoot } from '../helpers/paths.js';

const NAME = 'seed-ui';
const TRIGGER = 'ApiConnection';
const TRIGGER_INPUTS = {
  host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } },
  method: 'get',
  path: "/v2/datasets/@{encodeURIComponent(encodeURIComponent('AccountNameFromSettings'))}/triggers/batch/onupdatedfile",
  queries: { folderId: '/workspace', maxFileCount: 10 },
};
const ACTION = 'HTTP';
const AUDIENCE = 'https://management.azure.com/';
const RELATIVE_PATH = "@triggerBody()?['Name']";

/** A pipeline folder's files (base64) except pipeline.json, as `POST /api/pipelines` takes them. */
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

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface SavedWorkflow {
  properties: { definition: { triggers: Record<string, Record<string, unknown>>; actions: Record<string, { type: string; inputs: Record<string, unknown> }> } };
}

describe('designer in Chromium: the seed scenario built from an empty workflow', function () {
  this.timeout(180_000);
  let azurite: Azurite;
  let container: ContainerClient;
  let sluice: BrowserSluice;
  let browser: TestBrowser;
  let endpoint = '';

  before(async function () {
    azurite = await startAzurite();
    container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('workspace');
    await container.create();
    sluice = await startBrowserSluice({ connections: { azureblob: { connectionString: azurite.connectionString } } });
    browser = await launchBrowser();
    const folder = join(repoRoot(), 'definitions', 'examples', 'pipelines', 'seed-score');
    const published = await apiJson<{ endpoint: string }>(sluice.url, 'POST', '/api/pipelines', {
      definition: JSON.parse(readFileSync(join(folder, 'pipeline.json'), 'utf8')),
      files: filesOf(folder),
    });
    assert.equal(published.status, 201, JSON.stringify(published.json));
    endpoint = published.json.endpoint;
  });

  after(async function () {
    await browser?.close();
    await sluice?.stop();
    await azurite?.stop();
  });

  it('authors the blob → HTTP (managed identity) → pipeline workflow, and its run submits a pipeline that finishes', async function () {
    const { page } = browser;

    // A new workflow on the Workflows page opens in the editor with a Request trigger.
    await page.goto(sluice.url);
    await page.getByTestId('new-workflow-name').fill(NAME);
    await page.getByTestId('create-workflow').click();
    await page.getByTestId('node-manual').waitFor({ timeout: 10_000 });

    // Replace the trigger with the blob trigger from the catalogue.
    await page.getByTestId('node-manual').getByTestId('change-trigger').click();
    await page.getByTestId('catalogue-search').fill('blob added');
    const blobEntry = page.getByTestId(`catalogue-item-${TRIGGER}-azureblob`);
    assert.match(await blobEntry.innerText(), /When a blob is added or modified/);
    await blobEntry.click();
    await page.getByTestId(`node-${TRIGGER}`).waitFor();
    await page.getByTestId('node-manual').waitFor({ state: 'detached' });
    await page.getByTestId(`node-${TRIGGER}`).click();
    await page.keyboard.press('Enter');
    await page.getByTestId('properties-panel').waitFor();

    // The catalogue's template is the Logic Apps blob connector's trigger as the designer writes it
    // for the `workspace` container (inputs, a one-minute recurrence, splitOn), and picking it
    // declared the `$connections` parameter it names.
    await page.getByTestId('properties-settings-tab').click();
    assert.equal(await page.getByTestId('setting-split-on').inputValue(), '@triggerBody()');
    await page.getByTestId('code-view-tab').click();
    const code = JSON.parse(await codeMirrorText(page)) as { parameters: Record<string, unknown>; triggers: Record<string, Record<string, unknown>> };
    assert.deepEqual(code.parameters['$connections'], { type: 'Object', defaultValue: {} });
    assert.deepEqual(code.triggers[TRIGGER]!['inputs'], TRIGGER_INPUTS);
    assert.deepEqual(code.triggers[TRIGGER]!['recurrence'], { frequency: 'Minute', interval: 1 });
    await page.getByTestId('designer-tab').click();

    // Every second (the trigger's Recurrence settings), so the test need not wait a minute for the blob.
    await page.getByTestId(`node-${TRIGGER}`).click();
    await page.keyboard.press('Enter');
    await page.getByTestId('properties-settings-tab').click();
    assert.equal(await page.getByTestId('recurrence-interval').inputValue(), '1');
    await page.getByTestId('recurrence-frequency').selectOption('Second');
    await page.getByTestId('code-view-tab').click();
    assert.match(await codeMirrorText(page), /"frequency": "Second"/);
    await page.getByTestId('designer-tab').click();

    // The HTTP action after the trigger, from the catalogue.
    await page.getByTestId(`add-after-${TRIGGER}`).click();
    await page.getByTestId('catalogue-search').fill('HTTP');
    await page.getByTestId('catalogue-item-Http').click();
    await page.getByTestId(`node-${ACTION}`).waitFor();
    await page.getByTestId('schema-form').waitFor();
    await page.getByTestId('field-inputs.method').selectOption('POST');
    const uri = page.getByTestId('field-inputs.uri');
    await uri.fill(endpoint);
    await page.getByTestId('field-inputs.authentication.type').selectOption('ManagedServiceIdentity');
    await page.getByTestId('field-inputs.authentication.audience').fill(AUDIENCE);

    // The blob name completed with the autocomplete (dynamic content of the blob trigger), in a header value.
    await page.getByTestId('field-inputs.headers-add').click();
    await page.getByTestId('field-inputs.headers-key-0').fill('x-blob-name');
    const header = page.getByTestId('field-inputs.headers-value-0');
    await header.click();
    await header.pressSequentially("@triggerBody()?['Na");
    await page.getByTestId('suggestion-Name').waitFor();
    await page.keyboard.press('Enter');
    assert.equal(await header.inputValue(), RELATIVE_PATH);

    // The body is a JSON field: typed whole, with the same expression as the RelativePath.
    const body = { ExperimentName: 'seed-ui', DataPathAssignments: { input_datapath: { DataStoreName: 'workspaceblobstore', RelativePath: RELATIVE_PATH } } };
    await page.getByTestId('field-inputs.body').locator('.cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify(body, null, 2));
    assert.equal(await page.getByTestId('field-inputs.body-error').count(), 0);

    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText(/Saved version/).waitFor({ timeout: 10_000 });
    const saved = (await apiJson<SavedWorkflow>(sluice.url, 'GET', `/api/workflows/${NAME}`)).json.properties.definition;
    assert.deepEqual(Object.keys(saved.triggers), [TRIGGER]);
    assert.deepEqual(saved.triggers[TRIGGER], {
      type: TRIGGER,
      inputs: TRIGGER_INPUTS,
      recurrence: { frequency: 'Second', interval: 1 },
      splitOn: '@triggerBody()',
    });
    assert.deepEqual(saved.actions[ACTION], {
      type: 'Http',
      inputs: {
        method: 'POST',
        uri: endpoint,
        authentication: { type: 'ManagedServiceIdentity', audience: AUDIENCE },
        headers: { 'x-blob-name': RELATIVE_PATH },
        body,
      },
      runAfter: {},
    });

    // Grant the workflow's identity the right to submit pipelines.
    await page.getByTestId('identity-link').click();
    await page.getByTestId('identity-page').waitFor();
    await page.getByTestId('grant-submit').click();
    await page.getByTestId('role-assignment').filter({ hasText: 'submit' }).waitFor({ timeout: 5_000 });
    await page.goBack();
    await page.getByTestId(`node-${ACTION}`).waitFor({ timeout: 10_000 });

    // A CSV lands in the container; the Runs tab shows the run it starts, live until it is green.
    await page.getByTestId('runs-tab').click();
    await page.getByTestId('runs-table').waitFor();
    const csv = 'region,units,amount\nnorth,3,30.5\nsouth,4,12\n';
    await container.getBlockBlobClient('sales.csv').upload(csv, Buffer.byteLength(csv));
    const row = page.locator('[data-testid^="run-row-"]').first();
    await until('the run row', async () => {
      if ((await row.count()) > 0) return true;
      await page.getByTestId('runs-refresh').click();
      return undefined;
    });
    const runName = ((await row.getAttribute('data-testid')) ?? '').slice('run-row-'.length);
    await row.click();
    await page.getByTestId('run-detail-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId(`run-status-${runName}`).innerText(), 'Succeeded');
    assert.equal(await page.getByTestId(`run-action-status-${ACTION}`).innerText(), 'Succeeded');

    // The HTTP action's outputs: status 200 and the pipeline run's Id.
    const action = await apiJson<{ properties: { outputs: { statusCode: number; body: { Id: string } } } }>(sluice.url, 'GET', `/api/workflows/${NAME}/runs/${runName}/actions/${ACTION}`);
    assert.equal(action.json.properties.outputs.statusCode, 200);
    const pipelineRunId = action.json.properties.outputs.body.Id;
    assert.ok(pipelineRunId);
    const outputs = page.getByTestId(`run-action-outputs-${ACTION}`);
    await outputs.locator('summary').click();
    const outputsText = await outputs.innerText();
    assert.match(outputsText, /200/);
    assert.ok(outputsText.includes(pipelineRunId), `the outputs show the pipeline run id ${pipelineRunId}:\n${outputsText}`);
    await browser.screenshot('designer-seed-run.png');

    // The pipeline run it submitted reads the uploaded blob and finishes.
    const finished = await until('the pipeline run to finish', async () => {
      const run = await apiJson<{ status: string; dataPathAssignments: Record<string, unknown> }>(sluice.url, 'GET', `/api/pipeline-runs/${pipelineRunId}`);
      return ['Finished', 'Failed', 'Canceled'].includes(run.json.status) ? run.json : undefined;
    }, 120_000);
    assert.equal(finished.status, 'Finished', JSON.stringify(finished));
    assert.deepEqual(finished.dataPathAssignments['input_datapath'], { DataStoreName: 'workspaceblobstore', RelativePath: 'sales.csv' });
    browser.assertNoErrors();
  });
});
