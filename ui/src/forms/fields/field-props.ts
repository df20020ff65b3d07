/** What every field component of the schema form takes. */
import type { Json } from '../../graph/json';
import type { FieldModel } from '../schema-model';

export interface FieldProps<K extends FieldModel['kind'] = FieldModel['kind']> {
  field: Extract<FieldModel, { kind: K }>;
  value: Json | undefined;
  /** Undefined removes the property. */
  onChange: (value: Json | undefined) => void;
  /** Dotted path, for test ids and labels (`inputs.authentication.type`). */
  path: string;
}
