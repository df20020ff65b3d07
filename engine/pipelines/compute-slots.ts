/**
 * A compute target's nodes as a counting semaphore: a step takes a node before its process starts
 * and gives it back when the process ends. Waiters are served in arrival order; an abort (cancel)
 * takes a waiter out of the queue.
 */
import { SluiceError } from '../errors.js';

export class ComputeSlots {
  private used = 0;
  private readonly waiting: Array<{ grant: () => void }> = [];

  constructor(readonly maxNodes: number) {
    if (!Number.isInteger(maxNodes) || maxNodes < 1) throw new SluiceError('InvalidArgument', `maxNodes must be a whole number of at least 1, not ${maxNodes}`);
  }

  /** Resolves with the release function once a node is free. */
  acquire(signal: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new SluiceError('InvalidArgument', 'canceled'));
      const waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.used++;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.used--;
            this.next();
          });
        },
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new SluiceError('InvalidArgument', 'canceled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.next();
    });
  }

  private next(): void {
    while (this.used < this.maxNodes && this.waiting.length > 0) this.waiting.shift()!.grant();
  }
}
