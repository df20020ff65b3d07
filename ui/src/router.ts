/** Hash routing: `#/` is the workflows list, `#/workflows/<name>` the editor. */
import { useEffect, useState } from 'react';

export type Route = { page: 'workflows' } | { page: 'editor'; name: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
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
