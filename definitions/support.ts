/**
 * Which trigger and action types Sluice can run. The definition language is much larger than any
 * engine outside Azure can honour (managed connectors, integration accounts, AI agents), so the
 * loader rejects what Sluice lacks with a message naming the type or connector and where it is
 * used, instead of failing mid-run. When the connector registry lands (connectors/index.ts),
 * engine/main.ts passes a `TypeSupport` built from it; this default mirrors the issue-2 scope.
 */
import { isArmExpression } from './arm-checks.js';
import type { IssueCode } from './issue.js';
import { isPlainObject } from './unwrap.js';

export interface Unsupported {
  readonly code: Extract<IssueCode, 'UnsupportedTriggerType' | 'UnsupportedActionType' | 'UnsupportedConnector'>;
  readonly message: string;
}

export interface TypeSupport {
  /** undefined when Sluice runs this trigger. `node.type` is already canonical. */
  trigger(name: string, node: Record<string, unknown>): Unsupported | undefined;
  action(name: string, node: Record<string, unknown>): Unsupported | undefined;
}

const BUILT_IN_ACTIONS = new Set([
  'Compose', 'ParseJson', 'Query', 'Select', 'Join', 'Table',
  'InitializeVariable', 'SetVariable', 'IncrementVariable', 'DecrementVariable', 'AppendToArrayVariable', 'AppendToStringVariable',
  'If', 'Switch', 'Foreach', 'Until', 'Scope', 'Terminate', 'Wait', 'Response', 'Http', 'Workflow',
]);

/** Sluice's own trigger types count as built in (the connector registry declares them too). */
const BUILT_IN_TRIGGERS = new Set(['Request', 'Recurrence', 'Http', 'SluiceBlobAddedOrModified']);

/** Path of the managed Azure Blob connector's "When a blob is added or modified (properties only)" (V1 and V2). */
const BLOB_POLL_PATH = /\/triggers\/batch\/onupdatedfile$/i;

export const defaultSupport: TypeSupport = {
  trigger(name, node) {
    const type = String(node['type']);
    if (BUILT_IN_TRIGGERS.has(type)) return undefined;
    const where = `trigger '${name}'`;
    if (type === 'ApiConnection' || type === 'ApiConnectionWebhook') {
      const connector = managedConnectorOf(node);
      const path = pathOf(node);
      if (type === 'ApiConnection' && connector?.toLowerCase().startsWith('azureblob') && BLOB_POLL_PATH.test(path ?? '')) return undefined;
      return unsupportedManaged(connector, path, where, true, type);
    }
    if (type === 'ServiceProvider') {
      const op = serviceProviderOf(node);
      if (op && op.provider.toLowerCase() === '/serviceproviders/azureblob' && op.operation.toLowerCase() === 'whenablobisaddedormodified') return undefined;
      return unsupportedServiceProvider(op, where, true);
    }
    return {
      code: 'UnsupportedTriggerType',
      message: `trigger type '${type}' is not supported by Sluice (${where}); supported: Request, Recurrence, Http, and the Azure Blob "when a blob is added or modified" trigger`,
    };
  },
  action(name, node) {
    const type = String(node['type']);
    if (BUILT_IN_ACTIONS.has(type)) return undefined;
    const where = `action '${name}'`;
    if (type === 'ApiConnection' || type === 'ApiConnectionWebhook') return unsupportedManaged(managedConnectorOf(node), pathOf(node), where, false, type);
    if (type === 'ServiceProvider') return unsupportedServiceProvider(serviceProviderOf(node), where, false);
    return { code: 'UnsupportedActionType', message: `action type '${type}' is not supported by Sluice (${where})${ACTION_HINTS[type] ?? ''}` };
  },
};

const ACTION_HINTS: Record<string, string> = {
  Function: ': Azure Functions are not hosted by Sluice; call the function over HTTP with an Http action',
  JavaScriptCode: ': Sluice does not run inline code',
  CSharpScriptCode: ': Sluice does not run inline code',
  PowershellCode: ': Sluice does not run inline code',
  HttpWebhook: ': webhook actions are not supported yet',
  Expression: ': the Date Time built-ins are not supported; use Compose with addToTime(), utcNow() and similar functions',
  Agent: ': AI agent loops need a model Sluice does not provide',
};

function unsupportedManaged(connector: string | undefined, path: string | undefined, where: string, isTrigger: boolean, type = 'ApiConnection'): Unsupported {
  const name = connector ? `'${connector}'` : '(its connection could not be determined)';
  const op = path ? `, operation ${path}` : '';
  const hint = isTrigger ? '; of the managed connectors Sluice supports only the azureblob trigger "When a blob is added or modified"' : '';
  return { code: 'UnsupportedConnector', message: `${type} connector ${name} is not supported by Sluice (${where}${op})${hint}` };
}

function unsupportedServiceProvider(op: { provider: string; operation: string } | undefined, where: string, isTrigger: boolean): Unsupported {
  const what = op ? `'${op.provider.replace(/^\/serviceProviders\//i, '')}' operation '${op.operation}'` : '(no serviceProviderConfiguration)';
  const hint = isTrigger ? '; of the built-in service providers Sluice supports only the AzureBlob trigger whenABlobIsAddedOrModified' : '';
  return { code: 'UnsupportedConnector', message: `built-in (ServiceProvider) connector ${what} is not supported by Sluice (${where})${hint}` };
}

function inputsOf(node: Record<string, unknown>): Record<string, unknown> {
  return isPlainObject(node['inputs']) ? node['inputs'] : {};
}

function pathOf(node: Record<string, unknown>): string | undefined {
  const path = inputsOf(node)['path'];
  return typeof path === 'string' && !isArmExpression(path) ? path : undefined;
}

/**
 * The connector behind an ApiConnection: Consumption writes
 * `@parameters('$connections')['azureblob']['connectionId']`, Standard a `referenceName` (a key of
 * connections.json, usually the API name).
 */
export function managedConnectorOf(node: Record<string, unknown>): string | undefined {
  const host = inputsOf(node)['host'];
  if (!isPlainObject(host)) return undefined;
  const connection = host['connection'];
  if (isPlainObject(connection)) {
    if (typeof connection['referenceName'] === 'string') return connection['referenceName'];
    const name = connection['name'];
    if (typeof name === 'string') {
      const m = /\$connections'\s*\)\s*\??\s*\[\s*'([^']+)'\s*\]/i.exec(name);
      if (m) return m[1];
    }
  }
  const api = host['api'];
  if (isPlainObject(api) && typeof api['runtimeUrl'] === 'string') return api['runtimeUrl'].split('/').filter(Boolean).pop();
  return undefined;
}

export function serviceProviderOf(node: Record<string, unknown>): { provider: string; operation: string } | undefined {
  const config = inputsOf(node)['serviceProviderConfiguration'];
  if (!isPlainObject(config)) return undefined;
  const provider = config['serviceProviderId'];
  const operation = config['operationId'];
  return typeof provider === 'string' && typeof operation === 'string' ? { provider, operation } : undefined;
}
