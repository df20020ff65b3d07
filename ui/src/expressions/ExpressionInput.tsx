/**
 * A text field that takes expressions: inside `@…` or `@{…}` it suggests dynamic content, functions
 * (with signature and a one-line doc), action names and property keys; arrows move, Enter or Tab
 * accepts, Escape closes, Ctrl+Space opens. A syntax error shows under the field at its position.
 */
import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  acceptSuggestion,
  actionSuggestions,
  completionContext,
  propertySuggestions,
  rankSuggestions,
  type CompletionContext,
  type Suggestion,
} from './autocomplete';
import { ExpressionSourcesContext } from './expression-sources';
import { parseProblem } from './parse-problem';

interface Props {
  value: string;
  onChange: (text: string) => void;
  ariaLabel: string;
  testId?: string;
  placeholder?: string;
  /** How the owner will show what it was given (number fields drop `1.`'s dot): an outside value equal to this of the typed text is not written back. */
  normalize?: (text: string) => string;
}

export function ExpressionInput({ value, onChange, ariaLabel, testId, placeholder, normalize = (t) => t }: Props) {
  const sources = useContext(ExpressionSourcesContext);
  const [text, setText] = useState(value);
  const [caret, setCaret] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const pendingCaret = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (value !== normalize(text)) setText(value);
    // Only an outside change of `value` replaces the typed text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  useLayoutEffect(() => {
    if (pendingCaret.current !== undefined && input.current) {
      input.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = undefined;
    }
  });

  const context: CompletionContext | undefined = useMemo(() => completionContext(text, caret), [text, caret]);
  const suggestions: Suggestion[] = useMemo(() => {
    if (!context) return [];
    if (context.mode === 'action') return rankSuggestions(actionSuggestions(sources.actions), context.prefix);
    if (context.mode === 'property') return rankSuggestions(propertySuggestions(sources.propertyKeys(context.base), context.base), context.prefix);
    return rankSuggestions([...sources.dynamic, ...sources.functions], context.prefix);
  }, [context, sources]);
  const showing = open && suggestions.length > 0;
  const problem = useMemo(() => parseProblem(text), [text]);

  const write = (next: string, at: number): void => {
    setText(next);
    setCaret(at);
    onChange(next);
  };

  const accept = (s: Suggestion): void => {
    if (!context) return;
    const result = acceptSuggestion(text, caret, context, s);
    pendingCaret.current = result.caret;
    write(result.text, result.caret);
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      setOpen(true);
      setActive(0);
      return;
    }
    if (!showing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + suggestions.length) % suggestions.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      accept(suggestions[Math.min(active, suggestions.length - 1)]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="expression-input">
      <input
        ref={input}
        value={text}
        placeholder={placeholder}
        aria-label={ariaLabel}
        aria-autocomplete="list"
        aria-expanded={showing}
        aria-invalid={problem !== undefined}
        data-testid={testId}
        spellCheck={false}
        onChange={(e) => {
          write(e.target.value, e.target.selectionStart ?? e.target.value.length);
          setOpen(true);
          setActive(0);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {showing && (
        <ul className="suggestions" role="listbox" data-testid="expression-suggestions">
          {suggestions.map((s, i) => (
            <li
              key={`${s.kind}:${s.label}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              data-testid={`suggestion-${s.label}`}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(s);
              }}
            >
              <span className={`suggestion-label ${s.kind}`}>{s.kind === 'function' ? s.detail : s.label}</span>
              {s.kind !== 'function' && s.detail && <span className="suggestion-detail">{s.detail}</span>}
              {s.doc && <span className="suggestion-doc">{s.doc}</span>}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="expression-error" role="alert" data-testid="expression-error" data-position={problem.position}>
          <code>
            {text.slice(0, problem.position)}
            <mark>{text.slice(problem.position, problem.position + 1) || ' '}</mark>
            {text.slice(problem.position + 1)}
          </code>
          <span>at {problem.position}: {problem.message}</span>
        </p>
      )}
    </div>
  );
}
