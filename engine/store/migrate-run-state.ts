/**
 * Upgrades a stored RunState to the shape this build of the interpreter reads, as n8n's
 * `migrateRunExecutionData` does: a run started before an upgrade resumes after it. Each future
 * version adds one step `vN → vN+1` to STEPS; today version 1 is the only one.
 */
import { InternalError } from '../errors.js';
import { RUN_STATE_VERSION, type RunState } from '../interpreter/run-state.js';

/** The stored state has a version this build cannot read (newer, or not a version at all). */
export class UnsupportedRunStateError extends InternalError {
  constructor(
    readonly runId: string | undefined,
    readonly found: unknown,
  ) {
    super(`run state version ${JSON.stringify(found) ?? 'undefined'} is not supported (this build reads versions 1 to ${RUN_STATE_VERSION})`, {
      where: runId === undefined ? {} : { run: runId },
    });
  }
}

type Step = (state: Record<string, unknown>) => Record<string, unknown>;

/** STEPS[n] turns a version n state into a version n+1 state. */
const STEPS: Readonly<Record<number, Step>> = {};

export function migrateRunState(raw: unknown): RunState {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UnsupportedRunStateError(undefined, raw);
  let state = raw as Record<string, unknown>;
  const runId = typeof state.runId === 'string' ? state.runId : undefined;
  let version = state.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > RUN_STATE_VERSION) {
    throw new UnsupportedRunStateError(runId, version);
  }
  while (version < RUN_STATE_VERSION) {
    const step = STEPS[version];
    if (step === undefined) throw new UnsupportedRunStateError(runId, version);
    state = { ...step(state), version: version + 1 };
    version += 1;
  }
  return state as unknown as RunState;
}
