/**
 * Reuse of earlier step results (spec §2.2, with Sluice's stricter fingerprint). A fingerprint is
 * held by at most one executing step of this process at a time: a second submission of the same
 * pipeline waits for the first one's step and then reuses its outputs instead of running it again.
 * (Two Sluice processes sharing one database do not coordinate; each may run the step once.)
 */
import type { Datastore } from '../../connectors/blob/datastore.js';
import { allExist } from './materialize.js';
import type { PipelineRunStore, StepCacheEntry, StepOutputs } from './pipeline-run-store.js';

export class StepCache {
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly store: PipelineRunStore,
    private readonly open: (datastore: string) => Datastore,
    private readonly now: () => string,
  ) {}

  /**
   * Waits until no other step holds `fingerprint`, then holds it; call the returned function when
   * the step has ended (and its result is remembered, when it is reusable).
   */
  async claim(fingerprint: string, signal: AbortSignal): Promise<() => void> {
    for (;;) {
      const holder = this.inFlight.get(fingerprint);
      if (holder === undefined) break;
      await Promise.race([holder, abortion(signal)]);
      signal.throwIfAborted();
    }
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.inFlight.set(fingerprint, held);
    return () => {
      if (this.inFlight.get(fingerprint) === held) this.inFlight.delete(fingerprint);
      release();
    };
  }

  /** An earlier Finished step with this fingerprint whose outputs all still exist. */
  async reusable(fingerprint: string): Promise<StepCacheEntry | undefined> {
    const entry = this.store.lookup(fingerprint);
    if (entry === undefined) return undefined;
    if (await allExist(entry.outputs, this.open)) return entry;
    this.store.forget(fingerprint);
    return undefined;
  }

  remember(fingerprint: string, runId: string, stepName: string, outputs: StepOutputs): void {
    this.store.remember({ fingerprint, runId, stepName, outputs }, this.now());
  }
}

function abortion(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
