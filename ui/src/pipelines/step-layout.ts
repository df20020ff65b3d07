/**
 * The column-per-depth layout of a pipeline run's step graph: a step's column is one more than the
 * deepest step it reads from (steps reading nothing are in column 0); inside a column, steps keep
 * the order they were listed in. Unknown dependencies are ignored; cycles (which publishing
 * refuses) fall back to column 0.
 */
export interface StepNode {
  name: string;
  dependsOn: readonly string[];
}

export function stepColumns(steps: readonly StepNode[]): string[][] {
  const byName = new Map(steps.map((s) => [s.name, s]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0;
    visiting.add(name);
    const deps = (byName.get(name)?.dependsOn ?? []).filter((d) => byName.has(d));
    const d = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(depthOf));
    visiting.delete(name);
    depth.set(name, d);
    return d;
  };
  const columns: string[][] = [];
  for (const s of steps) {
    const d = depthOf(s.name);
    (columns[d] ??= []).push(s.name);
  }
  return columns.filter((c) => c !== undefined);
}
