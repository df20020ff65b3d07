import assert from 'node:assert/strict';
import { apiJson, launchBrowser, openWorkflow, startBrowserSluice, type BrowserSluice, type TestBrowser } from '../helpers/browser.js';

interface Saved {
  properties: { definition: { actions: Record<string, { inputs: Record<string, unknown> }> } };
}

const NAME = 'properties-form';

describe('designer in Chromium: the properties form', function () {
  this.timeout(60_000);
  let sluice: BrowserSluice;
  let browser: TestBrowser;

  before(async function () {
    sluice = await startBrowserSluice();
    browser = await launchBrowser();
    const definition = {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: { type: 'object', properties: { Name: { type: 'string' } } } } } },
      actions: { Call_service: { type: 'Http', inputs: { method: 'GET', uri: 'http://127.0.0.1:9/none' }, runAfter: {} } },
      outputs: {},
    };
    const put = await apiJson(sluice.url, 'PUT', `/api/workflows/${NAME}`, { definition });
    assert.ok(put.status === 200 || put.status === 201, `created the workflow (${put.status})`);
  });

  after(async function () {
    await browser?.close();
    await sluice?.stop();
  });

  it('edits an Http action through the schema form with autocomplete and parse errors, and saves it', async function () {
    const { page } = browser;
    await openWorkflow(page, sluice.url, NAME);
    await page.getByTestId('node-Call_service').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('properties-panel').waitFor();
    await page.getByTestId('schema-form').waitFor();

    // An enum from the schema: the method select.
    await page.getByTestId('field-inputs.method').selectOption('POST');

    // A text field with dynamic content from the Request trigger's schema.
    const uri = page.getByTestId('field-inputs.uri');
    await uri.fill('');
    await uri.pressSequentially("@triggerBody()?['Na");
    await page.getByTestId('suggestion-Name').waitFor();
    await page.keyboard.press('Enter');
    assert.equal(await uri.inputValue(), "@triggerBody()?['Name']");

    // A parse error shows at its position while typing, and goes once the text parses.
    const cookie = page.getByTestId('field-inputs.cookie');
    await cookie.pressSequentially('@concat(');
    const error = page.getByTestId('expression-error');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-position'), '8');
    await page.keyboard.press('Escape');
    await cookie.pressSequentially("'a', 'b')");
    await error.waitFor({ state: 'detached' });

    // Function autocomplete shows a signature; the authentication picker shows the chosen type's fields.
    await page.getByTestId('field-inputs.authentication.type').selectOption('ManagedServiceIdentity');
    await page.getByTestId('field-inputs.authentication.audience').fill('https://management.azure.com/');

    // The raw inputs tab shows what the form wrote; nothing is lost switching back.
    await page.getByTestId('properties-json-tab').click();
    await page.getByTestId('inputs-editor').getByText("triggerBody()?['Name']").waitFor();
    await page.getByTestId('properties-form-tab').click();
    assert.equal(await page.getByTestId('field-inputs.uri').inputValue(), "@triggerBody()?['Name']");

    await page.getByTestId('save').click();
    await page.getByTestId('save-status').getByText(/Saved version/).waitFor({ timeout: 10_000 });
    const saved = await apiJson<Saved>(sluice.url, 'GET', `/api/workflows/${NAME}`);
    const inputs = saved.json.properties.definition.actions['Call_service']!.inputs;
    assert.deepEqual(inputs, {
      method: 'POST',
      uri: "@triggerBody()?['Name']",
      cookie: "@concat('a', 'b')",
      authentication: { type: 'ManagedServiceIdentity', audience: 'https://management.azure.com/' },
    });
    browser.assertNoErrors();
  });

  it('settings write retry, timeout and secure data', async function () {
    const { page } = browser;
    await page.getByTestId('properties-settings-tab').click();
    await page.getByTestId('retry-type').selectOption('fixed');
    await page.getByTestId('retry-count').fill('3');
    await page.getByTestId('retry-interval').fill('PT10S');
    await page.getByTestId('setting-timeout').fill('PT1M');
    await page.getByTestId('setting-secure-outputs').check();
    await page.getByTestId('properties-json-tab').click();
    await page.getByTestId('inputs-editor').getByText('"PT10S"').waitFor();
    await page.getByTestId('code-view-tab').click();
    await page.getByText('"secureData"').waitFor();
    browser.assertNoErrors();
  });
});
