/** Text and number fields: an expression input; `@…` stays an expression, numbers become numbers. */
import { ExpressionInput } from '../../expressions/ExpressionInput';
import { textOf, valueOfText } from '../schema-model';
import type { FieldProps } from './field-props';

export function TextField({ field, value, onChange, path }: FieldProps<'text' | 'number'>) {
  const kind = field.kind === 'number' ? 'number' : 'text';
  return (
    <ExpressionInput
      value={textOf(value)}
      onChange={(t) => onChange(valueOfText(t, kind))}
      normalize={(t) => textOf(valueOfText(t, kind))}
      ariaLabel={field.label}
      testId={`field-${path}`}
      {...(field.description ? { placeholder: field.description } : {})}
    />
  );
}
