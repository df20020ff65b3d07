/**
 * Request triggers as HTTP endpoints: the callback URL of a trigger (`listCallbackUrl`), rotating
 * the workflow's key (`regenerateAccessKey`), and everything a call to the endpoint must pass before
 * a run starts — the workflow, the signature, the trigger, its state, its method and its path.
 * Logic Apps' error codes where it has them (`DirectApiAuthorizationRequired`,
 * `DirectApiInvalidAuthorizationSignature`).
 */
import type { WorkflowRecord } from '../../store/store.js';
import { buildCallbackUrl, regenerateWorkflowKey, verifyCallback, workflowKey, type CallbackUrl, type SignedQuery } from '../../triggers/callback-url.js';
import { isRequestTrigger, matchRelativePath, readRequestTrigger, triggerNode, type RequestTriggerInputs } from '../../triggers/request-trigger-inputs.js';
import { ApiError, invalidArgument } from '../api-error.js';
import { requireTrigger, requireWorkflow } from './lookups.js';
import type { ManagementDeps } from './workflow-service.js';

interface RequestTrigger {
  name: string;
  inputs: RequestTriggerInputs;
}

/**
 * What a call needs from a workflow record, read once per record: stored records are frozen and
 * replaced on every save or state change, so a record is a safe key and a saved change is never
 * missed. Keeps the definition walk (Response search, trigger inputs) off the per-call path.
 */
interface RecordFacts {
  triggers: Map<string, RequestTrigger>;
  hasResponse: boolean;
}

const factsByRecord = new WeakMap<WorkflowRecord, RecordFacts>();

function factsOf(workflow: WorkflowRecord): RecordFacts {
  let facts = factsByRecord.get(workflow);
  if (facts === undefined) {
    facts = { triggers: new Map(), hasResponse: hasResponseAction(workflow.definition['actions']) };
    // A record someone may still change (a store that hands out live objects) is read every time.
    if (Object.isFrozen(workflow)) factsByRecord.set(workflow, facts);
  }
  return facts;
}

/**
 * The request trigger a call names, read once per record. Only names spelled as the definition
 * spells them are kept, so callers varying the case cannot grow the map past the triggers there are.
 */
function cachedRequestTrigger(workflow: WorkflowRecord, triggerName: string): RequestTrigger {
  const triggers = factsOf(workflow).triggers;
  let trigger = triggers.get(triggerName);
  if (trigger === undefined) {
    trigger = requestTriggerOf(workflow, triggerName);
    if (trigger.name === triggerName) triggers.set(triggerName, trigger);
  }
  return trigger;
}

function requestTriggerOf(workflow: WorkflowRecord, triggerName: string): RequestTrigger {
  const name = requireTrigger(workflow, triggerName);
  const node = triggerNode(workflow.definition, name);
  if (!isRequestTrigger(node)) {
    const type = typeof (node as Record<string, unknown> | undefined)?.['type'] === 'string' ? String((node as Record<string, unknown>)['type']) : 'unknown';
    throw new ApiError(400, 'ListCallbackUrlNotSupported', `The 'ListCallbackUrl' API is not supported by triggers of type '${type}': trigger '${name}' is not a Request trigger.`);
  }
  return { name, inputs: readRequestTrigger(node) };
}

export function listCallbackUrl(options: ManagementDeps & { workflowName: string; triggerName: string; base: string }): CallbackUrl {
  const workflow = requireWorkflow(options.store, options.workflowName);
  const trigger = requestTriggerOf(workflow, options.triggerName);
  const key = workflowKey(options.store, workflow.name);
  if (key === undefined) throw new ApiError(404, 'NotFound', `workflow '${options.workflowName}' not found`);
  return buildCallbackUrl({
    base: options.base,
    workflowName: workflow.name,
    triggerName: trigger.name,
    method: trigger.inputs.method,
    relativePath: trigger.inputs.relativePath,
    key,
  });
}

/** Only the primary key exists; `keyType` may name it (as Logic Apps' API takes it) or be absent. */
export function regenerateAccessKey(options: ManagementDeps & { workflowName: string; keyType?: unknown }): void {
  const workflow = requireWorkflow(options.store, options.workflowName);
  const keyType = options.keyType;
  if (keyType !== undefined && keyType !== null && !(typeof keyType === 'string' && ['primary', 'notspecified'].includes(keyType.toLowerCase()))) {
    throw invalidArgument('/keyType', `must be 'Primary': Sluice keeps one access key per workflow, got ${JSON.stringify(keyType)}`);
  }
  regenerateWorkflowKey(options.store, workflow.name);
}

/** A call to a trigger's endpoint that may start runs. */
export interface InvokeTarget {
  workflow: WorkflowRecord;
  triggerName: string;
  inputs: RequestTriggerInputs;
  /** Filled when the trigger has a relativePath template. */
  relativePathParameters?: Record<string, string>;
  /** The definition has a Response action somewhere: the caller waits for it. */
  hasResponse: boolean;
}

export interface InvokeRequest {
  workflowName: string;
  triggerName: string;
  method: string;
  /** The raw (still encoded) path after `/paths/invoke`. */
  relativePath: string;
  /** The query of the signed callback URL, or 'hook' for a path the configuration opened (`/hooks/{name}`). */
  signature: SignedQuery | 'hook';
}

/**
 * Checks a call in the order that leaks least: the workflow must exist, then the signature must
 * hold (nothing about the definition is revealed to an unsigned caller), then the trigger, its
 * state, method and path.
 */
export function authorizeInvoke(options: ManagementDeps & InvokeRequest): InvokeTarget {
  const workflow = options.store.getWorkflow(options.workflowName);
  if (workflow === undefined) throw new ApiError(404, 'WorkflowNotFound', `The workflow '${options.workflowName}' could not be found.`);
  if (options.signature !== 'hook') {
    const check = verifyCallback(options.store.getWorkflowKey(workflow.name), workflow.name, options.triggerName, options.signature);
    if (!check.ok) throw new ApiError(401, check.code, check.message);
  }
  const trigger = cachedRequestTrigger(workflow, options.triggerName);
  if (workflow.state === 'Disabled') {
    throw new ApiError(409, 'WorkflowDisabled', `The workflow '${workflow.name}' is disabled: enable it to accept calls to its triggers.`);
  }
  if (options.method.toUpperCase() !== trigger.inputs.method && !(options.method.toUpperCase() === 'HEAD' && trigger.inputs.method === 'GET')) {
    throw new ApiError(405, 'MethodNotAllowed', `Trigger '${trigger.name}' accepts ${trigger.inputs.method} requests, not ${options.method.toUpperCase()}.`);
  }
  const params = matchRelativePath(trigger.inputs.relativePath, options.relativePath);
  if (params === undefined) {
    const expected = trigger.inputs.relativePath === undefined ? 'no relative path' : `the relative path '/${trigger.inputs.relativePath}'`;
    throw new ApiError(404, 'TriggerPathNotFound', `The path '${options.relativePath || '/'}' does not match trigger '${trigger.name}', which takes ${expected}.`);
  }
  const target: InvokeTarget = { workflow, triggerName: trigger.name, inputs: trigger.inputs, hasResponse: factsOf(workflow).hasResponse };
  if (trigger.inputs.relativePath !== undefined) target.relativePathParameters = params;
  return target;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Searches every container (scopes, branches, cases) for an action of type Response. */
function hasResponseAction(actions: unknown): boolean {
  if (!isRecord(actions)) return false;
  for (const action of Object.values(actions)) {
    if (!isRecord(action)) continue;
    if (typeof action['type'] === 'string' && action['type'].toLowerCase() === 'response') return true;
    const nested: unknown[] = [action['actions']];
    if (isRecord(action['else'])) nested.push(action['else']['actions']);
    if (isRecord(action['default'])) nested.push(action['default']['actions']);
    if (isRecord(action['cases'])) for (const c of Object.values(action['cases'])) if (isRecord(c)) nested.push(c['actions']);
    if (nested.some(hasResponseAction)) return true;
  }
  return false;
}
