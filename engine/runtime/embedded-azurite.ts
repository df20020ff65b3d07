/**
 * The Azure Blob storage behind `workspaceblobstore` when no connection string is configured:
 * Azurite (from npm), started by Sluice on a free loopback port with its data kept in the data
 * folder. Telemetry is always off (Azurite would otherwise call out to the internet).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

function answering(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: `/${DEV_ACCOUNT}?comp=list`, timeout: 500 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** `node_modules/.bin/azurite-blob` of this installation (dist/engine/runtime → the package root). */
function azuriteBin(): string {
  return fileURLToPath(new URL('../../../node_modules/.bin/azurite-blob', import.meta.url));
}

export async function startEmbeddedAzurite(dataDir: string): Promise<EmbeddedAzurite> {
  const location = join(dataDir, 'azurite');
  mkdirSync(location, { recursive: true });
  const port = await freePort('127.0.0.1');
  const guard: ChildProcess = fork(
    fileURLToPath(new URL('./azurite-guard.js', import.meta.url)),
    [azuriteBin(), '--disableTelemetry', '--skipApiVersionCheck', '--silent', '--location', location, '--blobHost', '127.0.0.1', '--blobPort', String(port)],
    { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] },
  );
  let stderr = '';
  guard.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!(await answering(port))) {
    if (guard.exitCode !== null || Date.now() > deadline) {
      guard.kill();
      throw new Error(`the embedded Azurite did not start on port ${port}: ${stderr.trim() || 'no answer'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const endpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${endpoint};`,
    stop: () =>
      new Promise((resolve) => {
        if (guard.exitCode !== null) return resolve();
        guard.once('exit', () => resolve());
        guard.kill('SIGTERM');
      }),
  };
}
