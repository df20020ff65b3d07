/**
 * Verifies tokens of Sluice's token service (or any RS256 issuer with a JWKS): signature against
 * the JWKS, issuer, audience, expiry and not-before. For other parts of Sluice that accept calls
 * from managed identities, and for tests that play such a service.
 *
 * The JWKS is a key set in hand (`createLocalJWKSet`) or a URL fetched and cached by jose
 * (`createRemoteJWKSet`, which refetches when it meets an unknown `kid`). Every rejection is a
 * `SluiceError` with code `Unauthorized` whose message says what was wrong with the token.
 *
 * jose is imported at the first verification, not at start: most servers never verify a token.
 */
import type { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, JWTPayload } from 'jose';
import { SluiceError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';

export interface VerifierOptions {
  /** The public keys, or the URL of a JWKS document. */
  jwks: JSONWebKeySet | URL | string;
  /** The expected `iss`, unless a call names its own. */
  issuer?: string;
  /** Allowed clock difference for `exp`/`nbf`. @default 300 (five minutes, as Azure's libraries allow) */
  clockToleranceSeconds?: number;
  /** The time the token is checked at. @default the system clock */
  clock?: Pick<Clock, 'now'>;
}

export interface VerifyOptions {
  /** The expected `aud`, compared exactly (a trailing slash matters, as in Azure). */
  audience: string | readonly string[];
  issuer?: string;
}

export interface VerifiedClaims extends JWTPayload {
  oid?: string;
  tid?: string;
  appid?: string;
  xms_mirid?: string;
}

type KeyResolver = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;
type Jose = typeof import('jose');

function unauthorized(message: string, cause?: unknown): SluiceError {
  return new SluiceError('Unauthorized', message, { cause });
}

/** A readable reason for a rejected token. */
function reason(err: unknown, errors: Jose['errors']): SluiceError {
  if (err instanceof errors.JWTExpired) return unauthorized('The token has expired.', err);
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = err.claim;
    if (claim === 'aud') return unauthorized('The token is not meant for this audience.', err);
    if (claim === 'iss') return unauthorized('The token was not issued by the expected issuer.', err);
    if (claim === 'nbf') return unauthorized('The token is not valid yet.', err);
    return unauthorized(`The token's '${claim}' claim is not valid: ${err.reason}.`, err);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return unauthorized('The token signature is not valid.', err);
  if (err instanceof errors.JWKSNoMatchingKey) return unauthorized('The token was signed with a key the issuer does not publish.', err);
  if (err instanceof errors.JOSEAlgNotAllowed) return unauthorized('The token is signed with an algorithm that is not accepted.', err);
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return unauthorized('The token is malformed.', err);
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) {
    return new SluiceError('IdentityUnavailable', `The issuer's signing keys could not be read: ${(err as Error).message}`, { cause: err, retryable: true });
  }
  if (err instanceof errors.JOSEError) return unauthorized(`The token is not valid: ${err.message}`, err);
  // The key set URL could not be fetched at all.
  return new SluiceError('IdentityUnavailable', `The issuer's signing keys could not be read: ${err instanceof Error ? err.message : String(err)}`, { cause: err, retryable: true });
}

export class TokenVerifier {
  /** The key set in hand, or the URL of one (checked here, so a malformed URL fails at once). */
  private readonly source: JSONWebKeySet | URL;
  /** Made at the first verification and kept: a remote key set caches what it fetched. */
  private keys: KeyResolver | undefined;

  constructor(private readonly options: VerifierOptions) {
    const { jwks } = options;
    this.source = typeof jwks === 'string' || jwks instanceof URL ? new URL(jwks) : jwks;
  }

  private keyResolver(jose: Jose): KeyResolver {
    this.keys ??= this.source instanceof URL ? jose.createRemoteJWKSet(this.source) : jose.createLocalJWKSet(this.source);
    return this.keys;
  }

  /** The token's claims when it is valid; otherwise throws `Unauthorized` (or `IdentityUnavailable`). */
  async verify(token: string, options: VerifyOptions): Promise<VerifiedClaims> {
    const issuer = options.issuer ?? this.options.issuer;
    if (token.trim() === '') throw unauthorized('No token was given.');
    const jose = await import('jose');
    try {
      const { payload } = await jose.jwtVerify(token, this.keyResolver(jose), {
        algorithms: ['RS256'],
        audience: typeof options.audience === 'string' ? options.audience : [...options.audience],
        issuer,
        requiredClaims: ['exp'],
        clockTolerance: this.options.clockToleranceSeconds ?? 300,
        currentDate: this.options.clock === undefined ? undefined : new Date(this.options.clock.now()),
      });
      return payload as VerifiedClaims;
    } catch (err) {
      throw reason(err, jose.errors);
    }
  }
}

/** One-off verification; keep a TokenVerifier for many (it caches a remote key set). */
export function verifyToken(token: string, options: VerifyOptions & Omit<VerifierOptions, 'issuer'>): Promise<VerifiedClaims> {
  return new TokenVerifier(options).verify(token, options);
}

/** The token of an `Authorization: Bearer …` header value, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
