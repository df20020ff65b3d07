/**
 * What a successful load produces: the definition (a frozen copy with canonical spellings) plus
 * the facts the interpreter would otherwise re-derive on every run — where each action sits and
 * each expression parsed once, keyed by its JSON pointer.
 */
import type { Template } from '../engine/expressions/template.js';

export interface CompiledTrigger {
  readonly name: string;
  readonly type: string;
  /** Pointer relative to the definition object. */
  readonly pointer: string;
}

export interface CompiledAction {
  readonly name: string;
  readonly type: string;
  readonly pointer: string;
  /** Pointer of the `actions` object holding it (`/actions` at the top level). */
  readonly container: string;
  /** The enclosing control action, if any. */
  readonly parent?: string;
  /** Predecessor → accepted statuses (canonical spelling); empty for a root of its container. */
  readonly runAfter: Readonly<Record<string, readonly string[]>>;
}

export interface CompiledWorkflow {
  readonly definition: Readonly<Record<string, unknown>>;
  /** `Stateful` / `Stateless` when loaded from a Standard workflow.json. */
  readonly kind?: string;
  readonly triggers: readonly CompiledTrigger[];
  /** Every action, nested ones included, by name (names are global in a workflow). */
  readonly actions: ReadonlyMap<string, CompiledAction>;
  /** Parsed templates of every string holding an expression, by pointer relative to the definition. */
  readonly expressions: ReadonlyMap<string, Template>;
}
