/**
 * Moving an action into and out of a container with the card's "Move to…" menu: a Compose into a
 * Scope from the keyboard (focus the card, `m`, Enter) and back to the top level with the
 * card's button, each checked through the API after a save.
 */
import assert from 'node:assert/strict';
import { apiJson, launchBrowser, openWorkflow, startBrowserSluice, type BrowserSluice, type TestBrowser } from '../helpers/browser.js';

const NAME = 'move-into-scope';

interface Saved {
  properties: { definition: { actions: Record<string, { runAfter?: Record<string, string[]>; actions?: Record<string, { runAfter?: Record<string, string[]> }> }> } };
}

describe('designer in Chromium: move an action into and out of a container', function () {
  this.timeout(90_000);
  let sluice: BrowserSluice;
  let browser: TestBrowser;

  before(async function () {
    sluice = await startBrowserSluice();
    browser = await launchBrowser();
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        Group: { type: 'Scope', actions: { Inner: { type: 'Compose', inputs: 'inner', runAfter: {} } }, runAfter: {} },
        Note: { type: 'Compose', inputs: 'note', runAfter: { Group: ['Succeeded'] } },
      },
    };
    const saved = await apiJson(sluice.url, 'PUT', `/api/workflows/${NAME}`, { properties: { definition } });
    assert.ok(saved.status < 300, JSON.stringify(saved.json));
  });

  after(async function () {
    await browser?.close();
    await sluice?.stop();
  });

  const saveAndRead = async (version: number): Promise<Saved['properties']['definition']> => {
    const { page } = browser;
    await page.getByTestId('save').click();
    await page.getByTestId('save-status').filter({ hasText: `Saved version ${version}` }).waitFor({ timeout: 10_000 });
    return (await apiJson<Saved>(sluice.url, 'GET', `/api/workflows/${NAME}`)).json.properties.definition;
  };

  it('moves a Compose into a Scope from the keyboard and back to the top level with its button', async function () {
    const { page } = browser;
    await openWorkflow(page, sluice.url, NAME);
    const version = (await apiJson<{ properties: { version: number } }>(sluice.url, 'GET', `/api/workflows/${NAME}`)).json.properties.version;

    // Keyboard: focus the card, `m` opens the menu (the top level, where it is, is disabled; the
    // focus starts on the Scope's body), ArrowUp stays there, Enter picks.
    await page.locator('.react-flow__node[data-id="action:Note"]').focus();
    await page.keyboard.press('m');
    await page.getByTestId('move-menu').waitFor();
    assert.equal(await page.getByTestId('move-target-root').isDisabled(), true);
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid')), 'move-target-actions:Group');
    await page.keyboard.press('Enter');
    await page.getByTestId('move-menu').waitFor({ state: 'detached' });
    let saved = await saveAndRead(version + 1);
    assert.deepEqual(Object.keys(saved.actions), ['Group']);
    assert.deepEqual(Object.keys(saved.actions['Group']!.actions!), ['Inner', 'Note']);
    assert.deepEqual(saved.actions['Group']!.actions!['Note']!.runAfter, { Inner: ['Succeeded'] });

    // The card's button: back to the top level, after the Scope.
    await page.getByTestId('node-Note').hover();
    await page.getByTestId('move-Note').click();
    await page.getByTestId('move-target-root').click();
    await page.getByTestId('move-menu').waitFor({ state: 'detached' });
    saved = await saveAndRead(version + 2);
    assert.deepEqual(Object.keys(saved.actions), ['Group', 'Note']);
    assert.deepEqual(Object.keys(saved.actions['Group']!.actions!), ['Inner']);
    assert.deepEqual(saved.actions['Note']!.runAfter, { Group: ['Succeeded'] });
    browser.assertNoErrors();
  });
});
