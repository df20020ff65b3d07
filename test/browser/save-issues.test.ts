import assert from 'node:assert/strict';
import { browserSession, openWorkflow } from '../helpers/browser.js';
import { replaceInCodeMirror } from '../helpers/codemirror.js';

describe('designer in Chromium: validation issues on save', function () {
  this.timeout(60_000);
  const session = browserSession();

  it('lists a bad runAfter with its pointer; clicking the issue selects the card', async function () {
    const { page } = session.browser;
    await openWorkflow(page, session.sluice.url, 'large-orders-jsonpath');
    await page.getByTestId('code-view-tab').click();
    await replaceInCodeMirror(page, '"Line_totals"', '"Nope"', '"runAfter"');
    await page.getByTestId('save').click();
    const issue = page.getByTestId('issue-0');
    await issue.waitFor({ timeout: 10_000 });
    assert.match(await issue.innerText(), /\/actions\/Summary\/runAfter\/Nope/);
    await issue.click();
    const card = page.getByTestId('node-Summary');
    await card.waitFor();
    const selected = await card.evaluate((el) => {
      const node = el.closest('.react-flow__node');
      return el.classList.contains('selected') || el.getAttribute('aria-selected') === 'true' || (node !== null && node.classList.contains('selected'));
    });
    assert.ok(selected, 'the Summary card is selected');
    session.browser.assertNoErrors(); // the save validates first, so a refused save logs no failed request
  });
});
