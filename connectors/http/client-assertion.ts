/**
 * Certificate credentials of `ActiveDirectoryOAuth` authentication: the client authenticates to
 * the token endpoint with a JWT it signs with its certificate's private key (the Microsoft identity
 * platform's "certificate credentials", OpenID Connect `private_key_jwt`) instead of a secret.
 *
 * The certificate comes as Logic Apps takes it: `pfx`, the base64 of a PKCS#12 file, and its
 * `password`. Node's crypto reads PKCS#12 only into a TLS context, never handing out the key, so
 * node-forge opens the file; the key and certificate then go back to Node's crypto as a KeyObject
 * and DER bytes, and jose signs.
 *
 * Both libraries load at the first certificate, not at start: forge alone is a couple of megabytes
 * of heap, and most servers never see a pfx. forge is CommonJS, so it is required synchronously
 * and `readPfxCertificate` stays synchronous.
 */
import { createHash, createPrivateKey, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import type forgeModule from 'node-forge';
import type { ClientAssertionSigner } from './aad-token.js';

let forgeLoaded: typeof forgeModule | undefined;

function loadForge(): typeof forgeModule {
  forgeLoaded ??= createRequire(import.meta.url)('node-forge') as typeof forgeModule;
  return forgeLoaded;
}

/** A certificate with its private key, read from a pfx. */
export interface PfxCertificate {
  privateKey: KeyObject;
  /** The DER encoding of the certificate, whose thumbprints name it to the identity platform. */
  certificateDer: Buffer;
  /** Base64url SHA-1 thumbprint of the DER certificate (JWT header `x5t`). */
  x5t: string;
  /** Base64url SHA-256 thumbprint of the DER certificate (JWT header `x5t#S256`). */
  x5tS256: string;
}

/** A pfx that cannot be used: not PKCS#12, a wrong password, no RSA key, no matching certificate. */
export class PfxError extends Error {
  constructor(message: string, readonly reason: 'notBase64' | 'wrongPassword' | 'unusable' = 'unusable') {
    super(message);
    this.name = 'PfxError';
  }
}

/** How long an assertion is valid: the platform asks for a short life, 5 to 10 minutes after nbf. */
const ASSERTION_LIFETIME_S = 10 * 60;

/** Parsed certificates by a hash of pfx and password: forge's PKCS#12 key derivation is slow. */
const parsed = new Map<string, PfxCertificate>();
const PARSED_LIMIT = 32;

function bagsOf(p12: forgeModule.pkcs12.Pkcs12Pfx, bagType: string): forgeModule.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}

function openPkcs12(pfx: Buffer, password: string): forgeModule.pkcs12.Pkcs12Pfx {
  const forge = loadForge();
  let asn1: forgeModule.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(pfx.toString('binary')));
  } catch (err) {
    throw new PfxError(`it is not a PKCS#12 file (${(err as Error).message})`);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (err) {
    const detail = (err as Error).message;
    if (/MAC could not be verified|wrong password|Invalid password/i.test(detail)) {
      throw new PfxError('the password is wrong (the PKCS#12 integrity check failed)', 'wrongPassword');
    }
    throw new PfxError(`it is not a readable PKCS#12 file (${detail})`);
  }
}

/** The private key of a bag as a Node KeyObject; forge leaves `key` null for non-RSA keys, keeping the ASN.1. */
function keyOf(bag: forgeModule.pkcs12.Bag): KeyObject | undefined {
  const forge = loadForge();
  if (bag.key) return createPrivateKey(forge.pki.privateKeyToPem(bag.key));
  if (bag.asn1) return createPrivateKey({ key: Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
  return undefined;
}

/** DER of a certificate bag; forge keeps the certificate's own to-be-signed part, so this is its original encoding. */
function certificateDerOf(bag: forgeModule.pkcs12.Bag): Buffer | undefined {
  const forge = loadForge();
  const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
  return asn1 ? Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary') : undefined;
}

function extract(pfx: Buffer, password: string): PfxCertificate {
  const forge = loadForge();
  const p12 = openPkcs12(pfx, password);
  const keyBags = [...bagsOf(p12, forge.pki.oids['pkcs8ShroudedKeyBag']!), ...bagsOf(p12, forge.pki.oids['keyBag']!)];
  const keys = keyBags.map(keyOf).filter((k): k is KeyObject => k !== undefined);
  if (keys.length === 0) throw new PfxError('it holds no private key');
  const privateKey = keys.find((k) => k.asymmetricKeyType === 'rsa');
  if (privateKey === undefined) throw new PfxError(`its private key is ${keys[0]!.asymmetricKeyType ?? 'not RSA'}; client assertions are signed with RS256 and need an RSA key`);
  // A pfx may carry the issuer chain too: the certificate is the one of the private key.
  for (const bag of bagsOf(p12, forge.pki.oids['certBag']!)) {
    const der = certificateDerOf(bag);
    if (der === undefined || !new X509Certificate(der).checkPrivateKey(privateKey)) continue;
    return {
      privateKey,
      certificateDer: der,
      x5t: createHash('sha1').update(der).digest('base64url'),
      x5tS256: createHash('sha256').update(der).digest('base64url'),
    };
  }
  throw new PfxError('it holds no certificate for its private key');
}

/**
 * The certificate and key of a pfx (base64 of PKCS#12) opened with `password` (none: the empty
 * password). Throws a PfxError saying why a pfx cannot be used.
 */
export function readPfxCertificate(pfxBase64: string, password: string | undefined): PfxCertificate {
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(pfxBase64)) throw new PfxError('it is not base64', 'notBase64');
  const pfx = Buffer.from(pfxBase64, 'base64');
  const key = createHash('sha256').update(pfx).update('\0').update(password ?? '').digest('base64url');
  const known = parsed.get(key);
  if (known !== undefined) return known;
  const certificate = extract(pfx, password ?? '');
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, certificate);
  return certificate;
}

/**
 * A client assertion for `tokenUrl`: RS256, `x5t` (and `x5t#S256`) naming the certificate;
 * `aud` the token endpoint, `iss` = `sub` = the client id, a fresh `jti`, valid from now for ten
 * minutes.
 */
export async function createClientAssertion(certificate: PfxCertificate, clientId: string, tokenUrl: string, nowMs = Date.now()): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  const { SignJWT } = await import('jose');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: certificate.x5t, 'x5t#S256': certificate.x5tS256 })
    .setAudience(tokenUrl)
    .setIssuer(clientId)
    .setSubject(clientId)
    .setJti(randomUUID())
    .setNotBefore(now)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .sign(certificate.privateKey);
}

/** The token request's client authentication by this certificate; tokens are cached per certificate. */
export function certificateAssertionSigner(certificate: PfxCertificate): ClientAssertionSigner {
  return {
    id: `x5t#S256:${certificate.x5tS256}`,
    assertion: (tokenUrl, clientId) => createClientAssertion(certificate, clientId, tokenUrl),
  };
}
