/**
 * The designer (the React app Vite builds into `ui/dist`) at `/`: `index.html` for `/` and for any
 * other GET path that is not an API path and names no file (the app routes on the client), hashed
 * assets under `/assets`. Without a build it answers 503 saying how to make one, never a crash.
 * Registered last, just before the 404 handler, so it never shadows an API route.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type Response } from 'express';

/** Paths that belong to the API: they get its JSON 404, never the designer's page. */
const API_PREFIXES = ['/api/', '/workflows/', '/pipelines/', '/identity/', '/.well-known/'];
const API_EXACT = new Set(['/api', '/workflows', '/pipelines', '/identity', '/.well-known']);

const NOT_BUILT = 'The Sluice designer is not built: ui/dist/index.html is missing. Run `npm run build:ui` (or `npm run build`) and reload.\n';

/** `ui/dist` of the repository this file belongs to, from `engine/api/routes` or `dist/engine/api/routes`. */
export function defaultDesignerDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && !dir.endsWith('/dist')) return join(dir, 'ui', 'dist');
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'ui', 'dist');
    dir = parent;
  }
}

export function isApiPath(path: string): boolean {
  return API_EXACT.has(path) || API_PREFIXES.some((prefix) => path.startsWith(prefix));
}

export function registerDesignerRoutes(app: Express, dir: string = defaultDesignerDir()): void {
  const sendIndex = (res: Response): void => {
    const file = join(dir, 'index.html');
    let html: string;
    try {
      html = readFileSync(file, 'utf8');
    } catch {
      res.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      return;
    }
    res.status(200).set('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };

  app.get('/', (_req, res) => sendIndex(res));
  app.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: true }));
  // Client-side routes: a GET for a page (no file extension) outside the API gets index.html.
  app.use((req: Request, res: Response, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || /\.[A-Za-z0-9]+$/.test(req.path)) return next();
    sendIndex(res);
  });
}
