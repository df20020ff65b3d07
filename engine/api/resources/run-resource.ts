/**
 * A run in the Logic Apps management shape: `{ name, id, type: "workflows/runs", properties: {
 * status, startTime, endTime, error, correlation, trigger, outputs, workflow } }`. Outputs are
 * `{ name: { type?, value } }` as Logic Apps lists them; secure outputs show their type only.
 */
import { isObject, type Value, type ValueObject } from '../../expressions/value.js';
import type { RunSummary } from '../../store/store.js';
import { compact } from '../json-response.js';
import { runPath, versionPath } from './paths.js';

export interface RunContext {
  /** The definition of the version the run ran, when known (types of outputs, secure triggers). */
  definition?: Value;
  /** `trigger().outputs` of the run, when the caller asked for one run. */
  triggerOutputs?: Value;
}

const SECURE_OUTPUT_TYPES = new Set(['securestring', 'secureobject']);

function outputDeclarations(definition: Value | undefined): Map<string, string> {
  const types = new Map<string, string>();
  const outputs = isObject(definition) ? definition['outputs'] : undefined;
  if (!isObject(outputs)) return types;
  for (const [name, spec] of Object.entries(outputs)) {
    if (isObject(spec) && typeof spec['type'] === 'string') types.set(name.toLowerCase(), spec['type']);
  }
  return types;
}

function runOutputs(outputs: Record<string, Value> | undefined, definition: Value | undefined): ValueObject | undefined {
  if (outputs === undefined) return undefined;
  const types = outputDeclarations(definition);
  const shaped: ValueObject = {};
  for (const [name, value] of Object.entries(outputs)) {
    const type = types.get(name.toLowerCase());
    shaped[name] = type !== undefined && SECURE_OUTPUT_TYPES.has(type.toLowerCase()) ? { type } : compact({ type, value });
  }
  return shaped;
}

/** True when the trigger's runtimeConfiguration.secureData hides its outputs. */
export function triggerOutputsAreSecure(definition: Value | undefined, triggerName: string): boolean {
  const triggers = isObject(definition) ? definition['triggers'] : undefined;
  const trigger = isObject(triggers) ? triggers[triggerName] : undefined;
  const config = isObject(trigger) ? trigger['runtimeConfiguration'] : undefined;
  const secureData = isObject(config) ? config['secureData'] : undefined;
  const hidden = isObject(secureData) ? secureData['properties'] : undefined;
  return Array.isArray(hidden) && hidden.some((p) => typeof p === 'string' && p.toLowerCase() === 'outputs');
}

function triggerSection(summary: RunSummary, context: RunContext): ValueObject {
  const secure = triggerOutputsAreSecure(context.definition, summary.triggerName);
  return compact({
    name: summary.triggerName,
    startTime: summary.startTime,
    endTime: summary.startTime,
    status: 'Succeeded',
    outputs: secure ? undefined : context.triggerOutputs,
  });
}

export function runResource(workflowName: string, summary: RunSummary, context: RunContext = {}): ValueObject {
  const properties = compact({
    status: summary.status,
    startTime: summary.startTime,
    endTime: summary.endTime,
    error: summary.error === undefined ? undefined : { code: summary.error.code, message: summary.error.message },
    correlation: summary.clientTrackingId === undefined ? undefined : { clientTrackingId: summary.clientTrackingId },
    trigger: triggerSection(summary, context),
    outputs: runOutputs(summary.outputs, context.definition),
    workflow: {
      name: workflowName,
      version: summary.workflowVersion,
      id: versionPath(workflowName, summary.workflowVersion),
      type: 'workflows/versions',
    },
  });
  return { name: summary.runId, id: runPath(workflowName, summary.runId), type: 'workflows/runs', properties };
}
