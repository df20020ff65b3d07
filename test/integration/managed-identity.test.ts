/**
 * Managed identities end to end on loopback: Sluice's API (JWKS, OpenID configuration, the
 * App Service-shaped token endpoint), the Http action authenticating with ManagedServiceIdentity
 * against a service that verifies tokens over Sluice's JWKS, ActiveDirectoryOAuth against a token
 * endpoint, ClientCertificate against an HTTPS server that requires one, and tokens from a fake
 * Azure platform identity endpoint.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { createHttpAction } from '../../connectors/http/http-action.js';
import type { ActionResult } from '../../engine/actions/descriptor.js';
import { createApp } from '../../engine/api/app.js';
import { platformIdentityEndpoint } from '../../engine/config.js';
import type { Value, ValueObject } from '../../engine/expressions/value.js';
import { createTokenProvider, PlatformTokenProvider } from '../../engine/identity/platform-identity.js';
import { systemAssignedPrincipal, userAssignedPrincipal } from '../../engine/identity/principals.js';
import { LocalTokenProvider } from '../../engine/identity/token-provider.js';
import { TokenService } from '../../engine/identity/token-service.js';
import { bearerToken, TokenVerifier } from '../../engine/identity/verifier.js';
import { createEngine, type Engine } from '../../engine/runtime/engine.js';
import { SqliteStore } from '../../engine/store/sqlite-store.js';
import { effectContext } from '../helpers/fake-effect-context.js';
import { call } from '../helpers/http-json.js';

const PIPELINES = 'https://pipelines.example/';
const IDENTITY_SECRET = 'local-identity-secret';
const UAMI = '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uploader';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

async function listen(server: Server | HttpsServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function stop(server: Server | HttpsServer): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** An HTTP server on loopback answering with `handler`, recording each request. */
async function loopback(handler: Handler): Promise<{ base: string; seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string }>; server: Server }> {
  const seen: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      Promise.resolve(handler(req, res, body)).catch((err: Error) => res.writeHead(500).end(err.message));
    });
  });
  const port = await listen(server);
  return { base: `http://127.0.0.1:${port}`, seen, server };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function run(action: ReturnType<typeof createHttpAction>, inputs: Value, workflowName = 'orders'): Promise<ActionResult> {
  return action.run(inputs, effectContext({ workflowName, runId: 'run-1', actionName: 'Call' }));
}

describe('managed identities (loopback)', function () {
  this.timeout(20_000);
  let dir: string;
  let store: SqliteStore;
  let engine: Engine;
  let sluice: Server;
  let sluiceUrl: string;
  let service: TokenService;
  let tokens: LocalTokenProvider;
  let pipelines: Awaited<ReturnType<typeof loopback>>;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'sluice-mi-'));
    store = new SqliteStore({ path: join(dir, 'sluice.db') });
    engine = createEngine({ store });
    await engine.start();
    // The issuer is Sluice's own URL, known once it listens.
    sluice = createServer();
    sluiceUrl = `http://127.0.0.1:${await listen(sluice)}`;
    service = new TokenService({ issuer: `${sluiceUrl}/`, keyFile: join(dir, 'token-signing.jwk') });
    tokens = new LocalTokenProvider({ service });
    sluice.on('request', createApp({ engine, store, identity: { tokens, tokenService: service, identityHeader: IDENTITY_SECRET } }));
    // A service that accepts Sluice's tokens for its own audience only, reading keys over HTTP.
    const verifier = new TokenVerifier({ jwks: `${sluiceUrl}/.well-known/jwks.json`, issuer: `${sluiceUrl}/` });
    pipelines = await loopback(async (req, res) => {
      try {
        const claims = await verifier.verify(bearerToken(req.headers['authorization']) ?? '', { audience: PIPELINES });
        sendJson(res, 200, { oid: claims.oid, aud: claims.aud, appid: claims.appid });
      } catch (err) {
        sendJson(res, 401, { error: (err as Error).message });
      }
    });
  });

  after(async function () {
    await stop(pipelines.server);
    await stop(sluice);
    await engine.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('Http action with ManagedServiceIdentity', function () {
    it('reaches a service that verifies the token against Sluice JWKS and its audience, as the workflow identity', async function () {
      const action = createHttpAction({ tokens });
      const result = await run(action, { method: 'GET', uri: `${pipelines.base}/jobs`, authentication: { type: 'ManagedServiceIdentity', audience: PIPELINES } });
      assert.equal(result.status, 'Succeeded', JSON.stringify(result));
      const body = (result.outputs as ValueObject)['body'] as ValueObject;
      const principal = systemAssignedPrincipal(service.tenantId, 'orders');
      assert.deepEqual(body, { oid: principal.principalId, aud: PIPELINES, appid: principal.clientId });
      assert.deepEqual((result.inputs as ValueObject)['authentication'], { type: 'ManagedServiceIdentity', audience: PIPELINES });
    });

    it('is refused by the service when the token is for another audience', async function () {
      const action = createHttpAction({ tokens });
      const result = await run(action, { method: 'GET', uri: `${pipelines.base}/jobs`, authentication: { type: 'ManagedServiceIdentity', audience: 'https://pipelines.example' } });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'Unauthorized');
      assert.match(JSON.stringify((result.outputs as ValueObject)['body']), /not meant for this audience/);
    });

    it('uses a user-assigned identity when `identity` names one', async function () {
      const action = createHttpAction({ tokens });
      const result = await run(action, { method: 'GET', uri: `${pipelines.base}/jobs`, authentication: { type: 'ManagedServiceIdentity', audience: PIPELINES, identity: UAMI } });
      assert.equal(result.status, 'Succeeded', JSON.stringify(result));
      assert.equal(((result.outputs as ValueObject)['body'] as ValueObject)['oid'], userAssignedPrincipal(UAMI).principalId);
    });

    it('fails with InvalidTemplate, without calling, when `identity` is not a user-assigned identity id', async function () {
      const before = pipelines.seen.length;
      const result = await run(createHttpAction({ tokens }), { method: 'GET', uri: `${pipelines.base}/jobs`, authentication: { type: 'ManagedServiceIdentity', audience: PIPELINES, identity: 'uploader' } });
      assert.equal(result.code, 'InvalidTemplate');
      assert.equal(pipelines.seen.length, before);
    });
  });

  describe('token endpoint, JWKS and OpenID configuration', function () {
    const tokenPath = (query: string) => `/identity/token?api-version=2019-08-01&${query}`;

    it('answers a caller holding the identity header with an App Service-shaped token', async function () {
      const reply = await call(sluiceUrl, 'GET', tokenPath(`resource=${encodeURIComponent(PIPELINES)}`), undefined, { 'X-IDENTITY-HEADER': IDENTITY_SECRET });
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(Object.keys(reply.json).sort(), ['access_token', 'client_id', 'expires_on', 'resource', 'token_type']);
      assert.equal(reply.json['resource'], PIPELINES);
      assert.equal(reply.json['token_type'], 'Bearer');
      assert.match(String(reply.json['expires_on']), /^\d+$/);
      const claims = await new TokenVerifier({ jwks: service.jwks(), issuer: service.issuer }).verify(String(reply.json['access_token']), { audience: PIPELINES });
      assert.equal(Number(reply.json['expires_on']), claims.exp);
      assert.equal(claims.appid, reply.json['client_id']);
    });

    it('issues for a user-assigned identity by mi_res_id, then finds it by principal_id', async function () {
      const byResource = await call(sluiceUrl, 'GET', tokenPath(`resource=api://x&mi_res_id=${encodeURIComponent(UAMI)}`), undefined, { 'X-IDENTITY-HEADER': IDENTITY_SECRET });
      assert.equal(byResource.status, 200, byResource.text);
      const principalId = userAssignedPrincipal(UAMI).principalId;
      const claims = await new TokenVerifier({ jwks: service.jwks() }).verify(String(byResource.json['access_token']), { audience: 'api://x' });
      assert.equal(claims.oid, principalId);
      const byPrincipal = await call(sluiceUrl, 'GET', tokenPath(`resource=api://x&principal_id=${principalId}`), undefined, { 'X-IDENTITY-HEADER': IDENTITY_SECRET });
      assert.equal(byPrincipal.status, 200, byPrincipal.text);
      assert.equal(byPrincipal.json['client_id'], userAssignedPrincipal(UAMI).clientId);
    });

    it('refuses callers without the identity header, or with a wrong one, with 401', async function () {
      for (const headers of [{}, { 'X-IDENTITY-HEADER': 'guess' }] as Array<Record<string, string>>) {
        const reply = await call(sluiceUrl, 'GET', tokenPath(`resource=${encodeURIComponent(PIPELINES)}`), undefined, headers);
        assert.equal(reply.status, 401);
        assert.equal(reply.json['code'], 'Unauthorized');
        assert.equal(typeof reply.json['message'], 'string');
        assert.equal(reply.json['access_token'], undefined);
      }
    });

    it('answers 400 with {code, message} for a missing resource, another api-version, two identities or an unknown principal', async function () {
      const cases = [
        '/identity/token?api-version=2019-08-01',
        '/identity/token?resource=api://x&api-version=2017-09-01',
        '/identity/token?resource=api://x',
        tokenPath(`resource=api://x&client_id=a&principal_id=b`),
        tokenPath(`resource=api://x&principal_id=${systemAssignedPrincipal(service.tenantId, 'never-seen').principalId}`),
        tokenPath('resource=api://x&mi_res_id=not-an-identity'),
      ];
      for (const path of cases) {
        const reply = await call(sluiceUrl, 'GET', path, undefined, { 'X-IDENTITY-HEADER': IDENTITY_SECRET });
        assert.equal(reply.status, 400, `${path}: ${reply.text}`);
        assert.equal(typeof reply.json['code'], 'string');
        assert.equal(typeof reply.json['message'], 'string');
      }
    });

    it('publishes the issuer and the JWKS address, whose keys verify issued tokens', async function () {
      const config = await call(sluiceUrl, 'GET', '/.well-known/openid-configuration');
      assert.equal(config.status, 200);
      assert.equal(config.json['issuer'], `${sluiceUrl}/`);
      assert.equal(config.json['jwks_uri'], `${sluiceUrl}/.well-known/jwks.json`);
      const jwks = await call(sluiceUrl, 'GET', '/.well-known/jwks.json');
      assert.deepEqual(jwks.json, service.jwks());
      assert.equal(JSON.stringify(jwks.json).includes('"d"'), false, 'no private key material');
    });

    it('answers 404 IdentityNotConfigured on an app without an identity', async function () {
      const bare = createServer(createApp({ engine, store }));
      const base = `http://127.0.0.1:${await listen(bare)}`;
      try {
        for (const path of ['/.well-known/jwks.json', '/identity/token?resource=x&api-version=2019-08-01']) {
          const reply = await call(base, 'GET', path, undefined, { 'X-IDENTITY-HEADER': IDENTITY_SECRET });
          assert.equal(reply.status, 404);
          assert.equal(reply.json['code'], 'IdentityNotConfigured');
        }
      } finally {
        await stop(bare);
      }
    });
  });

  describe('Http action with ActiveDirectoryOAuth', function () {
    let aad: Awaited<ReturnType<typeof loopback>>;
    let api: Awaited<ReturnType<typeof loopback>>;
    before(async function () {
      aad = await loopback((req, res, body) => {
        const form = new URLSearchParams(body);
        const good = req.method === 'POST' && req.url === '/tenant-1/oauth2/token' && form.get('grant_type') === 'client_credentials'
          && form.get('client_id') === 'app-1' && form.get('client_secret') === 'right-secret';
        if (!good) return sendJson(res, 401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.\r\nTrace ID: x' });
        sendJson(res, 200, { token_type: 'Bearer', expires_in: '3599', access_token: `aad-token-for:${form.get('resource')}` });
      });
      api = await loopback((req, res) => sendJson(res, 200, { authorization: req.headers['authorization'] ?? null }));
    });
    after(async function () {
      await stop(aad.server);
      await stop(api.server);
    });

    const auth = (secret: string, audience = 'https://api.example/'): ValueObject => ({
      type: 'ActiveDirectoryOAuth', authority: `${aad.base}/`, tenant: 'tenant-1', audience, clientId: 'app-1', secret,
    });

    it('gets a client-credentials token from the authority and sends it, caching it for the next call', async function () {
      const action = createHttpAction();
      const first = await run(action, { method: 'GET', uri: `${api.base}/x`, authentication: auth('right-secret') });
      assert.equal(first.status, 'Succeeded', JSON.stringify(first));
      assert.deepEqual((first.outputs as ValueObject)['body'], { authorization: 'Bearer aad-token-for:https://api.example/' });
      assert.equal(new URLSearchParams(aad.seen.at(-1)!.body).get('resource'), 'https://api.example/');
      assert.equal(((first.inputs as ValueObject)['authentication'] as ValueObject)['secret'], '*sanitized*');
      const calls = aad.seen.length;
      await run(action, { method: 'GET', uri: `${api.base}/x`, authentication: auth('right-secret') });
      assert.equal(aad.seen.length, calls);
    });

    it('fails with the token endpoint reason, not retryable, on a wrong secret, without calling the target', async function () {
      const before = api.seen.length;
      const result = await run(createHttpAction(), { method: 'GET', uri: `${api.base}/x`, authentication: auth('wrong-secret', 'https://other.example/') });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'AuthenticationFailed');
      assert.equal(result.retryable, false);
      assert.match(result.error!.message, /AADSTS7000215: Invalid client secret provided\./);
      assert.doesNotMatch(result.error!.message, /wrong-secret/);
      assert.equal(api.seen.length, before);
    });

    it('fails retryably with a clear message when the token endpoint is down', async function () {
      const down = await loopback((_q, res) => void res.end());
      const authority = `${down.base}/`;
      await stop(down.server);
      const result = await run(createHttpAction(), { method: 'GET', uri: `${api.base}/x`, authentication: { ...auth('right-secret', 'https://down.example/'), authority } });
      assert.equal(result.code, 'AuthenticationFailed');
      assert.equal(result.retryable, true);
      assert.match(result.error!.message, /token endpoint .* could not be reached/);
    });
  });

  describe('Http action with ClientCertificate', function () {
    let certs: string;
    let server: HttpsServer;
    let base: string;
    let ca: string;
    let pfx: string;

    function openssl(...args: string[]): void {
      execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
    }

    before(async function () {
      certs = mkdtempSync(join(tmpdir(), 'sluice-certs-'));
      openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Sluice Test CA');
      writeFileSync(join(certs, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
      writeFileSync(join(certs, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
      for (const [name, cn] of [['server', '127.0.0.1'], ['client', 'sluice-client']] as const) {
        openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
        openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
      }
      openssl('pkcs12', '-export', '-inkey', 'client.key', '-in', 'client.pem', '-out', 'client.pfx', '-passout', 'pass:pfx-pass');
      ca = readFileSync(join(certs, 'ca.pem'), 'utf8');
      pfx = readFileSync(join(certs, 'client.pfx')).toString('base64');
      server = createHttpsServer(
        { key: readFileSync(join(certs, 'server.key')), cert: readFileSync(join(certs, 'server.pem')), ca, requestCert: true, rejectUnauthorized: true },
        (req, res) => sendJson(res, 200, { client: (req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? null }),
      );
      base = `https://127.0.0.1:${await listen(server)}`;
    });
    after(async function () {
      await stop(server);
      rmSync(certs, { recursive: true, force: true });
    });

    it('presents the pfx certificate to a server that requires one', async function () {
      const result = await run(createHttpAction({ trustedCertificates: [ca] }), { method: 'GET', uri: `${base}/secure`, authentication: { type: 'ClientCertificate', pfx, password: 'pfx-pass' } });
      assert.equal(result.status, 'Succeeded', JSON.stringify(result));
      assert.deepEqual((result.outputs as ValueObject)['body'], { client: 'sluice-client' });
      assert.deepEqual((result.inputs as ValueObject)['authentication'], { type: 'ClientCertificate', pfx: '*sanitized*', password: '*sanitized*' });
    });

    it('is refused by that server without a certificate', async function () {
      const result = await run(createHttpAction({ trustedCertificates: [ca] }), { method: 'GET', uri: `${base}/secure` });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'BadRequest');
      assert.equal(result.outputs, undefined, 'no response came back');
      assert.match(result.error!.message, /certificate required|ECONNRESET|socket hang up/i);
    });

    it('fails clearly, without calling, on a wrong password or a pfx that is not PKCS#12', async function () {
      const action = createHttpAction({ trustedCertificates: [ca] });
      const wrong = await run(action, { method: 'GET', uri: `${base}/secure`, authentication: { type: 'ClientCertificate', pfx, password: 'nope' } });
      assert.equal(wrong.code, 'BadRequest');
      assert.equal(wrong.retryable, false);
      assert.match(wrong.error!.message, /client certificate .* could not be read/);
      const garbage = await run(action, { method: 'GET', uri: `${base}/secure`, authentication: { type: 'ClientCertificate', pfx: Buffer.from('not a pfx').toString('base64') } });
      assert.equal(garbage.code, 'BadRequest');
      assert.match(garbage.error!.message, /could not be read/);
    });
  });

  describe('platform identity (Sluice on Azure)', function () {
    let platform: Awaited<ReturnType<typeof loopback>>;
    const saved: Record<string, string | undefined> = {};

    before(async function () {
      platform = await loopback((req, res) => {
        const url = new URL(req.url!, 'http://x');
        if (req.headers['x-identity-header'] !== 'platform-secret') return sendJson(res, 401, { error: 'bad header' });
        const resource = url.searchParams.get('resource') ?? '';
        if (resource === 'https://broken.example/') return sendJson(res, 500, { error: 'unavailable' });
        const who = url.searchParams.get('mi_res_id') ?? 'system';
        const expiresOn = Math.floor(Date.now() / 1000) + 3600;
        sendJson(res, 200, { access_token: `platform-token:${who}:${resource}`, expires_on: String(expiresOn), resource, token_type: 'Bearer' });
      });
      // ManagedIdentityCredential reads the platform's variables from process.env (MSAL picks the
      // endpoint once per process, on the first token request); restored after these tests.
      for (const name of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER']) saved[name] = process.env[name];
      process.env['IDENTITY_ENDPOINT'] = `${platform.base}/msi/token`;
      process.env['IDENTITY_HEADER'] = 'platform-secret';
    });
    after(async function () {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await stop(platform.server);
    });

    it('gets tokens from the platform endpoint in the App Service shape, cached until near expiry', async function () {
      const found = platformIdentityEndpoint();
      assert.deepEqual(found, { endpoint: `${platform.base}/msi/token`, header: 'platform-secret' });
      const provider = createTokenProvider({ service, platform: found });
      assert.ok(provider instanceof PlatformTokenProvider);
      const token = await provider.getToken({ audience: 'https://management.azure.com/', workflowName: 'orders' });
      assert.equal(token.token, 'platform-token:system:https://management.azure.com/');
      assert.ok(token.expiresOn > Date.now() + 50 * 60_000);
      const request = platform.seen.at(-1)!;
      const url = new URL(request.url, 'http://x');
      assert.equal(url.pathname, '/msi/token');
      assert.equal(url.searchParams.get('api-version'), '2019-08-01');
      assert.equal(url.searchParams.get('resource'), 'https://management.azure.com/');
      assert.equal(request.headers['x-identity-header'], 'platform-secret');
      const calls = platform.seen.length;
      await provider.getToken({ audience: 'https://management.azure.com/', workflowName: 'orders' });
      assert.equal(platform.seen.length, calls);
    });

    it('asks for a user-assigned identity by mi_res_id, and an Http action sends the platform token', async function () {
      const provider = new PlatformTokenProvider();
      const api = await loopback((req, res) => sendJson(res, 200, { authorization: req.headers['authorization'] ?? null }));
      try {
        const result = await run(createHttpAction({ tokens: provider }), { method: 'GET', uri: `${api.base}/x`, authentication: { type: 'ManagedServiceIdentity', audience: 'https://vault.azure.net', identity: UAMI } });
        assert.equal(result.status, 'Succeeded', JSON.stringify(result));
        assert.deepEqual((result.outputs as ValueObject)['body'], { authorization: `Bearer platform-token:${UAMI}:https://vault.azure.net` });
        assert.equal(new URL(platform.seen.at(-1)!.url, 'http://x').searchParams.get('mi_res_id'), UAMI);
      } finally {
        await stop(api.server);
      }
    });

    it('fails the action retryably with a clear message when the platform endpoint fails', async function () {
      const provider = new PlatformTokenProvider({ maxRetries: 0 });
      const result = await run(createHttpAction({ tokens: provider }), { method: 'GET', uri: `${pipelines.base}/x`, authentication: { type: 'ManagedServiceIdentity', audience: 'https://broken.example/' } });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'AuthenticationFailed');
      assert.equal(result.retryable, true);
      assert.match(result.error!.message, /managed identity token for the audience 'https:\/\/broken\.example\/'/);
    });
  });
});
