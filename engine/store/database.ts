/**
 * Opens a SQLite database the way the store needs it. WAL lets readers (the API) proceed while the
 * executor writes; `synchronous = NORMAL` is safe under WAL (a power cut may lose the last commits
 * but never corrupts the file, and a process crash loses nothing), and it is what makes thousands of
 * small transactions per second possible.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** A file path, or `':memory:'` for a private in-memory database. */
  path: string;
  /** How long a writer waits for another connection's lock before failing. @default 5000 */
  busyTimeoutMs?: number;
}

export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

export function openDatabase(options: OpenDatabaseOptions): SqliteDatabase {
  const { path } = options;
  if (!isMemoryPath(path)) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  try {
    // An in-memory database reports 'memory' here: WAL only exists for files.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // 2 MB of page cache per connection (SQLite's own default; this build of better-sqlite3 makes
    // it 16 MB). The pages commits touch are the right edges of a few B-trees, and the history API
    // reads little; 16 MB per connection was most of what a busy server kept after the load.
    db.pragma('cache_size = -2000');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return immediateByDefault(db);
}

/**
 * Makes `db.transaction(fn)` begin IMMEDIATE: the write lock is taken at BEGIN, and a connection
 * that finds the database busy waits (busy_timeout). A DEFERRED transaction that reads first would
 * fail outright (SQLITE_BUSY, no wait) if another connection (a `sluice` command on the same data
 * folder, say) committed between its first read and its first write. `.deferred` stays available.
 */
function immediateByDefault(db: SqliteDatabase): SqliteDatabase {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<SqliteDatabase['transaction']>[0]) => {
    const tx = transaction(fn);
    const begin = function (this: unknown, ...args: unknown[]): unknown {
      return (tx.immediate as (...a: unknown[]) => unknown).apply(this, args);
    };
    return Object.defineProperties(begin, {
      default: { value: begin },
      deferred: { value: tx.deferred },
      immediate: { value: tx.immediate },
      exclusive: { value: tx.exclusive },
      database: { value: db },
    });
  }) as SqliteDatabase['transaction'];
  return db;
}
