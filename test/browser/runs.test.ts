import assert from 'node:assert/strict';
import { launchBrowser, openWorkflow, startBrowserSluice, type BrowserSluice, type TestBrowser } from '../helpers/browser.js';

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
