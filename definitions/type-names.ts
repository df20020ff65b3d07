/**
 * Canonical spellings of the trigger and action types of the definition language. Logic Apps
 * compares type names ignoring case (Microsoft's own samples write `compose`, `foreach`,
 * `recurrence`), so the loader rewrites them to these spellings on its copy before the schema
 * check, and everything downstream can compare exactly.
 */

export const TRIGGER_TYPES = [
  'Recurrence',
  'Request',
  'Http',
  'HttpWebhook',
  'ApiConnection',
  'ApiConnectionWebhook',
  'ServiceProvider',
  'SlidingWindow',
  'Batch',
  'ApiManagement',
] as const;

/** Actions with nested actions: their bodies are containers for runAfter and scoping rules. */
export const CONTROL_ACTION_TYPES = ['If', 'Switch', 'Foreach', 'Until', 'Scope'] as const;

export const VARIABLE_ACTION_TYPES = [
  'SetVariable',
  'IncrementVariable',
  'DecrementVariable',
  'AppendToArrayVariable',
  'AppendToStringVariable',
] as const;

export const ACTION_TYPES = [
  'Compose',
  'ParseJson',
  'Query',
  'Select',
  'Join',
  'Table',
  'InitializeVariable',
  ...VARIABLE_ACTION_TYPES,
  ...CONTROL_ACTION_TYPES,
  'Terminate',
  'Wait',
  'Response',
  'Workflow',
  'Http',
  'HttpWebhook',
  'Function',
  'ApiConnection',
  'ApiConnectionWebhook',
  'ApiManagement',
  'ServiceProvider',
  'JavaScriptCode',
  'CSharpScriptCode',
  'PowershellCode',
  'Expression',
  'Liquid',
  'Xslt',
  'XmlValidation',
  'XmlCompose',
  'XmlParse',
  'FlatFileDecoding',
  'FlatFileEncoding',
  'IntegrationAccountArtifactLookup',
  'SendToBatch',
  'ChunkText',
  'ParseDocument',
  'InvokeFunction',
  'Agent',
] as const;

function byLowerCase(names: readonly string[]): ReadonlyMap<string, string> {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}

const triggerTypes = byLowerCase(TRIGGER_TYPES);
const actionTypes = byLowerCase(ACTION_TYPES);

/** The canonical spelling of a known trigger type, or the input unchanged. */
export function canonicalTriggerType(type: string): string {
  return triggerTypes.get(type.toLowerCase()) ?? type;
}

export function canonicalActionType(type: string): string {
  return actionTypes.get(type.toLowerCase()) ?? type;
}

export const RUN_AFTER_STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'] as const;
const statuses = byLowerCase(RUN_AFTER_STATUSES);

export function canonicalRunAfterStatus(status: string): string | undefined {
  return statuses.get(status.toLowerCase());
}
