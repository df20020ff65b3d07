/**
 * The thread of `WalCheckpointer`: its own connection to the database and a PASSIVE checkpoint
 * every `intervalMs`. PASSIVE copies what it can without taking locks that would make the writer
 * wait; a busy result is normal under load and retried at the next tick. The message 'close' ends
 * it: the connection closes and the thread ends by itself (terminating it inside a SQLite call
 * could abort the process).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.run();
  } catch (err) {
    // SQLITE_BUSY/LOCKED: another checkpoint or a schema change holds the lock; try again later.
    const code = (err as { code?: unknown }).code;
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw err;
  }
}, intervalMs);
// The port's listener keeps this thread alive until 'close'; the timer alone must not.
timer.unref();

parentPort?.on('message', (message: unknown) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
