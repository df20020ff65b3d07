/**
 * A step's reuse fingerprint: sha256 over a canonical JSON of everything that decides what the
 * step produces (engine/pipelines/README.md, "Reuse"). Two step runs with the same fingerprint are
 * interchangeable; the runner reuses an earlier Finished one whose outputs still exist.
 */
import { createHash } from 'node:crypto';
import type { StepDefinition } from './definition.js';
import { parsePlaceholders } from './placeholders.js';
import { DEFAULT_DATASTORE } from './step-checks.js';

/** Bumped when what is hashed changes, so old step runs stop matching rather than match wrongly. */
const FINGERPRINT_VERSION = 'sluice-step-1';

/** What a step input is bound to in one run. */
export type InputBinding =
  /** Another step's output, by that step's fingerprint (its identity), not by run id or path. */
  | { kind: 'step'; fingerprint: string; output: string }
  /** A datastore file or folder (fixed, or a DataPath parameter's value) and its version, if known. */
  | { kind: 'datastore'; datastore: string; path: string; etag?: string; contentHash?: string };

export interface FingerprintRequest {
  stepName: string;
  step: StepDefinition;
  /** hashSourceDirectory(...).hash of the step's source folder (NO_SOURCE_HASH when it has none). */
  sourceHash: string;
  /** The run's scalar parameter values; only those the step references count. */
  parameterValues: Readonly<Record<string, string | number | boolean>>;
  /** Input name → its binding in this run; every declared input should have one. */
  inputBindings: Readonly<Record<string, InputBinding>>;
  /** The pipeline's defaultDatastore: where outputs without a datastore go. */
  defaultDatastore?: string;
}

export function stepFingerprint(request: FingerprintRequest): string {
  return createHash('sha256').update(canonicalJson(fingerprintMaterial(request))).digest('hex');
}

/** The value hashed, exposed so a reuse miss can be explained by diffing two of them. */
export function fingerprintMaterial(request: FingerprintRequest): unknown {
  const { step } = request;
  const parameters: Record<string, string | number | boolean | null> = {};
  for (const name of referencedParameters(step)) parameters[name] = request.parameterValues[name] ?? null;
  const outputs: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(step.outputs ?? {})) {
    outputs[name] = { datastore: o.datastore ?? request.defaultDatastore ?? DEFAULT_DATASTORE, path: o.path ?? null, isDirectory: o.isDirectory ?? true };
  }
  const inputs: Record<string, unknown> = {};
  for (const [name, input] of Object.entries(step.inputs ?? {})) {
    inputs[name] = { mode: input.mode ?? null, binding: bindingMaterial(request.inputBindings[name]) };
  }
  return {
    version: FINGERPRINT_VERSION,
    name: request.stepName,
    runtime: step.runtime,
    script: step.script ?? null,
    command: step.command ?? null,
    arguments: step.arguments ?? [],
    environment: step.environment ?? {},
    outputs,
    allowReuse: step.allowReuse ?? true,
    source: request.sourceHash,
    parameters,
    inputs,
  };
}

function bindingMaterial(binding: InputBinding | undefined): unknown {
  if (!binding) return null;
  if (binding.kind === 'step') return { step: binding.fingerprint, output: binding.output };
  return { datastore: binding.datastore, path: binding.path, etag: binding.etag ?? null, contentHash: binding.contentHash ?? null };
}

/** Names in `${{parameters.x}}` placeholders of the step's command, arguments and environment, sorted. */
export function referencedParameters(step: StepDefinition): string[] {
  const names = new Set<string>();
  for (const text of [...(step.command ?? []), ...(step.arguments ?? []), ...Object.values(step.environment ?? {})]) {
    for (const p of parsePlaceholders(text).placeholders) if (p.kind === 'parameters') names.add(p.name);
  }
  return [...names].sort();
}

/** JSON with object keys sorted at every level and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
