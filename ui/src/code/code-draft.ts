/**
 * What the code view shows. Typed text is kept as a draft: while it parses, it is applied with
 * `replaceDefinition` and shown as typed (formatting kept) as long as the definition is the one it
 * produced; once the definition changes elsewhere (canvas, undo), the view shows the new
 * definition. Text that does not parse is never replaced: it stays, with its error, until fixed.
 */
import type { WorkflowDefinition } from '../graph/index.js';
import { isObject } from '../graph/json.js';

export interface CodeDraft {
  readonly text: string;
  /** The definition the text parsed into, or undefined while it does not parse. */
  readonly basis: WorkflowDefinition | undefined;
  readonly error: string | undefined;
}

export const formatDefinition = (definition: WorkflowDefinition): string => JSON.stringify(definition, null, 2);

export function shownText(draft: CodeDraft | undefined, definition: WorkflowDefinition): string {
  if (draft && (draft.basis === undefined || draft.basis === definition)) return draft.text;
  return formatDefinition(definition);
}

export type ParsedText = { ok: true; definition: WorkflowDefinition } | { ok: false; error: string };

export function parseDefinitionText(text: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (!isObject(value)) return { ok: false, error: 'the definition must be a JSON object' };
  return { ok: true, definition: value };
}
