/** Hash routing: `#/` is the workflows list, `#/workflows/<name>` the editor (`/identity`: its identity), `#/pipelines/…` the Pipelines page. */
import { useEffect, useState } from 'react';

export type PipelinesTab = 'published' | 'runs' | 'schedules' | 'datastores';

export type Route =
  | { page: 'workflows' }
  | { page: 'editor'; name: string }
  | { page: 'identity'; name: string }
  | { page: 'pipelines'; tab: PipelinesTab; runId?: string; pipelineId?: string };

/** `#/pipelines[/tab][?pipeline=id]`, `#/pipelines/runs/<id>`; undefined for other paths. */
function parsePipelinesRoute(path: string): Route | undefined {
  const [route = '', query = ''] = path.split('?');
  const run = /^\/pipelines\/runs\/([^/]+)\/?$/.exec(route);
  if (run) return { page: 'pipelines', tab: 'runs', runId: decodeURIComponent(run[1]!) };
  const m = /^\/pipelines(?:\/(published|runs|schedules|datastores))?\/?$/.exec(route);
  if (!m) return undefined;
  const pipelineId = new URLSearchParams(query).get('pipeline') ?? undefined;
  return { page: 'pipelines', tab: (m[1] ?? 'published') as PipelinesTab, ...(pipelineId === undefined ? {} : { pipelineId }) };
}

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const pipelines = parsePipelinesRoute(path);
  if (pipelines !== undefined) return pipelines;
  const identity = /^\/workflows\/([^/]+)\/identity\/?$/.exec(path);
  if (identity) return { page: 'identity', name: decodeURIComponent(identity[1]!) };
  const m = /^\/workflows\/([^/]+)\/?$/.exec(path);
  if (m) return { page: 'editor', name: decodeURIComponent(m[1]!) };
  return { page: 'workflows' };
}

export function navigate(path: string): void {
  location.hash = path;
}

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = (): void => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parseRoute(hash);
}
