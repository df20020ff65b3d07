/**
 * Azurite (the npm package) as a child process on a free loopback port, in memory, for tests.
 * Always with --disableTelemetry: without it Azurite tries to reach the internet.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** The well-known development account every Azure Storage emulator accepts. */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  blobEndpoint: string;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 5;
const READY_TIMEOUT_MS = 15_000;

export async function startAzurite(): Promise<Azurite> {
  let lastError: Error | undefined;
  // A free port can be taken between closing the probe and Azurite binding it: try again then.
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const port = await freePort();
    try {
      return await launch(port);
    } catch (err) {
      lastError = err as Error;
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('Azurite did not start');
}

/** A connection string for the dev account at the given blob endpoint. */
export function devConnectionString(blobEndpoint: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${blobEndpoint};`;
}

async function launch(port: number): Promise<Azurite> {
  const workDir = mkdtempSync(join(tmpdir(), 'sluice-azurite-'));
  const bin = join(repoRoot(), 'node_modules', '.bin', 'azurite-blob');
  const child = spawn(
    bin,
    ['--disableTelemetry', '--skipApiVersionCheck', '--inMemoryPersistence', '--silent', '--blobHost', '127.0.0.1', '--blobPort', String(port)],
    { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const blobEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  const stop = async (): Promise<void> => {
    await killChild(child);
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(port, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { connectionString: devConnectionString(blobEndpoint), blobEndpoint, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

async function waitUntilAnswering(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Azurite exited (${child.exitCode ?? child.signalCode}): ${output()}`);
    }
    if (await answers(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Azurite did not answer on port ${port} within ${READY_TIMEOUT_MS} ms: ${output()}`);
}

/** Any HTTP answer (even 400 for a malformed request) means Azurite is listening. */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: `/${DEV_ACCOUNT}?comp=list`, method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      done(true);
    });
    req.on('error', () => done(false));
    req.on('timeout', () => {
      req.destroy();
      done(false);
    });
    req.end();
  });
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}
