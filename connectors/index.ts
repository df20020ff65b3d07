/**
 * The registry of every trigger and action type Sluice runs: explicit arrays, no directory scans.
 * `engine/main` and the API read it; `registrySupport()` tells the definition loader what runs.
 */
import type { TypeSupport } from '../definitions/support.js';
import { defaultSupport } from '../definitions/support.js';
import { effectActions } from '../engine/actions/effect-actions.js';
import { pureActions } from '../engine/actions/pure-actions.js';
import type { PollingTriggerDescriptor } from '../engine/triggers/descriptor.js';
import { blobTriggers } from './blob/blob-trigger.js';
import { httpPollingTrigger } from './http/http-trigger.js';
import { recurrenceTrigger } from './recurrence/recurrence-trigger.js';
import { schemaOf, type TypeDeclaration } from './type-declaration.js';

export type { TypeDeclaration } from './type-declaration.js';

function action(type: string, category: TypeDeclaration['category'], runtime: TypeDeclaration['runtime'], title: string, description: string): TypeDeclaration {
  return { kind: 'action', type, category, runtime, title, description, inputSchema: schemaOf('action', type) };
}

export const actionTypes: readonly TypeDeclaration[] = [
  action('Compose', 'data', 'pure', 'Compose', 'Builds a value from expressions; its outputs are the value itself.'),
  action('ParseJson', 'data', 'pure', 'Parse JSON', 'Parses JSON content and checks it against a JSON Schema.'),
  action('Query', 'data', 'pure', 'Filter array', 'Keeps the items of an array for which a condition holds.'),
  action('Select', 'data', 'pure', 'Select', 'Maps every item of an array to a new value.'),
  action('Join', 'data', 'pure', 'Join', 'Joins the items of an array into text.'),
  action('Table', 'data', 'pure', 'Create table', 'Builds a CSV or HTML table from an array of objects.'),
  action('InitializeVariable', 'variables', 'pure', 'Initialize variable', 'Declares a run variable with its type and first value.'),
  action('SetVariable', 'variables', 'pure', 'Set variable', 'Sets a variable to a new value of its type.'),
  action('IncrementVariable', 'variables', 'pure', 'Increment variable', 'Adds to an Integer or Float variable.'),
  action('DecrementVariable', 'variables', 'pure', 'Decrement variable', 'Subtracts from an Integer or Float variable.'),
  action('AppendToArrayVariable', 'variables', 'pure', 'Append to array variable', 'Adds one item to an Array variable.'),
  action('AppendToStringVariable', 'variables', 'pure', 'Append to string variable', 'Appends text to a String variable.'),
  action('If', 'control', 'control', 'Condition', 'Runs one branch or the other depending on a condition.'),
  action('Switch', 'control', 'control', 'Switch', 'Runs the case whose value equals an expression, or the default.'),
  action('Foreach', 'control', 'control', 'For each', 'Runs its actions once per item of an array, in parallel or one at a time.'),
  action('Until', 'control', 'control', 'Until', 'Repeats its actions until a condition holds or a limit is reached.'),
  action('Scope', 'control', 'control', 'Scope', 'Groups actions; its status is theirs (try/catch with runAfter).'),
  action('Terminate', 'control', 'control', 'Terminate', 'Ends the run as Succeeded, Failed or Cancelled.'),
  action('Wait', 'control', 'control', 'Delay', 'Waits for an interval or until a time, on a durable timer.'),
  action('Response', 'http', 'effect', 'Response', 'Answers the HTTP request that started the run.'),
  action('Http', 'http', 'effect', 'HTTP', 'Calls an HTTP endpoint, with managed identity, OAuth, Basic, Raw or certificate authentication.'),
  action('Workflow', 'workflow', 'effect', 'Call workflow', 'Runs another workflow of this Sluice and receives its Response.'),
];

export const triggerTypes: readonly TypeDeclaration[] = [
  { kind: 'trigger', type: 'Request', category: 'http', runtime: 'request', title: 'When an HTTP request is received', description: 'Starts a run for each request to the workflow\'s signed callback URL.', inputSchema: schemaOf('trigger', 'Request') },
  { kind: 'trigger', type: 'Recurrence', category: 'schedule', runtime: 'polling', title: 'Recurrence', description: 'Starts runs on a schedule, in a time zone, durably.', inputSchema: schemaOf('trigger', 'Recurrence'), outputSchema: recurrenceTrigger.outputSchema },
  { kind: 'trigger', type: 'Http', category: 'http', runtime: 'polling', title: 'HTTP (polling)', description: 'Polls an HTTP endpoint on a schedule; a 200 answer starts a run.', inputSchema: schemaOf('trigger', 'Http') },
  ...blobTriggers.map((d: PollingTriggerDescriptor): TypeDeclaration => ({
    kind: 'trigger',
    type: d.type,
    category: 'storage',
    runtime: 'polling',
    title: 'When a blob is added or modified (properties only)',
    description: 'Starts a run for each blob added or modified in a folder (not its subfolders).',
    connector: 'azureblob',
    matches: d.matches,
    inputSchema: d.inputSchema ?? schemaOf('trigger', d.type),
    outputSchema: d.outputSchema,
  })),
];

/** The polling trigger implementations the trigger host runs. */
export const pollingTriggers: readonly PollingTriggerDescriptor[] = [recurrenceTrigger, httpPollingTrigger, ...blobTriggers];

export { pureActions, effectActions };

/** What the loader accepts: exactly the declared types (and the Logic Apps shapes they cover). */
export function registrySupport(): TypeSupport {
  const actions = new Set(actionTypes.map((a) => a.type));
  const simpleTriggers = new Set(triggerTypes.filter((t) => t.matches === undefined).map((t) => t.type));
  return {
    trigger(name, node) {
      const type = String(node['type']);
      if (simpleTriggers.has(type)) return undefined;
      if (triggerTypes.some((t) => t.matches?.(node) === true)) return undefined;
      return defaultSupport.trigger(name, node) ?? { code: 'UnsupportedTriggerType', message: `trigger type '${type}' is not supported by Sluice (trigger '${name}')` };
    },
    action(name, node) {
      if (actions.has(String(node['type']))) return undefined;
      return defaultSupport.action(name, node) ?? { code: 'UnsupportedActionType', message: `action type '${String(node['type'])}' is not supported by Sluice (action '${name}')` };
    },
  };
}
