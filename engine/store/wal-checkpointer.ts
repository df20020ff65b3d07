/**
 * Moves WAL checkpoints off the event loop. A checkpoint copies committed pages from the WAL into
 * the database file and fsyncs both; left to SQLite's auto-checkpoint it runs inside whichever
 * commit crosses the threshold, so one request in a few hundred paid several milliseconds of
 * fsync. Here a worker thread with its own connection runs PASSIVE checkpoints (they never block
 * the writer, and the writer never waits for them), and the writer's auto-checkpoint stays as a
 * backstop with a higher threshold: under a write load that never pauses, the worker cannot catch
 * the WAL's last frames, so the writer checkpoints now and then itself, which lets the WAL restart
 * from its beginning instead of growing.
 */
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './database.js';

export interface WalCheckpointerOptions {
  /** How often the worker checkpoints. @default 200 */
  intervalMs?: number;
  /** The writer's own auto-checkpoint threshold, in pages, while the worker runs. @default 4000 */
  backstopPages?: number;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  private constructor(worker: Worker) {
    this.worker = worker;
  }

  /**
   * Starts the worker for a file database in WAL mode; `undefined` when the database is not one (in
   * memory) or the worker cannot start, in which case SQLite's own auto-checkpoint stays on.
   */
  static start(db: SqliteDatabase, path: string, options: WalCheckpointerOptions = {}): WalCheckpointer | undefined {
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return undefined;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), {
        workerData: { path, intervalMs: options.intervalMs ?? 200 },
      });
    } catch {
      return undefined;
    }
    // The worker must never keep a process alive that has nothing else to do.
    worker.unref();
    const checkpointer = new WalCheckpointer(worker);
    worker.on('error', (err) => {
      // Back to SQLite's own checkpoints: slower commits now and then, nothing lost.
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
      if (!checkpointer.stopped) process.stderr.write(`sluice: WAL checkpoint worker stopped: ${err.message}\n`);
    });
    db.pragma(`wal_autocheckpoint = ${Math.max(1000, Math.trunc(options.backstopPages ?? 4000))}`);
    return checkpointer;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.worker.terminate();
  }
}
