/**
 * `inputs.authentication` of HTTP-style actions (spec §4.1): the headers it adds to a request.
 *
 * Basic and Raw are computed here. ManagedServiceIdentity, ActiveDirectoryOAuth and
 * ClientCertificate need an identity service (tokens, certificates) that the engine does not have
 * yet: they fail the action with `AuthenticationNotAvailable`, and this switch is where that service
 * plugs in.
 */
import type { ActionResult } from '../../engine/actions/descriptor.js';
import { getMember, isObject, toText, type Value, type ValueObject } from '../../engine/expressions/value.js';

export type AuthenticationOutcome = { ok: true; headers: Record<string, string> } | { ok: false; result: ActionResult };

const NOT_YET_AVAILABLE = new Set(['managedserviceidentity', 'activedirectoryoauth', 'clientcertificate']);
const KNOWN_TYPES = 'Basic, Raw, ClientCertificate, ActiveDirectoryOAuth, ManagedServiceIdentity';

/** Members Logic Apps hides in recorded inputs. */
const SECRET_MEMBERS = new Set(['password', 'value', 'secret', 'pfx']);
export const SANITIZED = '*sanitized*';

function invalid(message: string): AuthenticationOutcome {
  return { ok: false, result: { status: 'Failed', code: 'InvalidTemplate', error: { code: 'InvalidTemplate', message }, retryable: false } };
}

function text(obj: ValueObject, name: string): string | undefined {
  const v = getMember(obj, name);
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : toText(v);
}

/** The headers `authentication` adds; no authentication (absent or null) adds none. */
export function authenticationHeaders(auth: Value | undefined): AuthenticationOutcome {
  if (auth === undefined || auth === null) return { ok: true, headers: {} };
  if (!isObject(auth)) return invalid("The 'authentication' of the action must be an object with a 'type'.");
  const type = getMember(auth, 'type');
  if (typeof type !== 'string') return invalid("The 'authentication' of the action needs a 'type'.");
  const lower = type.toLowerCase();
  if (lower === 'basic') {
    const username = text(auth, 'username');
    if (username === undefined) return invalid("Basic authentication needs a 'username'.");
    const password = text(auth, 'password') ?? '';
    return { ok: true, headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}` } };
  }
  if (lower === 'raw') {
    const value = text(auth, 'value');
    if (value === undefined) return invalid("Raw authentication needs a 'value' (the whole Authorization header value).");
    return { ok: true, headers: { Authorization: value } };
  }
  if (NOT_YET_AVAILABLE.has(lower)) {
    const message = `The authentication type '${type}' is not available: it needs the identity service, which this engine does not provide yet.`;
    return { ok: false, result: { status: 'Failed', code: 'AuthenticationNotAvailable', error: { code: 'AuthenticationNotAvailable', message }, retryable: false } };
  }
  return invalid(`The authentication type '${type}' is not one of ${KNOWN_TYPES}.`);
}

/** The authentication object as run history may show it: secrets replaced by `*sanitized*`. */
export function sanitizeAuthentication(auth: Value): Value {
  if (!isObject(auth)) return auth;
  const out: ValueObject = {};
  for (const key of Object.keys(auth)) out[key] = SECRET_MEMBERS.has(key.toLowerCase()) ? SANITIZED : auth[key]!;
  return out;
}
