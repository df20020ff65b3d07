/**
 * The commit worker's thread: its own connection to the database, the commit path's statements,
 * and one transaction per burst of plans. Plans that queued up while a transaction ran are taken
 * together (`receiveMessageOnPort`); should that transaction fail, each plan is retried alone, so a
 * bad plan fails by itself. Checkpoints are the checkpoint thread's (wal-checkpointer.ts).
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { prepareCommitStatements, runCommitPlan, type CommitStep } from './commit-plan.js';
import { DEFAULT_IDLE_POLICY, startIdleCollector } from '../idle-memory.js';
import { openDatabase } from './database.js';

export interface CommitRequest {
  id: number;
  /** Structured-cloned: serialising arrays of strings costs the sender less than any encoding made in JavaScript. */
  steps: CommitStep[];
}

/** Sent last: close the connection and let the thread end by itself (terminating it mid-call can abort the process). */
export interface CloseRequest {
  close: true;
}

export type CommitReply = { id: number } | { id: number; error: { message: string; code?: string; run?: string } };

const { path, port, autocheckpoint } = workerData as { path: string; port: MessagePort; autocheckpoint: number };
const db = openDatabase({ path });
// The checkpoint thread copies the WAL into the database; this is only its backstop.
db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
// This thread has its own heap, which a burst of plans grows: give it back when quiet, as the
// server's main thread does (idle-memory.ts). Its heap is small, so less slack is worth it.
const idle = startIdleCollector({ ...DEFAULT_IDLE_POLICY, minSlackBytes: 2 * 1024 * 1024 });
const statements = prepareCommitStatements(db);
const commitAll = db.transaction((requests: readonly CommitRequest[]) => {
  for (const request of requests) runCommitPlan(statements, request.steps);
});

function failure(id: number, err: unknown): CommitReply {
  const e = err as Error & { code?: unknown; where?: { run?: string } };
  const error: { message: string; code?: string; run?: string } = { message: e.message ?? String(err) };
  if (typeof e.code === 'string') error.code = e.code;
  if (typeof e.where?.run === 'string') error.run = e.where.run;
  return { id, error };
}

function shutDown(): void {
  idle.stop();
  if (db.open) db.close();
  port.close();
}

port.on('message', (first: CommitRequest | CloseRequest) => {
  if ('close' in first) return shutDown();
  const requests = [first];
  let closing = false;
  for (let next = receiveMessageOnPort(port); next !== undefined; next = receiveMessageOnPort(port)) {
    const message = next.message as CommitRequest | CloseRequest;
    if ('close' in message) closing = true;
    else requests.push(message);
  }
  commit(requests);
  if (closing) shutDown();
});

function commit(requests: CommitRequest[]): void {
  const first = requests[0]!;
  try {
    // IMMEDIATE: take the write lock at BEGIN, so a busy database is waited for, never a failed upgrade.
    commitAll.immediate(requests);
    for (const { id } of requests) port.postMessage({ id } satisfies CommitReply);
  } catch (err) {
    if (requests.length === 1) {
      port.postMessage(failure(first.id, err));
      return;
    }
    for (const request of requests) {
      try {
        commitAll.immediate([request]);
        port.postMessage({ id: request.id } satisfies CommitReply);
      } catch (one) {
        port.postMessage(failure(request.id, one));
      }
    }
  }
}
