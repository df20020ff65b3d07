/**
 * Deletes run history older than the retention period, in small batches on the event loop's idle
 * time, so runs are never blocked behind a long purge.
 */
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

const HOUR_MS = 3_600_000;
const BATCH = 200;

export class RetentionPurger {
  private interval: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: { store: Store; clock: Clock; days: number; everyMs?: number }) {}

  start(): void {
    if (this.interval !== undefined || this.options.days <= 0) return;
    this.interval = setInterval(() => void this.purge(), this.options.everyMs ?? HOUR_MS);
    this.interval.unref();
    void this.purge();
  }

  stop(): void {
    clearInterval(this.interval);
    this.interval = undefined;
  }

  /** Purges everything older than the period, batch by batch; returns how many runs went. */
  async purge(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const before = new Date(Date.parse(this.options.clock.now()) - this.options.days * 24 * HOUR_MS).toISOString();
      let total = 0;
      for (;;) {
        const purged = this.options.store.purgeRunsEndedBefore(before, BATCH);
        total += purged;
        if (purged < BATCH) return total;
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = false;
    }
  }
}
