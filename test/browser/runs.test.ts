import assert from 'node:assert/strict';
import { apiJson, launchBrowser, openWorkflow, startBrowserSluice, type BrowserSluice, type TestBrowser } from '../helpers/browser.js';

describe('designer in Chromium: runs', function () {
  this.timeout(60_000);
  let sluice: BrowserSluice;
  let browser: TestBrowser;

  before(async function () {
    sluice = await startBrowserSluice();
    browser = await launchBrowser();
  });

  after(async function () {
    await browser?.close();
    await sluice?.stop();
  });

  it('runs a request trigger by hand with a body and shows the run Succeeded with its actions', async function () {
    const { page } = browser;
    await openWorkflow(page, sluice.url, 'select-query-table');
    await page.getByTestId('runs-tab').click();
    await page.getByTestId('run-trigger-body').fill('{ "note": "by hand" }');
    await page.getByTestId('run-trigger').click();
    await page.getByTestId('run-detail-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 10_000 });
    const row = page.locator('[data-testid^="run-row-"]');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    await page.locator('[data-testid^="run-status-"]').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 5_000 });
    assert.equal(await page.getByTestId('run-action-status-Answer').innerText(), 'Succeeded');
    await page.getByTestId('run-action-outputs-Answer').locator('summary').click();
    assert.match(await page.getByTestId('run-action-outputs-Answer').innerText(), /3 x Apples/);

    await page.getByTestId('runs-status-filter').selectOption('Failed');
    await page.getByText('No runs with status Failed').waitFor();
    await page.getByTestId('runs-status-filter').selectOption('');
    await row.first().waitFor();
    browser.assertNoErrors();
    await browser.screenshot('designer-run.png');
  });
});

describe('designer in Chromium: a run in progress', function () {
  this.timeout(60_000);
  let sluice: BrowserSluice;
  let browser: TestBrowser;

  before(async function () {
    sluice = await startBrowserSluice();
    browser = await launchBrowser();
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Pause: { type: 'Wait', inputs: { interval: { count: 2, unit: 'Second' } }, runAfter: {} },
        Done: { type: 'Compose', inputs: "@concat('waited for ', triggerBody()?['who'])", runAfter: { Pause: ['Succeeded'] } },
      },
    };
    const saved = await apiJson(sluice.url, 'PUT', '/api/workflows/slow-one', { properties: { definition } });
    assert.ok(saved.status < 300, JSON.stringify(saved.json));
  });

  after(async function () {
    await browser?.close();
    await sluice?.stop();
  });

  it('refreshes by itself from Running to Succeeded, in the detail and in the history', async function () {
    const { page } = browser;
    await openWorkflow(page, sluice.url, 'slow-one');
    await page.getByTestId('runs-tab').click();
    await page.getByTestId('run-trigger-body').fill('{ "who": "Ada" }');
    await page.getByTestId('run-trigger').click();
    await page.getByTestId('run-detail-status').filter({ hasText: 'Running' }).waitFor({ timeout: 5_000 });
    await page.getByTestId('run-detail-status').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-testid^="run-status-"]').filter({ hasText: 'Succeeded' }).waitFor({ timeout: 3_000 });
    await page.getByTestId('run-action-outputs-Done').locator('summary').click();
    assert.match(await page.getByTestId('run-action-outputs-Done').innerText(), /waited for Ada/);
    browser.assertNoErrors();
  });
});
