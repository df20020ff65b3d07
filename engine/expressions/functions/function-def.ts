import type { RunView } from '../run-view.js';
import type { Value } from '../value.js';

/** What a function implementation receives besides its arguments. */
export interface CallContext {
  /** The function's canonical name, for error messages. */
  readonly fn: string;
  readonly view: RunView;
}

export type Thunk = () => Value;

interface FunctionDefBase {
  /** Canonical spelling (`triggerBody`); calls match it ignoring case. */
  readonly name: string;
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
}

/** Most functions: arguments are evaluated left to right before the call. */
export interface EagerFunctionDef extends FunctionDefBase {
  readonly impl: (args: Value[], ctx: CallContext) => Value;
  readonly lazy?: undefined;
}

/** `if`, `and`, `or`, `coalesce`: arguments are evaluated only as far as the result needs. */
export interface LazyFunctionDef extends FunctionDefBase {
  readonly lazy: (args: readonly Thunk[], ctx: CallContext) => Value;
  readonly impl?: undefined;
}

export type FunctionDef = EagerFunctionDef | LazyFunctionDef;

/** Builds a table entry; `max` defaults to `min`. */
export function fn(name: string, min: number, max: number, impl: EagerFunctionDef['impl']): EagerFunctionDef {
  return { name, minArgs: min, maxArgs: max, impl };
}

export function lazyFn(name: string, min: number, max: number, lazy: LazyFunctionDef['lazy']): LazyFunctionDef {
  return { name, minArgs: min, maxArgs: max, lazy };
}
