/**
 * One outbound HTTP exchange for the HTTP action, through got, configured as the Logic Apps HTTP
 * action behaves:
 * - no automatic retries: the interpreter schedules retries from the action's retry policy;
 * - redirects are not followed: a 3xx is the response (Logic Apps reports the action Failed on a
 *   302, MicrosoftDocs/azure-docs#40772);
 * - HTTP error statuses are responses, not exceptions;
 * - one request is bounded by a timeout (120 s by default, as Consumption) and by the caller's signal.
 * Response header names keep the case the server sent.
 */
import { rootCertificates } from 'node:tls';
import type { OptionsInit } from 'got';
import { loadedGot, loadGot } from './got-client.js';

/** TLS settings of a request: a client certificate, and certificate authorities to trust besides the system's. */
export interface RequestTls {
  pfx?: Buffer;
  passphrase?: string;
  /** PEM certificates trusted in addition to Node's root store. */
  ca?: readonly string[];
}

export interface SentRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  tls?: RequestTls;
}

export interface ReceivedResponse {
  statusCode: number;
  headers: Record<string, string>;
  bytes: Buffer;
}

/** How a request that got no response failed. */
export interface TransportFailure {
  kind: 'timeout' | 'connection' | 'request';
  message: string;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE',
]);

function headersOf(rawHeaders: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    const existing = seen.get(name.toLowerCase());
    if (existing === undefined) {
      seen.set(name.toLowerCase(), name);
      out[name] = value;
    } else {
      out[existing] = `${out[existing]}, ${value}`;
    }
  }
  return out;
}

function httpsOptions(tls: RequestTls | undefined): OptionsInit['https'] {
  if (tls === undefined) return undefined;
  const out: NonNullable<OptionsInit['https']> = {};
  if (tls.pfx !== undefined) out.pfx = tls.pfx;
  if (tls.passphrase !== undefined) out.passphrase = tls.passphrase;
  // Giving `ca` replaces Node's roots, so they are given too.
  if (tls.ca !== undefined && tls.ca.length > 0) out.certificateAuthority = [...rootCertificates, ...tls.ca];
  return out;
}

export async function sendRequest(req: SentRequest, timeoutMs: number, signal: AbortSignal): Promise<ReceivedResponse> {
  const { default: got } = await loadGot();
  const response = await got(req.url, {
    method: req.method as 'GET',
    headers: req.headers,
    body: req.body,
    responseType: 'buffer',
    throwHttpErrors: false,
    followRedirect: false,
    retry: { limit: 0 },
    timeout: { request: timeoutMs },
    signal,
    https: httpsOptions(req.tls),
  });
  return { statusCode: response.statusCode, headers: headersOf(response.rawHeaders), bytes: response.rawBody ?? Buffer.alloc(0) };
}

/** Classifies what went wrong when no response came back. */
export function transportFailure(err: unknown): TransportFailure {
  const RequestError = loadedGot()?.RequestError;
  if (RequestError !== undefined && err instanceof RequestError) {
    if (err.name === 'TimeoutError') {
      return { kind: 'timeout', message: 'Http request failed: the server did not respond within the timeout limit.' };
    }
    const code = err.code ?? '';
    const detail = `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}`;
    if (CONNECTION_CODES.has(code) || /socket hang up/i.test(err.message)) {
      return { kind: 'connection', message: `Http request failed as there is an error: '${detail}'.` };
    }
    return { kind: 'request', message: `Http request failed as there is an error: '${detail}'.` };
  }
  return { kind: 'request', message: `Http request failed as there is an error: '${err instanceof Error ? err.message : String(err)}'.` };
}
