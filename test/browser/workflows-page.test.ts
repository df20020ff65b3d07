import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { browserSession } from '../helpers/browser.js';
import { repoRoot } from '../helpers/paths.js';

const exampleNames = readdirSync(join(repoRoot(), 'definitions', 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

describe('designer in Chromium: the Workflows page', function () {
  this.timeout(60_000);
  const session = browserSession();

  it('lists every example workflow, with no errors in the console', async function () {
    assert.ok(exampleNames.length >= 5, 'the examples folder is read');
    await session.browser.page.goto(session.sluice.url);
    for (const name of exampleNames) {
      await session.browser.page.getByTestId(`workflow-row-${name}`).waitFor({ timeout: 10_000 });
    }
    const row = session.browser.page.getByTestId('workflow-row-seed-blob-to-pipeline');
    assert.match((await row.innerText()).toLowerCase(), /enabled/, 'the row shows the state');
    session.browser.assertNoErrors();
    await session.browser.screenshot('designer-workflows.png');
  });
});
