/**
 * The whole definition as JSON, two-way with the canvas (see code-draft.ts): nothing typed here is
 * lost by switching to the canvas and back.
 */
import type { DesignerChange, WorkflowDefinition } from '../graph/index';
import { JsonEditor } from './JsonEditor';
import { formatDefinition, parseDefinitionText, shownText, type CodeDraft } from './code-draft';

interface Props {
  definition: WorkflowDefinition;
  draft: CodeDraft | undefined;
  setDraft: (draft: CodeDraft | undefined) => void;
  /** Returns the definition after the change, or undefined when the change was refused. */
  apply: (changes: readonly DesignerChange[]) => WorkflowDefinition | undefined;
}

export function CodeView({ definition, draft, setDraft, apply }: Props) {
  const text = shownText(draft, definition);
  const stale = draft !== undefined && draft.basis === undefined;

  const onChange = (typed: string): void => {
    const parsed = parseDefinitionText(typed);
    if (!parsed.ok) return setDraft({ text: typed, basis: undefined, error: parsed.error });
    if (JSON.stringify(parsed.definition) === JSON.stringify(definition)) {
      return setDraft(typed === formatDefinition(definition) ? undefined : { text: typed, basis: definition, error: undefined });
    }
    const next = apply([{ kind: 'replaceDefinition', definition: parsed.definition }]);
    if (next === undefined) return setDraft({ text: typed, basis: undefined, error: 'the definition was refused' });
    setDraft({ text: typed, basis: next, error: undefined });
  };

  return (
    <div className="code-view" data-testid="code-view">
      {stale && (
        <p className="error" role="alert" data-testid="code-error">
          Not applied: {draft.error}. Your text is kept here; the canvas shows the last definition that parsed.
        </p>
      )}
      <JsonEditor value={text} onChange={onChange} ariaLabel="Workflow definition JSON" testId="code-editor" minHeight="100%" />
    </div>
  );
}
