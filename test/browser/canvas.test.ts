import assert from 'node:assert/strict';
import { browserSession, openWorkflow } from '../helpers/browser.js';

describe('designer in Chromium: the canvas', function () {
  this.timeout(60_000);
  const session = browserSession();

  it('opens seed-blob-to-pipeline with its blob trigger first and the HTTP action after it', async function () {
    const { page } = session.browser;
    await openWorkflow(page, session.sluice.url, 'seed-blob-to-pipeline');
    const trigger = page.getByTestId('node-When_a_blob_is_added_or_modified_(properties_only)_(V2)');
    const http = page.getByTestId('node-Submit_pipeline_run');
    await trigger.waitFor();
    await http.waitFor();
    const [t, h] = [await trigger.boundingBox(), await http.boundingBox()];
    assert.ok(t !== null && h !== null, 'both cards are visible');
    assert.ok(t.y + t.height <= h.y + 1, `the trigger (y=${t.y}) is above the HTTP action (y=${h.y})`);
    session.browser.assertNoErrors();
    await session.browser.screenshot('designer-canvas.png');
  });
});
