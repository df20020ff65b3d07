/**
 * The designer in Chromium with a 200-action workflow: time until the editor shows its cards, and
 * frame intervals while panning the canvas. Prints figures; asserts nothing.
 * Goal (issue 6): opens in under a second and pans smoothly.
 */
import { buildWorkflow } from './lib/large-workflow.js';
import { apiJson, launchBrowser, startBrowserSluice } from '../test/helpers/browser.js';

interface FrameGlobal {
  requestAnimationFrame(cb: (t: number) => void): number;
  __frames: number[];
}

const sluice = await startBrowserSluice();
const browser = await launchBrowser();
try {
  const saved = await apiJson(sluice.url, 'PUT', '/api/workflows/large', { definition: buildWorkflow(200) });
  if (saved.status >= 300) throw new Error(`could not save the workflow: ${JSON.stringify(saved.json)}`);
  const page = browser.page;
  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('about:blank');
    const start = Date.now();
    // A full page load each time: the bundle, the definition over the API, layout and first paint.
    await page.goto(`${sluice.url}#/workflows/large`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 20_000 });
    opens.push(Date.now() - start);
  }
  const cards = await page.locator('.react-flow__node').count();
  await page.evaluate(() => {
    const g = globalThis as unknown as FrameGlobal;
    g.__frames = [];
    const tick = (t: number): void => {
      g.__frames.push(t);
      if (g.__frames.length < 400) g.requestAnimationFrame(tick);
    };
    g.requestAnimationFrame(tick);
  });
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (box === null) throw new Error('no canvas pane');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i < 120; i++) await page.mouse.move(box.x + box.width / 2 + Math.sin(i / 10) * 300, box.y + box.height / 2 + i * 2);
  await page.mouse.up();
  const frames = await page.evaluate(() => (globalThis as unknown as FrameGlobal).__frames);
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
  const pct = (p: number): number => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * p))] ?? 0;
  opens.sort((a, b) => a - b);
  console.log(`200-action workflow: opens in ${opens[2]} ms from a cold page load (median of 5; ${cards} cards on screen after zoom to fit)`);
  console.log(`panning: frame interval median ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms over ${gaps.length} frames`);
  console.log(JSON.stringify({ bench: 'designer-browser', openMs: opens[2], cards, frameMedianMs: Number(pct(0.5).toFixed(1)), frameP95Ms: Number(pct(0.95).toFixed(1)) }));
} finally {
  await browser.close();
  await sluice.stop();
}
