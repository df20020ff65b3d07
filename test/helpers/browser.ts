/**
 * Browser-test harness: Debian's Chromium driven by playwright-core, and Sluice started in-process
 * with the example workflows. A missing `/usr/bin/chromium` fails the tests (CI installs it with
 * apt-get in `.ci/run`); it is never a reason to skip.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { defaultConfig, type SluiceConfig } from '../../engine/config.js';
import { startSluice, type RunningSluice } from '../../engine/main.js';
import { repoRoot } from './paths.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console `error` messages and uncaught page errors seen so far, in order. */
  readonly errors: string[];
  /** Throws listing every console or page error seen since the start (or the last `clearErrors`). */
  assertNoErrors(): void;
  clearErrors(): void;
  /**
   * A PNG of the page: into `docs/<name>` of the repository when SLUICE_UPDATE_SCREENSHOTS=1 (to
   * refresh the README's pictures), otherwise into a temporary folder so test runs leave the
   * checkout untouched.
   */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Chromium with a fresh user-data folder, one page at 1280×800 that records console and page errors. */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's chromium ` +
        '(apt-get install -y --no-install-recommends chromium; .ci/run installs it).',
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return {
    context,
    page,
    errors,
    assertNoErrors() {
      if (errors.length > 0) throw new Error(`browser errors:\n${errors.join('\n')}`);
    },
    clearErrors() {
      errors.length = 0;
    },
    async screenshot(name: string) {
      const docs = process.env['SLUICE_UPDATE_SCREENSHOTS'] === '1' ? join(repoRoot(), 'docs') : join(tmpdir(), 'sluice-screenshots');
      mkdirSync(docs, { recursive: true });
      await page.screenshot({ path: join(docs, name) });
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSluice {
  readonly url: string;
  readonly sluice: RunningSluice;
  stop(): Promise<void>;
}

/**
 * Sluice on a free loopback port, its data in a temp folder, the example workflows loaded, no
 * embedded Azurite; `overrides` replace config entries (e.g. `connections` for a test's Azurite).
 */
export async function startBrowserSluice(overrides: Partial<SluiceConfig> = {}): Promise<BrowserSluice> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sluice-browser-'));
  const config = { ...defaultConfig(), ...overrides, dataDir, port: 0 };
  config.datastores = { ...config.datastores, workspacefilestore: { kind: 'folder', path: join(dataDir, 'files') } };
  mkdirSync(join(dataDir, 'files'));
  let sluice: RunningSluice;
  try {
    sluice = await startSluice({ config, embeddedAzurite: false, examples: join(repoRoot(), 'definitions', 'examples') });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: sluice.url,
    sluice,
    async stop() {
      await sluice.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON over HTTP against a running Sluice (setting up state the test then looks at in the browser). */
export async function apiJson<T>(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

/** From the Workflows page, opens `name` in the editor (the link in its row) and waits for the canvas. */
export async function openWorkflow(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByTestId(`workflow-row-${name}`).getByRole('link', { name, exact: true }).click();
  await page.locator('.react-flow__node').first().waitFor({ timeout: 10_000 });
}

interface TextGlobal {
  document: { body: { innerText: string }; querySelectorAll(selector: string): Iterable<{ value: string }> };
}

/** Waits until `text` shows on the page, as text or as the value of an input, textarea or CodeMirror line. */
export async function waitForPageText(page: Page, text: string, timeout = 5_000): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const doc = (globalThis as unknown as TextGlobal).document;
      if (doc.body.innerText.includes(t)) return true;
      for (const field of doc.querySelectorAll('input, textarea')) if (field.value.includes(t)) return true;
      return false;
    },
    text,
    { timeout },
  );
}

/** Whether `text` shows on the page now (text, or an input's value). */
export async function pageHasText(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    const doc = (globalThis as unknown as TextGlobal).document;
    if (doc.body.innerText.includes(t)) return true;
    for (const field of doc.querySelectorAll('input, textarea')) if (field.value.includes(t)) return true;
    return false;
  }, text);
}

/**
 * Registers mocha hooks that start Sluice and Chromium before a describe block's tests and stop
 * them after; the tests read `session.sluice` and `session.browser`.
 */
export function browserSession(overrides: Partial<SluiceConfig> = {}): { readonly sluice: BrowserSluice; readonly browser: TestBrowser } {
  const session = {} as { sluice: BrowserSluice; browser: TestBrowser };
  before(async function () {
    session.sluice = await startBrowserSluice(overrides);
    session.browser = await launchBrowser();
  });
  after(async function () {
    await session.browser?.close();
    await session.sluice?.stop();
  });
  return session;
}
