/**
 * A run started through the API is not awaited: the caller gets its id and polls. Its promises
 * still settle, and a rejection nobody listens to would end the process, so they are observed.
 */
import type { StartedRun } from '../../runtime/engine-types.js';

export function detach(started: StartedRun): void {
  started.response.catch(() => undefined);
  started.completed.catch(() => undefined);
}
