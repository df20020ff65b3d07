/**
 * `inputs.authentication` of HTTP-style actions (spec §4.1): what it adds to a request.
 * - Basic and Raw: an Authorization header computed here;
 * - ManagedServiceIdentity: a bearer token of the workflow's identity (system-assigned, or the
 *   user-assigned one `identity` names) for `audience`, from the engine's TokenProvider;
 * - ActiveDirectoryOAuth: a bearer token from the client-credentials flow of `tenant` at
 *   `authority`, the client proving itself with a `secret` or a certificate (`pfx` + `password`)
 *   that signs a client assertion;
 * - ClientCertificate: a TLS client certificate (`pfx` base64 PKCS#12, optional `password`).
 * What the user wrote wrong fails with `InvalidTemplate`; a token source that fails, with
 * `AuthenticationFailed` (retryable when the source may recover).
 */
import { createSecureContext } from 'node:tls';
import type { ActionResult } from '../../engine/actions/descriptor.js';
import { SluiceError } from '../../engine/errors.js';
import { getMember, isObject, toText, type Value, type ValueObject } from '../../engine/expressions/value.js';
import type { TokenProvider } from '../../engine/identity/token-provider.js';
import { clientCredentialsToken, type ClientAssertionSigner } from './aad-token.js';
import { certificateAssertionSigner, PfxError, readPfxCertificate } from './client-assertion.js';

export interface ClientTls {
  pfx: Buffer;
  passphrase?: string;
}

export type AuthenticationOutcome = { ok: true; headers: Record<string, string>; tls?: ClientTls } | { ok: false; result: ActionResult };

/** What authentication needs from the engine and the action. */
export interface AuthenticationContext {
  /** Source of managed-identity tokens; ManagedServiceIdentity is unavailable without it. */
  tokens?: TokenProvider;
  workflowName: string;
  /** Timeout of a token request. */
  timeoutMs: number;
  signal: AbortSignal;
}

const KNOWN_TYPES = 'Basic, Raw, ClientCertificate, ActiveDirectoryOAuth, ManagedServiceIdentity';

/** Members Logic Apps hides in recorded inputs. */
const SECRET_MEMBERS = new Set(['password', 'value', 'secret', 'pfx']);
export const SANITIZED = '*sanitized*';

function invalid(message: string): { ok: false; result: ActionResult } {
  return { ok: false, result: { status: 'Failed', code: 'InvalidTemplate', error: { code: 'InvalidTemplate', message }, retryable: false } };
}

function failed(code: string, message: string, retryable: boolean): { ok: false; result: ActionResult } {
  return { ok: false, result: { status: 'Failed', code, error: { code, message }, retryable } };
}

function text(obj: ValueObject, name: string): string | undefined {
  const v = getMember(obj, name);
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : toText(v);
}

function required(obj: ValueObject, type: string, names: readonly string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = text(obj, name);
    if (value === undefined || value.trim() === '') return `${type} authentication needs '${name}'.`;
    out[name] = value;
  }
  return out;
}

function basic(auth: ValueObject): AuthenticationOutcome {
  const username = text(auth, 'username');
  if (username === undefined) return invalid("Basic authentication needs a 'username'.");
  const password = text(auth, 'password') ?? '';
  return { ok: true, headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` } };
}

function raw(auth: ValueObject): AuthenticationOutcome {
  const value = text(auth, 'value');
  if (value === undefined) return invalid("Raw authentication needs a 'value' (the whole Authorization header value).");
  return { ok: true, headers: { Authorization: value } };
}

async function managedIdentity(auth: ValueObject, ctx: AuthenticationContext): Promise<AuthenticationOutcome> {
  const audience = text(auth, 'audience');
  if (audience === undefined || audience.trim() === '') return invalid("ManagedServiceIdentity authentication needs an 'audience' (the resource the token is for).");
  if (ctx.tokens === undefined) {
    return failed('AuthenticationNotAvailable', "The authentication type 'ManagedServiceIdentity' is not available: this engine has no managed identity configured.", false);
  }
  const identity = text(auth, 'identity');
  try {
    const token = await ctx.tokens.getToken({ audience, identity, workflowName: ctx.workflowName });
    return { ok: true, headers: { Authorization: `Bearer ${token.token}` } };
  } catch (err) {
    if (err instanceof SluiceError && (err.code === 'InvalidArgument' || err.code === 'NotFound')) {
      return invalid(`ManagedServiceIdentity authentication: ${err.message}`);
    }
    const detail = err instanceof Error ? err.message : String(err);
    const retryable = err instanceof SluiceError ? err.retryable : true;
    return failed('AuthenticationFailed', `Could not get a managed identity token for the audience '${audience}': ${detail}`, retryable);
  }
}

/**
 * How the client proves itself: its secret, or its certificate (`credentialType` is the designer's
 * choice; without it a secret wins when both are given). A pfx that cannot be used fails here,
 * before any request.
 */
function aadCredential(auth: ValueObject): { secret: string } | { assertion: ClientAssertionSigner } | { ok: false; result: ActionResult } {
  const secret = text(auth, 'secret');
  const pfx = text(auth, 'pfx');
  const wantsCertificate = text(auth, 'credentialType')?.toLowerCase() === 'certificate' || (secret === undefined && pfx !== undefined);
  if (!wantsCertificate) {
    if (secret !== undefined) return { secret };
    return invalid("ActiveDirectoryOAuth authentication needs a client 'secret' (or a 'pfx' certificate).");
  }
  if (pfx === undefined || pfx.trim() === '') return invalid("ActiveDirectoryOAuth authentication with a certificate needs a 'pfx' (the base64 of a PKCS#12 file).");
  try {
    return { assertion: certificateAssertionSigner(readPfxCertificate(pfx, text(auth, 'password'))) };
  } catch (err) {
    if (!(err instanceof PfxError)) throw err;
    if (err.reason === 'notBase64') return invalid("The 'pfx' of ActiveDirectoryOAuth authentication is not base64.");
    return failed('AuthenticationFailed', `ActiveDirectoryOAuth: the client certificate ('pfx') could not be read: ${err.message}.`, false);
  }
}

async function activeDirectoryOAuth(auth: ValueObject, ctx: AuthenticationContext): Promise<AuthenticationOutcome> {
  const fields = required(auth, 'ActiveDirectoryOAuth', ['tenant', 'audience', 'clientId']);
  if (typeof fields === 'string') return invalid(fields);
  const credential = aadCredential(auth);
  if ('ok' in credential) return credential;
  const outcome = await clientCredentialsToken(
    { authority: text(auth, 'authority'), tenant: fields['tenant']!, audience: fields['audience']!, clientId: fields['clientId']!, ...credential },
    ctx.timeoutMs,
    ctx.signal,
  );
  if (!outcome.ok) return failed('AuthenticationFailed', `ActiveDirectoryOAuth: ${outcome.message}`, outcome.retryable);
  return { ok: true, headers: { Authorization: `${outcome.tokenType} ${outcome.token}` } };
}

/** The certificate, checked before any request so a bad one fails clearly rather than as a TLS error. */
function clientCertificate(auth: ValueObject): AuthenticationOutcome {
  const pfxText = text(auth, 'pfx');
  if (pfxText === undefined || pfxText.trim() === '') return invalid("ClientCertificate authentication needs a 'pfx' (the base64 of a PKCS#12 file).");
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(pfxText)) return invalid("The 'pfx' of ClientCertificate authentication is not base64.");
  const pfx = Buffer.from(pfxText, 'base64');
  const password = text(auth, 'password');
  const tls: ClientTls = password === undefined ? { pfx } : { pfx, passphrase: password };
  try {
    createSecureContext(tls);
  } catch (err) {
    const detail = (err as Error).message;
    const hint = /mac verify|password/i.test(detail) ? ' (is the password right?)' : '';
    return failed('BadRequest', `The client certificate of ClientCertificate authentication could not be read: ${detail}${hint}.`, false);
  }
  return { ok: true, headers: {}, tls };
}

/** What `authentication` adds to a request; no authentication (absent or null) adds nothing. */
export async function resolveAuthentication(auth: Value | undefined, ctx: AuthenticationContext): Promise<AuthenticationOutcome> {
  if (auth === undefined || auth === null) return { ok: true, headers: {} };
  if (!isObject(auth)) return invalid("The 'authentication' of the action must be an object with a 'type'.");
  const type = getMember(auth, 'type');
  if (typeof type !== 'string') return invalid("The 'authentication' of the action needs a 'type'.");
  switch (type.toLowerCase()) {
    case 'basic':
      return basic(auth);
    case 'raw':
      return raw(auth);
    case 'managedserviceidentity':
      return managedIdentity(auth, ctx);
    case 'activedirectoryoauth':
      return activeDirectoryOAuth(auth, ctx);
    case 'clientcertificate':
      return clientCertificate(auth);
    default:
      return invalid(`The authentication type '${type}' is not one of ${KNOWN_TYPES}.`);
  }
}

/** The authentication object as run history may show it: secrets replaced by `*sanitized*`. */
export function sanitizeAuthentication(auth: Value): Value {
  if (!isObject(auth)) return auth;
  const out: ValueObject = {};
  for (const key of Object.keys(auth)) out[key] = SECRET_MEMBERS.has(key.toLowerCase()) ? SANITIZED : auth[key]!;
  return out;
}
