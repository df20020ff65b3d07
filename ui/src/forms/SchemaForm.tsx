/**
 * The selected card's inputs as a form rendered from its type's schema: one field per property,
 * nested objects as groups, the authentication type picker with the fields of the chosen type.
 * Every field writes through `write(path, value)` (a merge patch on the node), so the form, the
 * inputs JSON and the code view all read one definition.
 */
import { isObject, type Json, type JsonObject } from '../graph/json';
import { JsonField } from './fields/JsonField';
import { KeyValueField } from './fields/KeyValueField';
import { SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';
import { valueAt, type FieldModel } from './schema-model';

interface Props {
  fields: readonly FieldModel[];
  node: JsonObject;
  write: (path: readonly string[], value: Json | undefined) => void;
  /** Unparsed JSON typed in a field, per dotted path. */
  drafts?: Readonly<Record<string, string>>;
  setDraft?: (path: string, text: string | undefined) => void;
}

export function SchemaForm({ fields, node, write, drafts = {}, setDraft }: Props) {
  // A single whole-value field (Compose) edits `inputs` itself.
  const whole = fields.length === 1 && fields[0]!.key === 'inputs';
  return (
    <div className="schema-form" data-testid="schema-form">
      {fields.map((f) => {
        const path = whole ? ['inputs'] : ['inputs', f.key];
        return <FieldView key={f.key} field={f} path={path} node={node} write={write} drafts={drafts} setDraft={setDraft} />;
      })}
    </div>
  );
}

type ViewProps = { field: FieldModel; path: readonly string[]; node: JsonObject; write: Props['write']; drafts: Readonly<Record<string, string>>; setDraft: Props['setDraft'] };

function FieldView({ field, path, node, write, drafts, setDraft }: ViewProps) {
  const value = valueAt(node, path);
  const onChange = (v: Json | undefined): void => write(path, v);
  const id = path.join('.');
  const label = (
    <span className="field-label" title={field.description}>
      {field.label}
      {field.required && <span className="required" aria-hidden="true"> *</span>}
    </span>
  );
  switch (field.kind) {
    case 'text':
    case 'number':
      return <div className="field">{label}<TextField field={field} value={value} onChange={onChange} path={id} /></div>;
    case 'enum':
    case 'boolean':
      return <div className="field">{label}<SelectField field={field} value={value} onChange={onChange} path={id} /></div>;
    case 'keyValue':
      return <div className="field">{label}<KeyValueField field={field} value={value} onChange={onChange} path={id} /></div>;
    case 'json':
      return <div className="field">{label}<JsonField field={field} value={value} onChange={onChange} path={id} draft={drafts[id]} {...(setDraft ? { setDraft: (t: string | undefined) => setDraft(id, t) } : {})} /></div>;
    case 'object':
      return (
        <fieldset className="field group" data-testid={`field-${id}`}>
          <legend>{field.label}</legend>
          {field.fields.map((f) => <FieldView key={f.key} field={f} path={[...path, f.key]} node={node} write={write} drafts={drafts} setDraft={setDraft} />)}
        </fieldset>
      );
    case 'typed': {
      const chosen = isObject(value) && typeof value['type'] === 'string' ? value['type'] : undefined;
      const typeField: FieldModel = { kind: 'enum', key: 'type', label: 'Type', required: true, options: field.types };
      const shown = chosen === undefined ? [] : (field.fieldsByType[chosen] ?? field.allFields);
      if (typeof value === 'string') {
        return <div className="field">{label}<TextField field={{ ...field, kind: 'text' }} value={value} onChange={onChange} path={id} /></div>;
      }
      return (
        <fieldset className="field group" data-testid={`field-${id}`}>
          <legend>{field.label}</legend>
          <SelectField
            field={typeField}
            value={chosen}
            path={`${id}.type`}
            onChange={(t) => {
              if (t === undefined) return onChange(undefined);
              // Keep only the fields the new type uses.
              const keep = typeof t === 'string' ? (field.fieldsByType[t] ?? field.allFields).map((f) => f.key) : field.allFields.map((f) => f.key);
              const next: JsonObject = { type: t };
              if (isObject(value)) for (const k of Object.keys(value)) if (k !== 'type' && keep.includes(k)) next[k] = value[k]!;
              onChange(next);
            }}
          />
          {shown.map((f) => <FieldView key={f.key} field={f} path={[...path, f.key]} node={node} write={write} drafts={drafts} setDraft={setDraft} />)}
        </fieldset>
      );
    }
  }
}
