/**
 * The HTTP server `sluice serve` runs: the express app of app.ts on a node:http server, with the
 * request-trigger endpoint (trigger-endpoint.ts) in front of it — webhook calls are the hot path,
 * so they are answered on node's own request and response and never enter express; every other
 * request goes to the app untouched. The caller owns the engine and the store (and stops them
 * after `close()`).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, createAppTriggerEndpoint, type AppOptions } from './app.js';

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
  const endpoint = appOptions.triggerEndpoint ?? createAppTriggerEndpoint(appOptions);
  const app = createApp({ ...appOptions, triggerEndpoint: endpoint });
  const server: Server = createServer((req, res) => {
    if (!endpoint.tryServe(req, res)) app(req, res);
  });
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
