/**
 * The CLI's HTTP calls to a running Sluice (`--url`, default http://127.0.0.1:7070). Failures are
 * thrown as `CliError` carrying the server's `{ code, message, issues }` as one readable text.
 */
export const DEFAULT_URL = 'http://127.0.0.1:7070';

export class CliError extends Error {}

interface ErrorBody {
  code?: string;
  message?: string;
  issues?: { pointer?: string; message?: string }[];
  error?: { code?: string; message?: string };
}

function describeFailure(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as ErrorBody;
    const code = body.code ?? body.error?.code ?? `HTTP ${status}`;
    const message = body.message ?? body.error?.message ?? text;
    const issues = (body.issues ?? []).map((i) => `\n  ${i.pointer ?? ''}: ${i.message ?? ''}`).join('');
    return `${code}: ${message}${issues}`;
  } catch {
    return `HTTP ${status}: ${text}`;
  }
}

export class ApiClient {
  constructor(private readonly base: string = DEFAULT_URL) {}

  async raw(method: string, path: string, body?: Buffer | string, contentType?: string): Promise<Response> {
    const url = new URL(path, this.base.endsWith('/') ? this.base : `${this.base}/`);
    let res: Response;
    try {
      res = await fetch(url, { method, ...(body === undefined ? {} : { body, headers: { 'content-type': contentType ?? 'application/octet-stream' } }) });
    } catch (err) {
      throw new CliError(`cannot reach Sluice at ${this.base} (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}); is 'sluice serve' running? (--url)`);
    }
    if (!res.ok) throw new CliError(describeFailure(res.status, await res.text()));
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.raw(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    return (await res.json()) as T;
  }

  async text(path: string): Promise<string> {
    return (await this.raw('GET', path)).text();
  }
}
