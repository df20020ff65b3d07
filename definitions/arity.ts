/** What the validator needs to know of a function: how many arguments it takes. */
export interface FunctionArity {
  readonly minArgs: number;
  /** `Infinity` for variadic functions. */
  readonly maxArgs: number;
}

export function arityText(def: FunctionArity): string {
  const args = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (def.minArgs === def.maxArgs) return `takes ${args(def.minArgs)}`;
  if (def.maxArgs === Infinity) return `takes at least ${args(def.minArgs)}`;
  return `takes ${def.minArgs} to ${args(def.maxArgs)}`;
}
