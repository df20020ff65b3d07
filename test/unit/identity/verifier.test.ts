import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { systemAssignedPrincipal } from '../../../engine/identity/principals.js';
import { TokenService } from '../../../engine/identity/token-service.js';
import { bearerToken, TokenVerifier, verifyToken } from '../../../engine/identity/verifier.js';
import { ManualClock } from '../../../engine/runtime/clock.js';
import type { SluiceError } from '../../../engine/errors.js';

const ISSUER = 'https://sluice.example/';
const AUD = 'https://pipelines.example/';

function rejects(pattern: RegExp, code = 'Unauthorized') {
  return (err: SluiceError) => {
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    return true;
  };
}

describe('TokenVerifier', function () {
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const service = new TokenService({ issuer: ISSUER, clock });
  const principal = systemAssignedPrincipal(service.tenantId, 'wf');
  let token: string;
  before(async function () {
    token = (await service.issue(principal, AUD)).token;
  });

  it('returns the claims of a valid token', async function () {
    const verifier = new TokenVerifier({ jwks: service.jwks(), issuer: ISSUER, clock });
    const claims = await verifier.verify(token, { audience: AUD });
    assert.equal(claims.oid, principal.principalId);
    assert.equal(claims.tid, service.tenantId);
  });

  it('compares the audience exactly: a missing trailing slash is another audience', async function () {
    const verifier = new TokenVerifier({ jwks: service.jwks(), issuer: ISSUER, clock });
    await assert.rejects(verifier.verify(token, { audience: 'https://pipelines.example' }), rejects(/audience/));
    await assert.rejects(verifier.verify(token, { audience: 'https://other.example/' }), rejects(/audience/));
    const claims = await verifier.verify(token, { audience: ['https://other.example/', AUD] });
    assert.equal(claims.aud, AUD);
  });

  it('checks the issuer, the one named by the call first', async function () {
    const verifier = new TokenVerifier({ jwks: service.jwks(), issuer: 'https://elsewhere/', clock });
    await assert.rejects(verifier.verify(token, { audience: AUD }), rejects(/issuer/));
    await verifier.verify(token, { audience: AUD, issuer: ISSUER });
  });

  it('refuses an expired token, allowing five minutes of clock difference', async function () {
    const later = new ManualClock('2026-03-01T11:04:00Z');
    await new TokenVerifier({ jwks: service.jwks(), issuer: ISSUER, clock: later }).verify(token, { audience: AUD });
    later.advance(2 * 60_000);
    await assert.rejects(new TokenVerifier({ jwks: service.jwks(), issuer: ISSUER, clock: later }).verify(token, { audience: AUD }), rejects(/expired/));
  });

  it('refuses a token signed by another key with the same kid, a tampered one and garbage', async function () {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = Math.floor(Date.parse(clock.now()) / 1000);
    const forged = await new SignJWT({ oid: principal.principalId })
      .setProtectedHeader({ alg: 'RS256', kid: service.keyId })
      .setIssuer(ISSUER).setAudience(AUD).setIssuedAt(now).setExpirationTime(now + 600)
      .sign(privateKey);
    const verifier = new TokenVerifier({ jwks: service.jwks(), issuer: ISSUER, clock });
    await assert.rejects(verifier.verify(forged, { audience: AUD }), rejects(/signature/));
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    payload['oid'] = 'someone-else';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await assert.rejects(verifier.verify(tampered, { audience: AUD }), rejects(/signature/));
    await assert.rejects(verifier.verify('not.a.jwt', { audience: AUD }), rejects(/malformed/));
    await assert.rejects(verifier.verify('', { audience: AUD }), rejects(/No token/));
  });

  it('refuses a token whose kid the issuer does not publish', async function () {
    const other = new TokenService({ issuer: ISSUER, clock });
    const foreign = (await other.issue(principal, AUD)).token;
    await assert.rejects(verifyToken(foreign, { jwks: service.jwks(), audience: AUD, issuer: ISSUER, clock }), rejects(/key the issuer does not publish/));
  });

  it('reports an unreachable key set as IdentityUnavailable', async function () {
    await assert.rejects(
      verifyToken(token, { jwks: 'http://127.0.0.1:1/.well-known/jwks.json', audience: AUD, issuer: ISSUER, clock }),
      rejects(/signing keys could not be read/, 'IdentityUnavailable'),
    );
  });

  it('reads bearer tokens from Authorization values', function () {
    assert.equal(bearerToken('Bearer abc.def.ghi'), 'abc.def.ghi');
    assert.equal(bearerToken('bearer   x '), 'x');
    assert.equal(bearerToken('Basic abc'), undefined);
    assert.equal(bearerToken(undefined), undefined);
  });
});
