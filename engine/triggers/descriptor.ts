/**
 * How a polling trigger type is declared. The trigger host calls `poll` when the trigger is due
 * (its recurrence), commits what the poll returns — the runs it fires, the trigger's new state
 * (a watermark) and the history entry — in one transaction, and only then starts the runs.
 */
import type { Value } from '../expressions/value.js';
import type { TriggerOutputs } from '../runtime/engine-types.js';
import type { SluiceConfig } from '../config.js';

export interface PollContext {
  readonly workflowName: string;
  readonly triggerName: string;
  /** The trigger's definition (normalised type name), with `inputs` already evaluated. */
  readonly node: Readonly<Record<string, unknown>>;
  readonly inputs: Value;
  /** What the previous successful poll returned as `state` (undefined on the first poll). */
  readonly state: Value | undefined;
  /** The time of this poll (ISO 8601). */
  readonly now: string;
  readonly config: SluiceConfig;
  readonly signal: AbortSignal;
}

export type PollResult =
  /** Fire: `outputs` become trigger().outputs (splitOn applies after this); `state` is committed with the runs. */
  | { status: 'fired'; outputs: TriggerOutputs; state?: Value; morePending?: boolean }
  /** Nothing new: no run; `state` may still advance. */
  | { status: 'skipped'; reason: string; state?: Value }
  /** The poll failed (unreachable storage ...): recorded in trigger history; the state is kept. */
  | { status: 'failed'; error: { code: string; message: string } };

export interface PollingTriggerDescriptor {
  /** Canonical type name (`Recurrence`, `SluiceBlobAddedOrModified`, ...). */
  readonly type: string;
  readonly kind: 'polling';
  /** JSON Schema of the trigger's `inputs`. */
  readonly inputSchema?: Record<string, unknown>;
  /** JSON Schema of the outputs a fired poll produces. */
  readonly outputSchema?: Record<string, unknown>;
  /**
   * For types shared by many connectors (`ApiConnection`, `ServiceProvider`): whether this
   * descriptor handles the given trigger definition.
   */
  matches?(node: Readonly<Record<string, unknown>>): boolean;
  /** Whether `splitOn: @triggerBody()` applies when the definition does not say (blob triggers). */
  readonly defaultSplitOn?: string;
  poll(ctx: PollContext): Promise<PollResult>;
}
