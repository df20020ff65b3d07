/**
 * Reading and editing the designer's CodeMirror 6 editor from a browser test: the document text
 * comes from the EditorView (the DOM only renders the lines in view); edits select a span through
 * the view and then type with the keyboard, so they go through CodeMirror's real input handling.
 */
import type { Page } from 'playwright-core';

/** The few DOM shapes used inside `page.evaluate` (the tests compile without the DOM lib). */
interface CodeMirrorView {
  state: { doc: { toString(): string } };
  dispatch(spec: unknown): void;
  focus(): void;
}
interface BrowserGlobal {
  document: { querySelector(selector: string): { cmTile?: { root?: { view?: CodeMirrorView } } } | null };
}

/** The whole document of the first CodeMirror editor on the page. */
export async function codeMirrorText(page: Page): Promise<string> {
  await page.locator('.cm-content').first().waitFor();
  return page.evaluate(() => {
    const view = (globalThis as unknown as BrowserGlobal).document.querySelector('.cm-content')?.cmTile?.root?.view;
    if (view === undefined) throw new Error('no CodeMirror view on the page');
    return view.state.doc.toString();
  });
}

/** Selects the first occurrence of `text` after `after` (when given) in the editor, and focuses it. */
export async function selectInCodeMirror(page: Page, text: string, after?: string): Promise<void> {
  await page.locator('.cm-content').first().click();
  const found = await page.evaluate(
    ({ text, after }) => {
      const view = (globalThis as unknown as BrowserGlobal).document.querySelector('.cm-content')?.cmTile?.root?.view;
      if (view === undefined) return false;
      const doc = view.state.doc.toString();
      const start = after === undefined ? 0 : doc.indexOf(after);
      if (start < 0) return false;
      const at = doc.indexOf(text, start);
      if (at < 0) return false;
      view.dispatch({ selection: { anchor: at, head: at + text.length }, scrollIntoView: true });
      view.focus();
      return true;
    },
    { text, after },
  );
  if (!found) throw new Error(`'${text}'${after === undefined ? '' : ` after '${after}'`} not found in the code editor`);
}

/** Replaces the first occurrence of `text` (after `after`) by typing `replacement` over it. */
export async function replaceInCodeMirror(page: Page, text: string, replacement: string, after?: string): Promise<void> {
  await selectInCodeMirror(page, text, after);
  await page.keyboard.insertText(replacement);
}
