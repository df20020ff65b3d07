/**
 * The main thread's side of the commit worker (`commit-worker.ts`): sends commit plans, settles
 * each caller's promise when its plan is committed. Plans are committed in the order they were
 * sent. If the worker cannot start or dies, the plans in flight fail and `broken` tells the store
 * to commit in its own thread from then on.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { InternalError } from '../errors.js';
import type { CommitStep } from './commit-plan.js';
import type { CloseRequest, CommitReply, CommitRequest } from './commit-worker.js';

/**
 * The writers' auto-checkpoint threshold while the checkpoint thread runs (wal-checkpointer.ts):
 * high enough that commits practically never checkpoint themselves.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

interface Waiting {
  resolve(): void;
  reject(err: Error): void;
}

export class CommitWriter {
  private readonly pending = new Map<number, Waiting>();
  private nextId = 1;
  private stopped = false;
  broken: Error | undefined;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessageChannel['port1'],
  ) {
    port.on('message', (reply: CommitReply) => this.settle(reply));
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`the commit worker exited with code ${code}`)));
    // Only commits in flight keep the process alive.
    worker.unref();
    port.unref();
  }

  /** Starts the worker on a database file; `undefined` when it cannot start. */
  static start(path: string): CommitWriter | undefined {
    const { port1, port2 } = new MessageChannel();
    try {
      const worker = new Worker(new URL('./commit-worker.js', import.meta.url), {
        workerData: { path, port: port2, autocheckpoint: BACKSTOP_CHECKPOINT_PAGES },
        transferList: [port2],
      });
      return new CommitWriter(worker, port1);
    } catch {
      port1.close();
      return undefined;
    }
  }

  /** No commit in flight. */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  commit(steps: CommitStep[]): Promise<void> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    if (this.pending.size === 1) {
      this.worker.ref();
      this.port.ref();
    }
    this.port.postMessage({ id, steps } satisfies CommitRequest);
    return done;
  }

  private settle(reply: CommitReply): void {
    const waiting = this.pending.get(reply.id);
    if (waiting === undefined) return;
    this.pending.delete(reply.id);
    this.idleCheck();
    if ('error' in reply) {
      const { message, code, run } = reply.error;
      waiting.reject(new InternalError(code === undefined ? message : `${message} (${code})`, run === undefined ? {} : { where: { run } }));
    } else {
      waiting.resolve();
    }
  }

  private fail(err: Error): void {
    if (this.stopped && this.pending.size === 0) return;
    this.broken ??= new InternalError(`commits can no longer go through the commit worker: ${err.message}`, { cause: err });
    for (const waiting of this.pending.values()) waiting.reject(this.broken);
    this.pending.clear();
    this.idleCheck();
  }

  private idleCheck(): void {
    if (this.pending.size > 0) return;
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Stops the worker: the commits already sent are made, then its connection closes and its thread
   * ends by itself. (Terminating a thread inside a SQLite call can abort the whole process.)
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.broken !== undefined) return;
    this.port.postMessage({ close: true } satisfies CloseRequest);
  }
}
