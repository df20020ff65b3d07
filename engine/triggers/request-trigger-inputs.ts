/**
 * What the HTTP edge needs to know about a Request trigger (spec §3.2), read from the saved
 * definition: the one method it accepts (default POST), its `relativePath` template, the body
 * schema and whether to enforce it (`operationOptions: "EnableSchemaValidation"`, the option the
 * designer's "Schema Validation" setting writes), and the options that change its answer.
 */

export interface RequestTriggerInputs {
  /** Upper case; POST unless `inputs.method` says otherwise. */
  method: string;
  /** The template without leading slashes (`address/{postalCode}`), or undefined. */
  relativePath?: string;
  schema?: Record<string, unknown>;
  validateSchema: boolean;
  /** `SuppressWorkflowHeadersOnResponse`: no `x-ms-*` headers on the answer. */
  suppressWorkflowHeaders: boolean;
  /** `IncludeAuthorizationHeadersInOutputs`: keep the inbound `Authorization` header. */
  includeAuthorizationHeader: boolean;
  /** The trigger debatches (`splitOn`): callers get 202 even when a Response action exists. */
  splitOn: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `operationOptions` is a comma-separated list whose names match ignoring case. */
export function hasOperationOption(node: Record<string, unknown>, option: string): boolean {
  const raw = node['operationOptions'];
  if (typeof raw !== 'string') return false;
  return raw.split(',').some((o) => o.trim().toLowerCase() === option.toLowerCase());
}

/** True for `Request` triggers (and the old `manual` type name). */
export function isRequestTrigger(node: unknown): node is Record<string, unknown> {
  if (!isRecord(node) || typeof node['type'] !== 'string') return false;
  const type = node['type'].toLowerCase();
  return type === 'request' || type === 'manual';
}

export function triggerNode(definition: Record<string, unknown>, triggerName: string): unknown {
  const triggers = definition['triggers'];
  return isRecord(triggers) ? triggers[triggerName] : undefined;
}

export function readRequestTrigger(node: Record<string, unknown>): RequestTriggerInputs {
  const inputs = isRecord(node['inputs']) ? node['inputs'] : {};
  const method = typeof inputs['method'] === 'string' && inputs['method'].trim() !== '' ? inputs['method'].trim().toUpperCase() : 'POST';
  const relative = typeof inputs['relativePath'] === 'string' ? inputs['relativePath'].replace(/^\/+|\/+$/g, '') : '';
  const schema = isRecord(inputs['schema']) && Object.keys(inputs['schema']).length > 0 ? inputs['schema'] : undefined;
  const result: RequestTriggerInputs = {
    method,
    validateSchema: hasOperationOption(node, 'EnableSchemaValidation'),
    suppressWorkflowHeaders: hasOperationOption(node, 'SuppressWorkflowHeadersOnResponse'),
    includeAuthorizationHeader: hasOperationOption(node, 'IncludeAuthorizationHeadersInOutputs'),
    splitOn: node['splitOn'] !== undefined && node['splitOn'] !== null && node['splitOn'] !== '',
  };
  if (relative !== '') result.relativePath = relative;
  if (schema !== undefined) result.schema = schema;
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matches the request's path after `/paths/invoke` against the template: `{name}` takes one
 * segment (or part of one: `{id}.json`), literals match ignoring case as ASP.NET routes do.
 * Returns the decoded parameters, or undefined when the path does not fit. No template matches
 * only an empty path.
 */
export function matchRelativePath(template: string | undefined, path: string): Record<string, string> | undefined {
  const actual = path.replace(/^\/+|\/+$/g, '');
  if (template === undefined) return actual === '' ? {} : undefined;
  const names: string[] = [];
  const pattern = template
    .split(/(\{[^{}]+\})/)
    .map((part) => {
      const param = /^\{([^{}]+)\}$/.exec(part);
      if (param === null) return escapeRegExp(part);
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`, 'i').exec(actual);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    const raw = match[i + 1]!;
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      params[name] = raw;
    }
  });
  return params;
}
