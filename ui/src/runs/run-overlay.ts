/**
 * A run drawn over the canvas, as pure data: each action execution (from
 * `GET .../runs/{id}/actions`) becomes the status of its card, keyed by the canvas's node id
 * (`action:<name>`, `trigger:<name>`), with its duration and retry count. Which payloads are
 * secured comes from the server's markers or the action's `runtimeConfiguration.secureData`.
 */

/** The statuses a card can show (anything else the server sends is shown as it is). */
export const CARD_STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Running', 'Waiting', 'Cancelled', 'Aborted', 'Ignored'] as const;

/** The part of an action execution the overlay reads (a structural subset of the API's resource). */
export interface ActionExecution {
  name: string;
  properties: {
    status: string;
    startTime?: string;
    endTime?: string;
    inputs?: unknown;
    outputs?: unknown;
    error?: { code?: string; message?: string };
    repetitionIndexes?: unknown[];
    retryHistory?: unknown[];
    secureInputs?: boolean;
    secureOutputs?: boolean;
  };
}

export interface CardRunState {
  /** `Succeeded`, `Failed`, …, as the server says. */
  status: string;
  /** Milliseconds from start to end (to `now` while running); undefined if it never started. */
  durationMs: number | undefined;
  /** `850 ms`, `4.2 s`, `3 min 5 s`, or '' when it never started. */
  duration: string;
  /** Earlier attempts of the execution shown (`retryHistory` length). */
  retries: number;
  /** Whether the action runs inside a loop (its card gets an iteration pager). */
  repeated: boolean;
  execution: ActionExecution;
}

export type RunOverlay = ReadonlyMap<string, CardRunState>;

export function durationMs(start: string | undefined, end: string | undefined, now: number): number | undefined {
  if (start === undefined) return undefined;
  const from = Date.parse(start);
  const to = end === undefined ? now : Date.parse(end);
  if (Number.isNaN(from) || Number.isNaN(to)) return undefined;
  return Math.max(0, to - from);
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function cardRunState(execution: ActionExecution, now: number): CardRunState {
  const p = execution.properties;
  const ms = durationMs(p.startTime, p.endTime, now);
  return {
    status: p.status,
    durationMs: ms,
    duration: formatMs(ms),
    retries: p.retryHistory?.length ?? 0,
    repeated: (p.repetitionIndexes?.length ?? 0) > 0,
    execution,
  };
}

/**
 * Executions → card states by node id. `trigger` (the run's trigger name) colours the trigger card
 * Succeeded: a run exists only once its trigger fired.
 */
export function runOverlay(executions: readonly ActionExecution[], options: { trigger?: string; triggerTime?: string; now?: number } = {}): Map<string, CardRunState> {
  const now = options.now ?? Date.now();
  const map = new Map<string, CardRunState>();
  for (const execution of executions) map.set(`action:${execution.name}`, cardRunState(execution, now));
  if (options.trigger !== undefined) {
    const execution: ActionExecution = { name: options.trigger, properties: { status: 'Succeeded', ...(options.triggerTime === undefined ? {} : { startTime: options.triggerTime, endTime: options.triggerTime }) } };
    map.set(`trigger:${options.trigger}`, { status: 'Succeeded', durationMs: undefined, duration: '', retries: 0, repeated: false, execution });
  }
  return map;
}

/** `Succeeded` → `succeeded`: the suffix of the card's `status-*` class. */
export const statusClass = (status: string): string => `status-${status.toLowerCase()}`;

/** Whether any card is still moving (the overlay keeps polling). */
export const overlayInProgress = (overlay: RunOverlay): boolean => [...overlay.values()].some((s) => s.status === 'Running' || s.status === 'Waiting');

function secureDataFlags(action: unknown): { inputs: boolean; outputs: boolean } {
  const config = typeof action === 'object' && action !== null ? (action as Record<string, unknown>)['runtimeConfiguration'] : undefined;
  const secure = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['secureData'] : undefined;
  const props = typeof secure === 'object' && secure !== null ? (secure as Record<string, unknown>)['properties'] : undefined;
  const list = Array.isArray(props) ? props : [];
  return { inputs: list.includes('inputs'), outputs: list.includes('outputs') };
}

/**
 * Whether the execution's inputs and outputs are secured: the server's markers, or the action's
 * `runtimeConfiguration.secureData` in the definition (`action`, undefined if unknown). The server
 * has already removed the values; this only decides to say `(secured)` instead of nothing.
 */
export function securedPayloads(execution: ActionExecution, action: unknown): { inputs: boolean; outputs: boolean } {
  const p = execution.properties;
  const flags = secureDataFlags(action);
  return { inputs: p.secureInputs === true || flags.inputs, outputs: p.secureOutputs === true || flags.outputs };
}

/** `000002` or `000001-000003` → `2` / `1.3` (zero-based, as the server counts). */
export function repetitionLabel(name: string): string {
  return name.split('-').map((part) => String(Number(part))).join('.');
}
