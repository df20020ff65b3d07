/**
 * Trigger concurrency (`runtimeConfiguration.concurrency.runs`, `maximumWaitingRuns`, or
 * `operationOptions: SingleInstance`): at most N runs of a workflow at a time; more wait in a queue
 * in arrival order; a full queue turns new runs away (request triggers answer 429, polling triggers
 * skip the poll).
 */
export interface ConcurrencyLimit {
  runs: number;
  maximumWaitingRuns: number;
}

/** The limit a trigger definition asks for, or undefined when runs are unlimited (the default). */
export function concurrencyOf(node: Readonly<Record<string, unknown>> | undefined): ConcurrencyLimit | undefined {
  if (node === undefined) return undefined;
  const config = node['runtimeConfiguration'] as { concurrency?: { runs?: unknown; maximumWaitingRuns?: unknown } } | undefined;
  const options = String(node['operationOptions'] ?? '').toLowerCase();
  const single = options.split(',').map((o) => o.trim()).includes('singleinstance');
  const runs = single ? 1 : typeof config?.concurrency?.runs === 'number' ? config.concurrency.runs : undefined;
  if (runs === undefined || runs < 1) return undefined;
  const waiting = config?.concurrency?.maximumWaitingRuns;
  return { runs, maximumWaitingRuns: typeof waiting === 'number' && waiting >= 0 ? waiting : Math.max(100, runs + 10) };
}

export class RunAdmission {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, string[]>();

  /** Decides for a new run of `workflow`: run now, wait in the queue, or be refused. */
  admit(workflow: string, limit: ConcurrencyLimit | undefined): 'run' | 'wait' | 'reject' {
    const key = workflow.toLowerCase();
    if (limit === undefined) {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
      return 'run';
    }
    const queue = this.waiting.get(key) ?? [];
    if ((this.active.get(key) ?? 0) < limit.runs && queue.length === 0) {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
      return 'run';
    }
    return queue.length >= limit.maximumWaitingRuns ? 'reject' : 'wait';
  }

  /** Takes back a slot `admit` gave to a run that was never stored (its batch was refused or failed). */
  unadmit(workflow: string): void {
    const key = workflow.toLowerCase();
    this.active.set(key, Math.max(0, (this.active.get(key) ?? 0) - 1));
  }

  /** Puts a run in the queue (after `admit` said wait, or when resuming a Waiting run). */
  enqueue(workflow: string, runId: string): void {
    const key = workflow.toLowerCase();
    this.waiting.set(key, [...(this.waiting.get(key) ?? []), runId]);
  }

  /** Counts a run found Running after a restart. */
  occupy(workflow: string): void {
    const key = workflow.toLowerCase();
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
  }

  /** A run ended: returns the runs that may start now (oldest first). */
  release(workflow: string, limit: ConcurrencyLimit | undefined): string[] {
    const key = workflow.toLowerCase();
    this.active.set(key, Math.max(0, (this.active.get(key) ?? 0) - 1));
    return this.drain(key, limit);
  }

  /** Starts queued runs while there is room. */
  drain(workflow: string, limit: ConcurrencyLimit | undefined): string[] {
    const key = workflow.toLowerCase();
    const queue = this.waiting.get(key) ?? [];
    const started: string[] = [];
    while (queue.length > 0 && (limit === undefined || (this.active.get(key) ?? 0) < limit.runs)) {
      started.push(queue.shift()!);
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
    }
    return started;
  }

  queued(workflow: string): number {
    return this.waiting.get(workflow.toLowerCase())?.length ?? 0;
  }
}
