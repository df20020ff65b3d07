/**
 * The loopback HTTP stub of the golden workflows: a real node:http server on 127.0.0.1 (port 0)
 * serving the fixture's routes in order (the last response repeats), counting every request by
 * "METHOD /path". Format in test/fixtures/workflows/README.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StubResponse, StubRoute } from './golden-fixture.js';

export interface GoldenStub {
  readonly url: string;
  /** Requests received, by "METHOD /path" (query string excluded). */
  readonly calls: Map<string, number>;
  stop(): Promise<void>;
}

export async function startGoldenStub(routes: readonly StubRoute[]): Promise<GoldenStub> {
  const calls = new Map<string, number>();
  const served = new Map<StubRoute, number>();
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const method = (req.method ?? 'GET').toUpperCase();
      const key = `${method} ${url.pathname}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      const route = routes.find((r) => r.method.toUpperCase() === method && r.path === url.pathname);
      if (!route) return send(res, { status: 404, body: { error: `no stub route for ${key}` } });
      if (!headersMatch(req, route.requireHeaders)) return send(res, { status: 401, body: { error: 'required headers missing or different' } });
      const index = served.get(route) ?? 0;
      served.set(route, index + 1);
      const response = route.responses[Math.min(index, route.responses.length - 1)] ?? { status: 200 };
      if (response.hang) return undefined;
      if (response.echo) return send(res, { status: 200, body: echo(req, url, body) });
      return send(res, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headersMatch(req: IncomingMessage, required: Record<string, string> | undefined): boolean {
  return Object.entries(required ?? {}).every(([name, value]) => req.headers[name.toLowerCase()] === value);
}

function echo(req: IncomingMessage, url: URL, body: string): Record<string, unknown> {
  let parsed: unknown = body;
  if (/json/i.test(req.headers['content-type'] ?? '') && body !== '') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      parsed = body;
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : (value ?? '');
  return { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: parsed };
}

function send(res: ServerResponse, response: StubResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let payload = '';
  if (typeof response.body === 'string') {
    payload = response.body;
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    if (!hasType) headers['content-type'] = 'application/json; charset=utf-8';
  }
  res.writeHead(response.status ?? 200, headers);
  res.end(payload);
}
