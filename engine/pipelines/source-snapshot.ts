/**
 * A step's source folder as the runner uses it: the files that count (everything but what
 * `.amlignore`, or else `.gitignore`, excludes, per folder as git reads them; `.git` never
 * counts), their content hash for reuse, a copy for the step's working directory, and the git
 * commit recorded on the run. The hash covers sorted relative paths and file bytes only — never
 * mtimes, permissions or the folder's own location — so it is the same on every machine.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isIgnored, parseIgnoreFile, type IgnoreRule } from './ignore-rules.js';

export interface SourceSnapshot {
  /** sha256 hex over every included file's relative path and bytes. */
  hash: string;
  /** Included files, relative POSIX paths, sorted. */
  files: string[];
}

/** The hash of a step that has no source folder (and of an empty one), as Azure uses all zeros. */
export const NO_SOURCE_HASH = '0'.repeat(64);

const IGNORE_FILES = ['.amlignore', '.gitignore'];

export async function listSourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  await walk(dir, '', [], files);
  // Code-unit order: no locale or file system decides it.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function hashSourceDirectory(dir: string): Promise<SourceSnapshot> {
  return digest(dir, await listSourceFiles(dir), async () => undefined);
}

/** Copies the included files of `dir` into `dest` (created as needed) and hashes what it copied. */
export async function snapshotSourceDirectory(dir: string, dest: string): Promise<SourceSnapshot> {
  await mkdir(dest, { recursive: true });
  return digest(dir, await listSourceFiles(dir), async (file, bytes) => {
    const target = join(dest, ...file.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  });
}

async function digest(dir: string, files: string[], each: (file: string, bytes: Buffer) => Promise<void>): Promise<SourceSnapshot> {
  if (files.length === 0) return { hash: NO_SOURCE_HASH, files };
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = await readFile(join(dir, ...file.split('/')));
    // Length-prefixed parts: no choice of names and contents can make two folders hash alike.
    hash.update(`${Buffer.byteLength(file)}:${file}\u0000${bytes.length}:`);
    hash.update(bytes);
    await each(file, bytes);
  }
  return { hash: hash.digest('hex'), files };
}

async function walk(root: string, relative: string, inherited: readonly IgnoreRule[], out: string[]): Promise<void> {
  const folder = relative === '' ? root : join(root, ...relative.split('/'));
  const entries = await readdir(folder, { withFileTypes: true });
  const rules = [...inherited, ...(await ignoreRulesOf(folder, relative, entries))];
  for (const entry of entries) {
    const path = (relative === '' ? '' : relative + '/') + entry.name;
    const kind = await kindOf(folder, entry);
    if (kind === undefined || (kind === 'directory' && entry.name === '.git')) continue;
    if (isIgnored(rules, path, kind === 'directory')) continue;
    if (kind === 'directory') await walk(root, path, rules, out);
    else out.push(path);
  }
}

/** `.amlignore` takes precedence over `.gitignore` in the same folder (Azure ML's rule). */
async function ignoreRulesOf(folder: string, relative: string, entries: readonly Dirent[]): Promise<IgnoreRule[]> {
  const name = IGNORE_FILES.find((f) => entries.some((e) => e.name === f && !e.isDirectory()));
  if (!name) return [];
  return parseIgnoreFile(await readFile(join(folder, name), 'utf8'), relative);
}

/** Symbolic links to files count as the file; links to folders are not followed (no loops). */
async function kindOf(folder: string, entry: Dirent): Promise<'file' | 'directory' | undefined> {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return undefined;
  const target = await stat(join(folder, entry.name)).catch(() => undefined);
  return target?.isFile() ? 'file' : undefined;
}

/** The commit checked out where `dir` lives, or undefined when it is not in a git checkout or git is missing. */
export function gitCommitOf(dir: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['rev-parse', 'HEAD'], { cwd: dir, timeout: 10_000, windowsHide: true }, (error, stdout) => {
      const commit = String(stdout).trim();
      resolve(!error && /^[0-9a-f]{40,64}$/.test(commit) ? commit : undefined);
    });
  });
}
