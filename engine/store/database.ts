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
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
