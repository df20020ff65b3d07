/**
 * The one declaration of a trigger or action type: its name, what it is for, the JSON Schema of its
 * inputs (taken from the definition language's schema, which the validator runs, so there is one
 * source), its outputs, and which part of Sluice runs it. The validator's support check, the REST
 * API (`GET /api/connectors`, read by the designer) and the runtime all read these.
 */
import schema from '../definitions/schema/workflow-definition.schema.json' with { type: 'json' };

export type TypeRuntime =
  /** Run by the interpreter itself (If, Foreach, Wait ...). */
  | 'control'
  /** A pure action computed inside the interpreter's transition. */
  | 'pure'
  /** An action with an external effect, run by the executor. */
  | 'effect'
  /** A trigger polled by the trigger host on its recurrence. */
  | 'polling'
  /** A trigger fired by an HTTP request to its callback URL. */
  | 'request';

export interface TypeDeclaration {
  readonly kind: 'trigger' | 'action';
  /** The `type` written in definitions (canonical spelling). */
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly category: 'control' | 'data' | 'variables' | 'http' | 'schedule' | 'storage' | 'workflow';
  readonly runtime: TypeRuntime;
  /** For shared types (`ApiConnection`, `ServiceProvider`): which definitions this declaration covers. */
  readonly matches?: (node: Readonly<Record<string, unknown>>) => boolean;
  /** The managed connector or service provider, for shared types. */
  readonly connector?: string;
  /** JSON Schema of the whole trigger/action node for this type (self-contained: `$defs` included). */
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
}

const defs = (schema as { $defs: Record<string, unknown> }).$defs;

/**
 * The schema of one trigger or action type, as the validator checks it, made self-contained: the
 * shared `$defs` ride along so every `$ref` resolves for a client (the designer's forms).
 */
export function schemaOf(kind: 'trigger' | 'action', type: string): Record<string, unknown> {
  const def = defs[`${kind}.${type}`] as Record<string, unknown> | undefined;
  const base = { $schema: 'https://json-schema.org/draft/2020-12/schema', $defs: defs };
  if (def === undefined) return { ...base, $ref: `#/$defs/${kind}` };
  return { ...base, allOf: [{ $ref: `#/$defs/${kind}` }, { $ref: `#/$defs/${kind}.${type}` }] };
}
