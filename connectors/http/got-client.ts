/**
 * got, loaded at the first outbound request rather than at start: with its dependencies it is a
 * few megabytes of heap that a server whose workflows make no HTTP calls never needs. The module
 * promise is kept, so only the first request waits for the import.
 */
type GotModule = typeof import('got');

let loading: Promise<GotModule> | undefined;
let loaded: GotModule | undefined;

export function loadGot(): Promise<GotModule> {
  loading ??= import('got').then((module) => (loaded = module));
  return loading;
}

/** got once some request has loaded it; errors thrown before that cannot be got's. */
export function loadedGot(): GotModule | undefined {
  return loaded;
}
