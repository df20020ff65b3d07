/** Bodies and anything without a narrower shape: JSON text; a bare string (an expression) is typed as is. */
import { useEffect, useState } from 'react';
import { JsonEditor } from '../../code/JsonEditor';
import type { Json } from '../../graph/json';
import type { FieldProps } from './field-props';

interface Drafts {
  /** Text typed here that does not parse yet, kept by the editor so a tab switch loses nothing. */
  draft?: string | undefined;
  setDraft?: (text: string | undefined) => void;
}

const show = (value: Json | undefined): string => (value === undefined ? '' : JSON.stringify(value, null, 2));

export function JsonField({ field, value, onChange, path, draft, setDraft }: FieldProps<'json'> & Drafts) {
  const [text, setText] = useState(() => draft ?? show(value));
  const [error, setError] = useState<string | undefined>(() => {
    if (draft === undefined) return undefined;
    try {
      JSON.parse(draft);
      return undefined;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  });
  useEffect(() => {
    let same = false;
    try {
      same = text.trim() !== '' && JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
    } catch {
      same = false;
    }
    if (!same && !(text.trim() === '' && value === undefined) && draft === undefined) {
      setText(show(value));
      setError(undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const typed = (t: string): void => {
    setText(t);
    if (t.trim() === '') {
      setError(undefined);
      setDraft?.(undefined);
      return onChange(undefined);
    }
    try {
      const parsed = JSON.parse(t) as Json;
      setError(undefined);
      setDraft?.(undefined);
      onChange(parsed);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setDraft?.(t);
    }
  };
  return (
    <div className="json-field">
      <JsonEditor value={text} onChange={typed} ariaLabel={field.label} testId={`field-${path}`} minHeight="4rem" />
      {error && <p className="error" data-testid={`field-${path}-error`}>Not applied — {error}</p>}
    </div>
  );
}
