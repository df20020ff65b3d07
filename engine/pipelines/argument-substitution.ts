/**
 * `${{inputs.x}}`, `${{outputs.y}}` and `${{parameters.z}}` inside step arguments (and environment
 * values) become absolute local paths and parameter values. Anywhere in a string, several per
 * string: `--data=${{inputs.raw}}/part-1.csv`. An unknown reference fails the step before it runs.
 */
import { DefinitionError } from '../errors.js';

export interface SubstitutionValues {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
  parameters: Record<string, string>;
}

const REFERENCE = /\$\{\{\s*(inputs|outputs|parameters)\.([A-Za-z0-9_-]+)\s*\}\}/g;

export function substitute(text: string, values: SubstitutionValues, where: string): string {
  return text.replace(REFERENCE, (_whole, kind: keyof SubstitutionValues, name: string) => {
    const table = values[kind];
    if (!Object.prototype.hasOwnProperty.call(table, name)) {
      throw new DefinitionError('InvalidArgument', `${where}: \${{${kind}.${name}}} refers to no ${kind.slice(0, -1)} of the step`);
    }
    return table[name]!;
  });
}

/** The parameter names a step's arguments and environment refer to: they feed its fingerprint. */
export function referencedParameters(texts: readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(REFERENCE)) if (match[1] === 'parameters') names.add(match[2]!);
  }
  return [...names].sort();
}
