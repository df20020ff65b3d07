/**
 * Client-credentials tokens for `ActiveDirectoryOAuth` authentication: a form POST to
 * `{authority}{tenant}/oauth2/token` (Azure AD v1, `resource` = the audience), as Logic Apps
 * sends it. The client proves itself with a secret or with a signed client assertion (a
 * certificate, see client-assertion.ts). Tokens are cached per authority, tenant, client,
 * credential and audience until five minutes before they expire; the cache key holds a hash of
 * the secret or the certificate's thumbprint, never the secret.
 */
import { createHash } from 'node:crypto';
import { loadGot } from './got-client.js';

export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com/';
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Signs client assertions (JWTs proving the client's identity) for a token endpoint. */
export interface ClientAssertionSigner {
  /** Stable, non-secret name of the credential (e.g. a certificate thumbprint), for the token cache. */
  readonly id: string;
  assertion(tokenUrl: string, clientId: string): Promise<string>;
}

interface ClientIdentity {
  authority?: string;
  tenant: string;
  audience: string;
  clientId: string;
}

export type ClientCredentials = ClientIdentity & ({ secret: string; assertion?: undefined } | { assertion: ClientAssertionSigner; secret?: undefined });

export type AadTokenOutcome =
  | { ok: true; token: string; tokenType: string; expiresOn: number }
  | { ok: false; message: string; retryable: boolean };

const REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * Tokens kept at most: tenants, clients and audiences can come from expressions, so the keys are
 * not bounded by the definitions. Past the limit, expired tokens go first, then the oldest tenth.
 */
const CACHE_LIMIT = 1000;
const cache = new Map<string, { token: string; tokenType: string; expiresOn: number }>();

function remember(key: string, token: { token: string; tokenType: string; expiresOn: number }): void {
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) {
    const now = Date.now();
    for (const [k, t] of cache) if (t.expiresOn - REFRESH_MARGIN_MS <= now) cache.delete(k);
    for (const k of [...cache.keys()].slice(0, cache.size >= CACHE_LIMIT ? CACHE_LIMIT / 10 : 0)) cache.delete(k);
  }
  cache.set(key, token);
}

/** The v1 token endpoint of a tenant under an authority (which may lack its trailing slash). */
export function tokenEndpoint(authority: string | undefined, tenant: string): URL {
  const base = (authority ?? DEFAULT_AUTHORITY).trim();
  return new URL(`${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(tenant)}/oauth2/token`);
}

function cacheKey(c: ClientCredentials, url: URL): string {
  const credential = c.assertion !== undefined ? c.assertion.id : `secret:${createHash('sha256').update(c.secret).digest('base64url')}`;
  return JSON.stringify([url.href, c.clientId, c.audience, credential]);
}

/** The form of the token request: the client authenticates with its secret or a fresh assertion. */
async function tokenForm(c: ClientCredentials, url: URL): Promise<URLSearchParams> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, resource: c.audience });
  if (c.assertion === undefined) {
    form.set('client_secret', c.secret);
  } else {
    form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
    form.set('client_assertion', await c.assertion.assertion(url.href, c.clientId));
  }
  return form;
}

/** The token endpoint's reason for a refusal (`error_description`, else `error`, else the status). */
function refusal(statusCode: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    const text = typeof parsed.error_description === 'string' ? parsed.error_description : typeof parsed.error === 'string' ? parsed.error : undefined;
    if (text !== undefined) return `status ${statusCode}: ${text.split(/\r?\n/)[0]}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return `status ${statusCode}`;
}

function expiryOf(body: { expires_in?: unknown; expires_on?: unknown }, now: number): number {
  const on = Number(body.expires_on);
  if (Number.isFinite(on) && on > 0) return on * 1000;
  const inSeconds = Number(body.expires_in);
  return now + (Number.isFinite(inSeconds) && inSeconds > 0 ? inSeconds : 3600) * 1000;
}

export async function clientCredentialsToken(c: ClientCredentials, timeoutMs: number, signal: AbortSignal): Promise<AadTokenOutcome> {
  let url: URL;
  try {
    url = tokenEndpoint(c.authority, c.tenant);
  } catch {
    return { ok: false, message: `The authority '${c.authority}' is not a valid absolute URI.`, retryable: false };
  }
  const key = cacheKey(c, url);
  const cached = cache.get(key);
  if (cached !== undefined && cached.expiresOn - REFRESH_MARGIN_MS > Date.now()) return { ok: true, ...cached };
  let form: URLSearchParams;
  try {
    form = await tokenForm(c, url);
  } catch (err) {
    return { ok: false, message: `The client assertion could not be signed: ${(err as Error).message}`, retryable: false };
  }
  let response;
  try {
    const { default: got } = await loadGot();
    response = await got.post(url, {
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      responseType: 'text',
      throwHttpErrors: false,
      followRedirect: false,
      retry: { limit: 0 },
      timeout: { request: timeoutMs },
      signal,
    });
  } catch (err) {
    return { ok: false, message: `The token endpoint ${url.origin}${url.pathname} could not be reached: ${(err as Error).message}`, retryable: true };
  }
  if (response.statusCode < 200 || response.statusCode > 299) {
    const retryable = response.statusCode === 408 || response.statusCode === 429 || response.statusCode >= 500;
    return { ok: false, message: `The token endpoint ${url.origin}${url.pathname} refused the client credentials (${refusal(response.statusCode, response.body)}).`, retryable };
  }
  let body: { access_token?: unknown; token_type?: unknown; expires_in?: unknown; expires_on?: unknown };
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch {
    return { ok: false, message: `The token endpoint ${url.origin}${url.pathname} answered without a JSON token.`, retryable: false };
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    return { ok: false, message: `The token endpoint ${url.origin}${url.pathname} answered without an access_token.`, retryable: false };
  }
  const token = { token: body.access_token, tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer', expiresOn: expiryOf(body, Date.now()) };
  remember(key, token);
  return { ok: true, ...token };
}
