/** Tiny builders for inline definitions in the loader tests. */
import { loadDefinition, type Issue, type LoadOptions } from '../../../definitions/load.js';

export type Json = Record<string, unknown>;

export function definition(actions: Json, extra: Json = {}): Json {
  return {
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http' } },
    actions,
    outputs: {},
    ...extra,
  };
}

export function compose(inputs: unknown, runAfter: Record<string, string[]> = {}): Json {
  return { type: 'Compose', inputs, runAfter };
}

/** The issues of a definition that must fail to load. */
export function issuesOf(json: unknown, options?: LoadOptions): readonly Issue[] {
  const result = loadDefinition(json, options);
  if (result.ok) throw new Error('expected the definition to be rejected, but it loaded');
  return result.issues;
}

export function expectValid(json: unknown, options?: LoadOptions): void {
  const result = loadDefinition(json, options);
  if (!result.ok) throw new Error(`expected a valid definition, got:\n${result.issues.map((i) => `${i.code} ${i.pointer}: ${i.message}`).join('\n')}`);
}

export function codes(issues: readonly Issue[]): string[] {
  return issues.map((i) => i.code);
}
