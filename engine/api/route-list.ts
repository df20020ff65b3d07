/**
 * The routes an express app registered, as `METHOD /path/{param}` in OpenAPI's spelling, so a test
 * can hold the app and its OpenAPI file to each other.
 */
import type express from 'express';

interface RouteLayer {
  route?: { path: unknown; methods?: Record<string, boolean> };
}

export function listRoutes(app: express.Express): string[] {
  const routes: string[] = [];
  for (const layer of app.router.stack as RouteLayer[]) {
    const route = layer.route;
    if (route === undefined || typeof route.path !== 'string') continue;
    // `:name` parameters and `*name` wildcards (express 5) are both `{name}` in OpenAPI.
    const path = route.path.replace(/[:*](\w+)/g, '{$1}');
    for (const [method, on] of Object.entries(route.methods ?? {})) if (on) routes.push(`${method.toUpperCase()} ${path}`);
  }
  return routes.sort();
}
