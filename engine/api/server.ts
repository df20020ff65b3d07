/**
 * The HTTP server `sluice serve` runs: the express app of app.ts on a node:http server. The caller
 * owns the engine and the store (and stops them after `close()`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app.js';

export interface ServerOptions extends AppOptions {
  host: string;
  port: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { host: _host, port: _port, ...appOptions } = options;
  const app = createApp(appOptions);
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections of finished requests would hold close() open until they time out.
        server.closeIdleConnections();
      }),
  };
}
