/**
 * The data-dependency graph of a pipeline: an input bound to another step's output is an edge
 * producer → consumer (spec §1.10, implicit ordering). Steps with no path between them are
 * independent and may run in parallel. References to unknown steps are left out here; the loader
 * reports them.
 */
import type { PipelineDefinition } from './definition.js';

export class PipelineGraph {
  private readonly names: readonly string[];
  private readonly upstream = new Map<string, string[]>();
  private readonly downstream = new Map<string, string[]>();

  constructor(definition: Pick<PipelineDefinition, 'steps'>) {
    this.names = Object.keys(definition.steps);
    for (const name of this.names) {
      this.upstream.set(name, []);
      this.downstream.set(name, []);
    }
    for (const [name, step] of Object.entries(definition.steps)) {
      for (const input of Object.values(step.inputs ?? {})) {
        if (!('step' in input) || !this.upstream.has(input.step)) continue;
        addOnce(this.upstream.get(name)!, input.step);
        addOnce(this.downstream.get(input.step)!, name);
      }
    }
  }

  steps(): readonly string[] {
    return this.names;
  }

  /** Steps whose outputs `step` consumes, in definition order of its inputs. */
  upstreamOf(step: string): readonly string[] {
    return this.upstream.get(step) ?? [];
  }

  /** Steps that consume an output of `step`. */
  downstreamOf(step: string): readonly string[] {
    return this.downstream.get(step) ?? [];
  }

  /** Every step `step` transitively depends on. */
  ancestorsOf(step: string): Set<string> {
    return this.reach(step, (s) => this.upstreamOf(s));
  }

  /** Every step that transitively depends on `step` (what a failure of `step` leaves unrunnable). */
  descendantsOf(step: string): Set<string> {
    return this.reach(step, (s) => this.downstreamOf(s));
  }

  /** Steps with no upstream steps. */
  roots(): string[] {
    return this.names.filter((n) => this.upstreamOf(n).length === 0);
  }

  /**
   * A topological order, ties broken by definition order so the same definition always gives the
   * same order. Throws on a cycle (the loader rejects those first).
   */
  order(): string[] {
    const waiting = new Map(this.names.map((n) => [n, this.upstreamOf(n).length]));
    const ordered: string[] = [];
    const ready = this.names.filter((n) => waiting.get(n) === 0);
    while (ready.length > 0) {
      ready.sort((a, b) => this.names.indexOf(a) - this.names.indexOf(b));
      const next = ready.shift()!;
      ordered.push(next);
      for (const consumer of this.downstreamOf(next)) {
        const left = waiting.get(consumer)! - 1;
        waiting.set(consumer, left);
        if (left === 0) ready.push(consumer);
      }
    }
    if (ordered.length !== this.names.length) {
      const cycle = this.cycles()[0] ?? [];
      throw new Error(`the pipeline's steps form a cycle: ${cycle.join(' → ')}`);
    }
    return ordered;
  }

  /**
   * The cycles found by a depth-first search, each as a closed path `[A, B, A]` starting at the
   * step that comes first in the definition. One per back edge, so every cycle member is named.
   */
  cycles(): string[][] {
    const state = new Map<string, 'active' | 'done'>();
    const stack: string[] = [];
    const found: string[][] = [];
    const seen = new Set<string>();
    const visit = (name: string): void => {
      state.set(name, 'active');
      stack.push(name);
      for (const next of this.downstreamOf(name)) {
        if (state.get(next) === 'active') {
          const cycle = this.rotate(stack.slice(stack.indexOf(next)));
          const key = cycle.join('\u0000');
          if (!seen.has(key)) {
            seen.add(key);
            found.push([...cycle, cycle[0]!]);
          }
        } else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(name, 'done');
    };
    for (const name of this.names) if (!state.has(name)) visit(name);
    return found;
  }

  private rotate(cycle: string[]): string[] {
    let first = 0;
    cycle.forEach((n, i) => {
      if (this.names.indexOf(n) < this.names.indexOf(cycle[first]!)) first = i;
    });
    return [...cycle.slice(first), ...cycle.slice(0, first)];
  }

  private reach(start: string, next: (step: string) => readonly string[]): Set<string> {
    const reached = new Set<string>();
    const todo = [...next(start)];
    while (todo.length > 0) {
      const s = todo.pop()!;
      if (reached.has(s)) continue;
      reached.add(s);
      todo.push(...next(s));
    }
    return reached;
  }
}

function addOnce(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}
