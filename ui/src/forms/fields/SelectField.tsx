/** Enums and booleans: a select, with "Expression…" switching to an expression input. */
import { useState } from 'react';
import { ExpressionInput } from '../../expressions/ExpressionInput';
import { textOf } from '../schema-model';
import type { FieldProps } from './field-props';

const EXPRESSION = '\u0000expression';

export function SelectField({ field, value, onChange, path }: FieldProps<'enum' | 'boolean'>) {
  const options = field.kind === 'boolean' ? ['true', 'false'] : field.options;
  const text = textOf(value);
  const [expression, setExpression] = useState(false);
  const isExpression = expression || (text !== '' && !options.includes(text));
  if (isExpression) {
    return (
      <div className="select-expression">
        <ExpressionInput value={text} onChange={(t) => onChange(t === '' ? undefined : t)} ariaLabel={field.label} testId={`field-${path}`} placeholder="@expression" />
        <button
          type="button"
          className="link"
          onClick={() => {
            setExpression(false);
            onChange(undefined);
          }}
        >
          Choose a value
        </button>
      </div>
    );
  }
  return (
    <select
      value={text}
      aria-label={field.label}
      data-testid={`field-${path}`}
      onChange={(e) => {
        const v = e.target.value;
        if (v === EXPRESSION) return setExpression(true);
        if (v === '') return onChange(undefined);
        onChange(field.kind === 'boolean' ? v === 'true' : v);
      }}
    >
      <option value="">{field.required ? '— choose —' : '(not set)'}</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {o}
        </option>
      ))}
      <option value={EXPRESSION}>Expression…</option>
    </select>
  );
}
