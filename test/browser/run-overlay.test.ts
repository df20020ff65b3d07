import assert from 'node:assert/strict';
import { apiJson, launchBrowser, openWorkflow, startBrowserSluice, type BrowserSluice, type TestBrowser } from '../helpers/browser.js';

describe('designer in Chromium: a run over the canvas, and stale saves', function () {
  this.timeout(90_000);
  let sluice: BrowserSluice;
  let browser: TestBrowser;

  before(async function () {
    sluice = await startBrowserSluice();
    browser = await launchBrowser();
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Each: {
          type: 'Foreach',
          foreach: '@createArray(1, 2, 3)',
          actions: { Square: { type: 'Compose', inputs: '@mul(item(), item())', runAfter: {} } },
          runAfter: {},
        },
        Secret: {
          type: 'Compose',
          inputs: 'hush',
          runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
          runAfter: { Each: ['Succeeded'] },
        },
        Pause: { type: 'Wait', inputs: { interval: { count: 2, unit: 'Second' } }, runAfter: { Secret: ['Succeeded'] } },
      },
    };
    const saved = await apiJson(sluice.url, 'PUT', '/api/workflows/overlay-loop', { properties: { definition } });
    assert.ok(saved.status < 300, JSON.stringify(saved.json));
  });

  after(async function () {
    await browser?.close();
    await sluice?.stop();
  });

  it('colours every card of an example run by its status and opens a card’s outputs', async function () {
    const { page } = browser;
    await openWorkflow(page, sluice.url, 'select-query-table');
    await page.getByTestId('runs-tab').click();
    await page.getByTestId('run-trigger').click();
    await page.getByTestId('run-detail-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('run-show-on-canvas').click();

    await page.getByTestId('run-overlay-bar').waitFor();
    await page.locator('[data-testid="node-Answer"][data-status="Succeeded"]').waitFor({ timeout: 5_000 });
    for (const name of ['manual', 'Orders', 'In_stock', 'Order_lines', 'Products', 'Product_list', 'Order_table', 'Answer']) {
      assert.equal(await page.getByTestId(`node-${name}`).getAttribute('data-status'), 'Succeeded', name);
    }
    assert.match(await page.getByTestId('run-badge-Answer').innerText(), /Succeeded/);

    // Editing is off while the run is shown: no delete, add or move buttons, and Delete does nothing.
    await page.locator('.react-flow__node[data-id="action:Answer"]').focus();
    await page.keyboard.press('Delete');
    const controls = async (): Promise<number[]> =>
      Promise.all(['delete-Answer', 'add-after-Answer', 'move-Answer', 'node-Answer'].map((id) => page.getByTestId(id).count()));
    assert.deepEqual(await controls(), [0, 0, 0, 1]);

    await page.getByTestId('node-Answer').click();
    await page.getByTestId('run-card-panel').waitFor();
    assert.equal(await page.getByTestId('run-card-status').innerText(), 'Succeeded');
    assert.match(await page.getByTestId('run-card-outputs').innerText(), /3 x Apples/);
    await browser.screenshot('designer-run-overlay.png');

    await page.getByTestId('run-overlay-close').click();
    assert.equal(await page.getByTestId('node-Answer').getAttribute('data-status'), null);
    assert.deepEqual(await controls(), [1, 1, 1, 1], 'Back to editing turns editing on again');
    browser.assertNoErrors();
  });

  it('updates live while running, pages a Foreach’s iterations, masks secure values, resubmits', async function () {
    const { page } = browser;
    await openWorkflow(page, sluice.url, 'overlay-loop');
    await page.getByTestId('runs-tab').click();
    await page.getByTestId('run-trigger').click();
    await page.getByTestId('run-show-on-canvas').click();
    await page.getByTestId('run-overlay-status').filter({ hasText: 'Running' }).waitFor({ timeout: 5_000 });
    await page.getByTestId('run-cancel').waitFor();
    await page.locator('[data-testid="node-Secret"][data-status="Succeeded"]').waitFor({ timeout: 5_000 });
    // A Wait action in progress reports Waiting; the card says so until the next poll turns it green.
    await page.locator('[data-testid="node-Pause"][data-status="Waiting"]').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="node-Pause"][data-status="Succeeded"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('run-overlay-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 5_000 });
    assert.equal(await page.getByTestId('run-cancel').count(), 0);

    await page.getByTestId('node-Each').locator('.card-title').click();
    await page.getByTestId('run-pager').waitFor();
    assert.match(await page.getByTestId('run-pager-position').innerText(), /1 of 3/);
    await page.getByTestId('run-iteration-outputs-Square').locator('summary').click();
    assert.match(await page.getByTestId('run-iteration-outputs-Square').innerText(), /^\s*Outputs\s+1\s*$/);
    await page.getByTestId('run-pager-next').click();
    await page.getByTestId('run-pager-next').click();
    assert.match(await page.getByTestId('run-pager-position').innerText(), /3 of 3/);
    assert.match(await page.getByTestId('run-iteration-outputs-Square').innerText(), /9/);

    await page.getByTestId('node-Secret').click();
    assert.match(await page.getByTestId('run-card-outputs').innerText(), /\(secured\)/);
    assert.doesNotMatch(await page.getByTestId('run-card-panel').innerText(), /hush/);

    const before = await page.locator('.run-overlay-bar .run-id').innerText();
    await page.getByTestId('run-resubmit').click();
    await page.locator('.run-overlay-bar .run-id').filter({ hasNotText: before }).waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="node-Pause"][data-status="Succeeded"]').waitFor({ timeout: 10_000 });
    browser.assertNoErrors();
  });

  it('a save after someone else’s is a conflict: the dialog offers a choice, Overwrite saves mine', async function () {
    const { page } = browser;
    await openWorkflow(page, sluice.url, 'select-query-table');
    const loaded = await apiJson<{ properties: { version: number; definition: Record<string, unknown> } }>(sluice.url, 'GET', '/api/workflows/select-query-table');

    // An edit in the page: delete the last action (nothing runs after it).
    await page.getByTestId('node-Answer').click();
    await page.getByTestId('delete-Answer').click();
    await page.getByTestId('node-Answer').waitFor({ state: 'detached' });

    // Someone else saves behind the page's back.
    const theirs = await apiJson(sluice.url, 'PUT', '/api/workflows/select-query-table', { definition: loaded.json.properties.definition });
    assert.equal(theirs.status, 200);

    await page.getByTestId('save').click();
    await page.getByTestId('conflict-dialog').waitFor();
    const version = loaded.json.properties.version;
    assert.equal(
      await page.getByTestId('conflict-message').innerText(),
      `workflow select-query-table was saved by someone else: version ${version + 1} is current, you edited version ${version}.`,
    );
    // Cancel keeps editing with nothing lost.
    await page.getByTestId('conflict-cancel').click();
    assert.equal(await page.getByTestId('node-Answer').count(), 0);

    await page.getByTestId('save').click();
    await page.getByTestId('conflict-overwrite').click();
    await page.getByTestId('save-status').filter({ hasText: `Saved version ${version + 2}` }).waitFor({ timeout: 5_000 });
    assert.equal(await page.getByTestId('conflict-dialog').count(), 0);
    const now = await apiJson<{ properties: { version: number; definition: { actions: Record<string, unknown> } } }>(sluice.url, 'GET', '/api/workflows/select-query-table');
    assert.equal(now.json.properties.version, version + 2);
    assert.ok(!('Answer' in now.json.properties.definition.actions));
    assert.ok('Orders' in now.json.properties.definition.actions);

    // The Versions view lists them and diffs the last two.
    await page.getByTestId('versions-tab').click();
    await page.getByTestId(`version-row-${version + 2}`).waitFor();
    assert.equal(await page.getByTestId('versions-diff').locator('.diff-removed').filter({ hasText: '"Answer"' }).count(), 1);
    assert.equal(await page.locator('.diff-added').count(), 0);
    await browser.screenshot('designer-versions.png');
    browser.assertNoErrors();
  });
});
