/**
 * Sluice's token service: signs access tokens for managed identities as RS256 JWTs, shaped as Azure
 * AD v1 managed-identity tokens are (`aud` = the resource exactly as asked, `oid`/`sub` = the
 * principal, `appid`, `tid`, `xms_mirid`), so services that verify Azure tokens need only a
 * different issuer and JWKS.
 *
 * The signing key is an RSA key pair generated once and kept as a private JWK in the data folder
 * (`keyFile`), so tokens stay valid across restarts; without `keyFile` the key lives in memory
 * (tests). The file is created exclusively: two processes starting together end up with one key.
 * The tenant id of the instance is derived from the key, so it is as stable as the key.
 *
 * The key and its JWK come from Node's crypto; jose is imported at the first token only, so a
 * server that never issues one does not carry it.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import type { Clock } from '../runtime/clock.js';
import { InternalError } from '../errors.js';
import { nameBasedUuid, type Principal } from './principals.js';

export interface TokenServiceOptions {
  /** The `iss` of every token: Sluice's URL. */
  issuer: string;
  /** Where the private key is kept (created on first use); in memory when absent. */
  keyFile?: string;
  /** Time source of `iat`/`nbf`/`exp`. @default the system clock */
  clock?: Pick<Clock, 'now'>;
  /** The `tid` of every token. @default derived from the signing key */
  tenantId?: string;
  /** @default 3600 (one hour, as Azure's managed-identity tokens) */
  lifetimeSeconds?: number;
}

export interface TokenClaims {
  iss: string;
  aud: string;
  sub: string;
  oid: string;
  tid: string;
  appid: string;
  appidacr: string;
  idtyp: string;
  xms_mirid: string;
  ver: string;
  iat: number;
  nbf: number;
  exp: number;
}

export interface IssuedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresOn: number;
  claims: TokenClaims;
}

interface SigningKey {
  privateKey: KeyObject;
  publicJwk: JWK;
  kid: string;
}

const TENANT_NAMESPACE = '3c0e5a7d-8b21-4f6a-a9c4-1d2e3f405162';

/** RFC 7638 thumbprint of an RSA public key. */
function rsaThumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

function readKeyFile(path: string): KeyObject | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InternalError(`cannot read the token signing key ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' });
  } catch (err) {
    throw new InternalError(`the token signing key ${path} is not a private RSA JWK: ${(err as Error).message}`, { cause: err });
  }
}

function loadOrCreateKey(keyFile: string | undefined): KeyObject {
  const existing = keyFile === undefined ? undefined : readKeyFile(keyFile);
  if (existing !== undefined) return existing;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  if (keyFile === undefined) return privateKey;
  mkdirSync(dirname(keyFile), { recursive: true });
  try {
    writeFileSync(keyFile, JSON.stringify(privateKey.export({ format: 'jwk' })), { flag: 'wx', mode: 0o600 });
    return privateKey;
  } catch (err) {
    // Another process created it first: use theirs, so both sign with one key.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(keyFile)!;
    throw new InternalError(`cannot write the token signing key ${keyFile}: ${(err as Error).message}`, { cause: err });
  }
}

function signingKey(privateKey: KeyObject): SigningKey {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const kid = rsaThumbprint(jwk);
  return { privateKey, kid, publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' } };
}

export class TokenService {
  readonly issuer: string;
  readonly tenantId: string;
  private readonly key: SigningKey;
  private readonly clock: Pick<Clock, 'now'>;
  private readonly lifetimeSeconds: number;

  constructor(options: TokenServiceOptions) {
    this.issuer = options.issuer;
    this.key = signingKey(loadOrCreateKey(options.keyFile));
    this.tenantId = options.tenantId ?? nameBasedUuid(TENANT_NAMESPACE, this.key.kid);
    this.clock = options.clock ?? { now: () => new Date().toISOString() };
    this.lifetimeSeconds = options.lifetimeSeconds ?? 3600;
  }

  get keyId(): string {
    return this.key.kid;
  }

  /** The public keys that verify this service's tokens. */
  jwks(): JSONWebKeySet {
    return { keys: [{ ...this.key.publicJwk }] };
  }

  /** A token for `principal` to call `audience` (kept exactly as asked, trailing slash included). */
  async issue(principal: Principal, audience: string): Promise<IssuedToken> {
    const now = Math.floor(Date.parse(this.clock.now()) / 1000);
    const claims: TokenClaims = {
      iss: this.issuer,
      aud: audience,
      sub: principal.principalId,
      oid: principal.principalId,
      tid: this.tenantId,
      appid: principal.clientId,
      // 2: the client authenticated with a certificate or managed credential, as managed identities do.
      appidacr: '2',
      idtyp: 'app',
      xms_mirid: principal.resourceId,
      ver: '1.0',
      iat: now,
      nbf: now,
      exp: now + this.lifetimeSeconds,
    };
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.key.kid })
      .sign(this.key.privateKey);
    return { token, expiresOn: claims.exp * 1000, claims };
  }
}
