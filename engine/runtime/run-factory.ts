/** Builds the first state of a run: trigger record, resolved parameters, ids and seeds. */
import { randomFillSync } from 'node:crypto';
import type { Value } from '../expressions/value.js';
import { RUN_STATE_VERSION, type RunState } from '../interpreter/run-state.js';
import type { TriggerOutputs } from './engine-types.js';

// Random bytes are drawn from a pool refilled 4 KB at a time: one call to the system's generator
// per run costs more than everything else that makes the run's first state.
const pool = Buffer.alloc(4096);
let poolUsed = pool.length;

function randomHex(bytes: number): string {
  if (poolUsed + bytes > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  const hex = pool.toString('hex', poolUsed, poolUsed + bytes);
  poolUsed += bytes;
  return hex;
}

/** Run ids sort by start time, like Logic Apps' (`08584...`): digits of the time, then random digits. */
export function newRunId(nowIso: string): string {
  const ms = String(Date.parse(nowIso)).padStart(15, '0');
  const random = String(Number.parseInt(randomHex(6), 16)).padStart(15, '0');
  return `0858${ms}${random}`;
}

/**
 * Parameter values as a run sees them: values supplied with the workflow (`{ name: { value } }` or
 * bare values) win over the definition's defaults.
 */
export function resolveParameters(definition: Readonly<Record<string, unknown>>, supplied: Record<string, unknown>): Record<string, Value> {
  const declared = (definition['parameters'] ?? {}) as Record<string, { defaultValue?: unknown }>;
  const out: Record<string, Value> = {};
  for (const [name, decl] of Object.entries(declared)) {
    if (decl?.defaultValue !== undefined) out[name] = decl.defaultValue as Value;
  }
  for (const [name, raw] of Object.entries(supplied)) {
    const isWrapped = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in (raw as object);
    out[name] = (isWrapped ? (raw as { value: unknown }).value : raw) as Value;
  }
  return out;
}

export function createRunState(input: {
  runId: string;
  workflowName: string;
  workflowVersion: number;
  triggerName: string;
  outputs: TriggerOutputs;
  parameters: Record<string, Value>;
  at: string;
  clientTrackingId?: string;
}): RunState {
  const outputs: Record<string, Value> = {};
  for (const [key, value] of Object.entries(input.outputs)) if (value !== undefined) outputs[key] = value;
  return {
    version: RUN_STATE_VERSION,
    runId: input.runId,
    workflowName: input.workflowName,
    workflowVersion: input.workflowVersion,
    status: 'Running',
    startTime: input.at,
    trigger: { name: input.triggerName, outputs, startTime: input.at, endTime: input.at, status: 'Succeeded', code: 'OK' },
    parameters: input.parameters,
    variables: {},
    actions: {},
    scopes: {},
    loops: {},
    timers: {},
    latest: {},
    entropy: randomHex(16),
    draws: 0,
    ...(input.clientTrackingId === undefined ? {} : { clientTrackingId: input.clientTrackingId }),
  };
}
