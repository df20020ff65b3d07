/**
 * Keeps WAL checkpoints out of every commit. A checkpoint copies committed pages from the WAL into
 * the database file and fsyncs both; left to SQLite's auto-checkpoint it runs inside whichever
 * commit crosses the threshold, and every request waiting on that commit waits for the fsyncs
 * (at concurrency 1, one request in about fifty took 5-10 ms). Here a thread with its own
 * connection runs PASSIVE checkpoints every 200 ms: they never make the writer wait, and the
 * writer never waits for them. The writers keep a high auto-checkpoint threshold as a backstop
 * (a load that never pauses could keep the checkpointer from ever catching the WAL's last frames,
 * and the WAL restarts from its beginning only once they are all copied).
 */
import { Worker } from 'node:worker_threads';

export class WalCheckpointer {
  private stopped = false;

  private constructor(private readonly worker: Worker) {}

  /** Starts the thread on a database file in WAL mode; `undefined` when it cannot start. */
  static start(path: string, intervalMs = 200): WalCheckpointer | undefined {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), { workerData: { path, intervalMs } });
    } catch {
      return undefined;
    }
    // It must never keep a process alive that has nothing else to do.
    worker.unref();
    const checkpointer = new WalCheckpointer(worker);
    worker.on('error', (err) => {
      // The writers' own (backstop) checkpoints take over: slower commits now and then, nothing lost.
      if (!checkpointer.stopped) process.stderr.write(`sluice: the WAL checkpoint thread stopped: ${err.message}\n`);
    });
    return checkpointer;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('close');
  }
}
