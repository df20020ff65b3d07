/**
 * Loads a value from the API, again whenever `reload()` is called or `deps` change, and every
 * `pollMs` while `keepPolling(value)` holds (live refresh of runs in progress).
 */
import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  value: T | undefined;
  error: string | undefined;
  reload(): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], keepPolling?: (value: T) => boolean, pollMs = 1000): Loaded<T> {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    load()
      .then((v) => {
        if (stopped) return;
        setValue(v);
        setError(undefined);
        if (keepPolling?.(v) === true) timer = setTimeout(reload, pollMs);
      })
      .catch((e: unknown) => {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [...deps, tick]);
  return { value, error, reload };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
