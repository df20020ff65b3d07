/**
 * A PureActionContext for unit tests of the pure actions: a stand-in for the interpreter, which
 * evaluates the action's raw `inputs` with the real expression engine against a context view (see
 * `contextView`), keeps run variables in memory, and honours the descriptor's `itemInputs`.
 */
import type { ActionResult, PureActionContext, PureActionDescriptor, VariableAccess } from '../../engine/actions/descriptor.js';
import { contextView, evaluateTemplate, type EvalContext, type RunView, type Value, type ValueObject } from '../../engine/expressions/index.js';

interface Slot {
  name: string;
  type: string;
  value: Value;
}

/** Run variables in memory; names match ignoring case, as in Logic Apps. */
export class MemoryVariables implements VariableAccess {
  private readonly slots = new Map<string, Slot>();

  constructor(initial: Array<{ name: string; type: string; value: Value }> = []) {
    for (const v of initial) this.declare(v.name, v.type, v.value);
  }

  has(name: string): boolean {
    return this.slots.has(name.toLowerCase());
  }
  get(name: string): Value | undefined {
    return this.slots.get(name.toLowerCase())?.value;
  }
  declare(name: string, type: string, value: Value): void {
    if (this.has(name)) throw new Error(`test double: variable '${name}' declared twice`);
    this.slots.set(name.toLowerCase(), { name, type, value });
  }
  typeOf(name: string): string | undefined {
    return this.slots.get(name.toLowerCase())?.type;
  }
  set(name: string, value: Value): void {
    const slot = this.slots.get(name.toLowerCase());
    if (slot === undefined) throw new Error(`test double: variable '${name}' set before it was declared`);
    slot.value = value;
  }
  /** The declared type and value, for assertions. */
  entry(name: string): Slot | undefined {
    return this.slots.get(name.toLowerCase());
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value as Record<string, unknown>)) deepFreeze(member);
  }
  return value;
}

/** Evaluates a definition value: strings may be expressions; objects and arrays are walked, keys kept. */
export function evaluateRaw(raw: unknown, view: RunView): Value {
  if (typeof raw === 'string') return evaluateTemplate(raw, view);
  if (raw === undefined) return null;
  if (raw === null || typeof raw !== 'object') return raw as Value;
  if (Array.isArray(raw)) return raw.map((item) => evaluateRaw(item, view));
  const out: ValueObject = {};
  for (const [key, member] of Object.entries(raw as Record<string, unknown>)) out[key] = evaluateRaw(member, view);
  return out;
}

export interface FakeActionOptions {
  /** The action's `inputs` as written in a definition. */
  inputs: unknown;
  name?: string;
  /** What the expressions can read (trigger body, actions, parameters, item ...). */
  context?: EvalContext;
  variables?: MemoryVariables;
}

export interface FakeAction {
  ctx: PureActionContext;
  variables: MemoryVariables;
}

export function fakeActionContext(descriptor: PureActionDescriptor, options: FakeActionOptions): FakeAction {
  const variables = options.variables ?? new MemoryVariables();
  const node = deepFreeze({ type: descriptor.type, inputs: options.inputs });
  const base = contextView(options.context ?? {});
  const view: RunView = { ...base, variable: (name) => variables.get(name) };
  const deferred = new Set((descriptor.itemInputs ?? []).map((k) => k.toLowerCase()));
  const ctx: PureActionContext = {
    name: options.name ?? descriptor.type,
    node,
    inputs() {
      const raw = node.inputs;
      if (deferred.size === 0 || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return evaluateRaw(raw, view);
      const out: ValueObject = {};
      for (const [key, member] of Object.entries(raw as Record<string, unknown>)) {
        out[key] = deferred.has(key.toLowerCase()) ? (member as Value) : evaluateRaw(member, view);
      }
      return out;
    },
    evaluateWithItem(raw, item) {
      return evaluateRaw(raw, { ...view, item: () => item });
    },
    variables,
  };
  return { ctx, variables };
}

/** Runs a pure action on raw inputs and returns its result and the variables afterwards. */
export function runPure(descriptor: PureActionDescriptor, options: FakeActionOptions): { result: ActionResult; variables: MemoryVariables } {
  const fake = fakeActionContext(descriptor, options);
  return { result: descriptor.run(fake.ctx), variables: fake.variables };
}
