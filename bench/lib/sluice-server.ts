/**
 * Starts Sluice as a real server process, the way `bench/peers/start-sluice.sh` does for the peers
 * harness: `node dist/engine/cli.js serve` with a fresh data folder (the default durable SQLite
 * store, history of every action persisted, default retention), a folder datastore (so no Azurite),
 * the given workflows saved at start, and each of them opened at `/hooks/<name>` without a
 * signature. The port is picked by the server itself (`--port 0`), so parallel benches never clash.
 *
 * Every server started here is stopped when the bench process exits or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './bench-error.js';

/** The project root: this file runs from dist/bench/lib/. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface SluiceServerOptions {
  /** Workflow definitions by name; each is saved at start and served at `/hooks/<name>` (trigger `manual`). */
  workflows: Record<string, unknown>;
  /** Milliseconds to wait for "Sluice is serving at". @default 60000 */
  startTimeoutMs?: number;
}

export interface SluiceServer {
  readonly pid: number;
  /** Base URL, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  readonly dataDir: string;
  hookUrl(name: string): string;
  /** Bytes of sluice.db with its WAL and shared-memory files. */
  dbBytes(): number;
  /** SIGTERM, wait for exit (SIGKILL after 30 s), remove the temporary folder. */
  stop(): Promise<void>;
}

const running = new Set<{ child: ChildProcess; dir: string }>();
let hooksInstalled = false;

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Synchronous last resort: whatever ends this process, no server it started outlives it.
  process.on('exit', () => {
    for (const s of running) {
      try { s.child.kill('SIGKILL'); } catch { /* already gone */ }
      rmSync(s.dir, { recursive: true, force: true });
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
  }
}

export async function startSluiceServer(options: SluiceServerOptions): Promise<SluiceServer> {
  installExitHooks();
  const cli = join(PROJECT_ROOT, 'dist', 'engine', 'cli.js');
  if (!existsSync(cli)) throw new BenchError('ServerStartFailed', `${cli} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'sluice-bench-server-'));
  const workflows = join(dir, 'workflows');
  const dataDir = join(dir, 'data');
  mkdirSync(workflows);
  mkdirSync(join(dir, 'blobs'));
  const hooks: Record<string, { workflow: string; trigger: string }> = {};
  for (const [name, definition] of Object.entries(options.workflows)) {
    writeFileSync(join(workflows, `${name}.json`), JSON.stringify(definition));
    hooks[name] = { workflow: name, trigger: 'manual' };
  }
  const config = {
    host: '127.0.0.1',
    dataDir,
    datastores: { workspaceblobstore: { kind: 'folder', path: join(dir, 'blobs') } },
    hooks,
  };
  writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify(config, null, 2));

  // SLUICE_* variables of the caller's shell would override the file; the bench measures defaults.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('SLUICE_')) delete env[k];
  const child = spawn(process.execPath, [cli, 'serve', '--config', join(dir, 'sluice.config.json'), '--port', '0', '--host', '127.0.0.1', '--examples', workflows, '--no-azurite'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { child, dir };
  running.add(entry);
  let output = '';
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); if (output.length > 20000) output = output.slice(-10000); });

  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new BenchError('ServerStartFailed', `Sluice did not report serving within ${options.startTimeoutMs ?? 60000} ms:\n${output}`)), options.startTimeoutMs ?? 60000);
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /Sluice is serving at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
      if (m) { clearTimeout(timer); res(m[1]!); }
    });
    void exited.then((code) => { clearTimeout(timer); rej(new BenchError('ServerStartFailed', `Sluice exited with code ${String(code)} before serving:\n${output}${seen}`)); });
  }).catch(async (err: unknown) => {
    child.kill('SIGKILL');
    running.delete(entry);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  child.stdout!.resume(); // keep draining so the pipe never blocks the server

  return {
    pid: child.pid!,
    url,
    dataDir,
    hookUrl: (name) => `${url}hooks/${name}`,
    dbBytes: () => (existsSync(dataDir) ? readdirSync(dataDir).filter((f) => f.startsWith('sluice.db')).reduce((n, f) => n + statSync(join(dataDir, f)).size, 0) : 0),
    async stop(): Promise<void> {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      }
      running.delete(entry);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
