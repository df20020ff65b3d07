/** An object of strings (headers, queries) as rows of key and value; an expression for the whole object is kept as text. */
import { useEffect, useState } from 'react';
import { ExpressionInput } from '../../expressions/ExpressionInput';
import { entriesOf, objectOfEntries } from '../schema-model';
import type { FieldProps } from './field-props';

export function KeyValueField({ field, value, onChange, path }: FieldProps<'keyValue'>) {
  const [rows, setRows] = useState<[string, string][]>(() => entriesOf(value));
  useEffect(() => {
    if (JSON.stringify(objectOfEntries(rows)) !== JSON.stringify(value ?? {})) setRows(entriesOf(value));
    // Rows being typed (an empty key) survive their own round trip.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  if (typeof value === 'string') {
    return <ExpressionInput value={value} onChange={(t) => onChange(t === '' ? undefined : t)} ariaLabel={field.label} testId={`field-${path}`} />;
  }
  const update = (next: [string, string][]): void => {
    setRows(next);
    const obj = objectOfEntries(next);
    onChange(Object.keys(obj).length === 0 && next.length === 0 ? undefined : obj);
  };
  return (
    <div className="key-value" data-testid={`field-${path}`}>
      {rows.map(([k, v], i) => (
        <div className="key-value-row" key={i}>
          <input value={k} aria-label={`${field.label} key ${i + 1}`} placeholder="Key" data-testid={`field-${path}-key-${i}`} onChange={(e) => update(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))} />
          <ExpressionInput value={v} ariaLabel={`${field.label} value ${i + 1}`} testId={`field-${path}-value-${i}`} placeholder="Value" onChange={(t) => update(rows.map((r, j) => (j === i ? [r[0], t] : r)))} />
          <button type="button" aria-label={`Remove ${k || 'row'}`} onClick={() => update(rows.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <button type="button" className="link" data-testid={`field-${path}-add`} onClick={() => setRows([...rows, ['', '']])}>+ Add</button>
    </div>
  );
}
