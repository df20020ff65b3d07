import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { systemAssignedPrincipal, userAssignedPrincipal } from '../../../engine/identity/principals.js';
import { TokenService } from '../../../engine/identity/token-service.js';
import { TokenVerifier } from '../../../engine/identity/verifier.js';
import { ManualClock } from '../../../engine/runtime/clock.js';

const ISSUER = 'http://127.0.0.1:7070/';
const UAMI = '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uploader';

describe('TokenService', function () {
  let dir: string;
  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-tokens-'));
  });
  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs RS256 tokens with Azure-shaped claims, aud exactly as asked, one hour long', async function () {
    const clock = new ManualClock('2026-03-01T10:00:00Z');
    const service = new TokenService({ issuer: ISSUER, clock });
    const principal = systemAssignedPrincipal(service.tenantId, 'orders');
    const issued = await service.issue(principal, 'https://management.azure.com/');
    const header = decodeProtectedHeader(issued.token);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.kid, service.keyId);
    const claims = decodeJwt(issued.token);
    const iat = Date.parse('2026-03-01T10:00:00Z') / 1000;
    assert.deepEqual(
      { iss: claims.iss, aud: claims.aud, sub: claims.sub, oid: claims['oid'], tid: claims['tid'], appid: claims['appid'], iat: claims.iat, nbf: claims.nbf, exp: claims.exp },
      { iss: ISSUER, aud: 'https://management.azure.com/', sub: principal.principalId, oid: principal.principalId, tid: service.tenantId, appid: principal.clientId, iat, nbf: iat, exp: iat + 3600 },
    );
    assert.match(String(claims['xms_mirid']), /\/providers\/Microsoft\.Logic\/workflows\/orders$/);
    assert.equal(issued.expiresOn, (iat + 3600) * 1000);
  });

  it('publishes only the public key, which verifies its tokens', async function () {
    const service = new TokenService({ issuer: ISSUER });
    const jwks = service.jwks();
    assert.equal(jwks.keys.length, 1);
    const key = jwks.keys[0]!;
    assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    assert.equal(key.kid, service.keyId);
    const issued = await service.issue(userAssignedPrincipal(UAMI), 'api://pipelines');
    const claims = await new TokenVerifier({ jwks, issuer: ISSUER }).verify(issued.token, { audience: 'api://pipelines' });
    assert.equal(claims.oid, userAssignedPrincipal(UAMI).principalId);
  });

  it('creates the key file once and signs with the same key (and tenant) after a restart', async function () {
    const keyFile = join(dir, 'keys', 'token-signing.jwk');
    const first = new TokenService({ issuer: ISSUER, keyFile });
    const stored = readFileSync(keyFile, 'utf8');
    assert.equal((JSON.parse(stored) as { d?: string }).d !== undefined, true, 'the file holds the private key');
    assert.equal(statSync(keyFile).mode & 0o077, 0, 'only the owner may read it');
    const token = (await first.issue(userAssignedPrincipal(UAMI), 'aud-1')).token;
    const second = new TokenService({ issuer: ISSUER, keyFile });
    assert.equal(readFileSync(keyFile, 'utf8'), stored);
    assert.equal(second.keyId, first.keyId);
    assert.equal(second.tenantId, first.tenantId);
    await new TokenVerifier({ jwks: second.jwks(), issuer: ISSUER }).verify(token, { audience: 'aud-1' });
    const other = new TokenService({ issuer: ISSUER });
    assert.notEqual(other.keyId, first.keyId);
    assert.notEqual(other.tenantId, first.tenantId);
  });

  it('refuses a key file that is not a private JWK, with a typed error', function () {
    const keyFile = join(dir, 'bad.jwk');
    writeFileSync(keyFile, '{"kty":"oct","k":"AAAA"}');
    assert.throws(() => new TokenService({ issuer: ISSUER, keyFile }), (err: Error & { code?: string }) => err.code === 'InternalError' && /bad\.jwk/.test(err.message));
  });
});
