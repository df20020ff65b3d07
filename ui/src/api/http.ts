/**
 * The one fetch wrapper of the designer's REST client: JSON in and out, and every non-2xx answer
 * turned into an `HttpError` carrying the API's `{ code, message, issues? }` body.
 */
export interface ValidationIssue {
  code?: string;
  /** JSON pointer into the definition, e.g. `/actions/A/inputs`. */
  pointer?: string;
  message: string;
  position?: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export async function requestJson<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json', ...headers };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const fields = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
    const issues = Array.isArray(fields['issues']) ? (fields['issues'] as ValidationIssue[]) : [];
    throw new HttpError(res.status, String(fields['code'] ?? res.status), String(fields['message'] ?? (text || res.statusText)), issues);
  }
  return json as T;
}
