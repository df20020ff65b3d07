import assert from 'node:assert/strict';
import { browserSession, openWorkflow, pageHasText, waitForPageText } from '../helpers/browser.js';
import { codeMirrorText, replaceInCodeMirror } from '../helpers/codemirror.js';

describe('designer in Chromium: code view round trip', function () {
  this.timeout(60_000);
  const session = browserSession();

  it('keeps a Compose input typed in the code view through designer → code switches', async function () {
    const { page } = session.browser;
    await openWorkflow(page, session.sluice.url, 'large-orders-jsonpath');
    await page.getByTestId('code-view-tab').click();
    const before = await codeMirrorText(page);
    assert.match(before, /\$\.lines\[\*\]\.amount/);
    await replaceInCodeMirror(page, '$.lines[*].amount', '$.lines[*].price', '"Line_totals"');
    const edited = await codeMirrorText(page);
    assert.match(edited, /\$\.lines\[\*\]\.price/);

    await page.getByTestId('designer-tab').click();
    await page.getByTestId('node-Line_totals').click();
    await page.keyboard.press('Enter'); // Enter on the selected card opens its properties
    await page.getByTestId('properties-panel').waitFor();
    await waitForPageText(page, '$.lines[*].price');
    assert.ok(!(await pageHasText(page, '$.lines[*].amount')), 'the old text is gone from the properties panel');

    await page.getByTestId('code-view-tab').click();
    assert.equal(await codeMirrorText(page), edited, 'the code view shows exactly what was typed');
    session.browser.assertNoErrors();
  });
});
