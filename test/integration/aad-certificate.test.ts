/**
 * ActiveDirectoryOAuth with a certificate, on loopback: certificates and pfx files made by
 * openssl, a token endpoint that checks the client assertion as the Microsoft identity platform
 * does (RS256 signature by the registered certificate, x5t thumbprint, aud = its own URL, iss =
 * sub = client id, a fresh jti, a short life) and an API that wants the token it issues.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { createHttpAction } from '../../connectors/http/http-action.js';
import type { ActionResult } from '../../engine/actions/descriptor.js';
import type { Value, ValueObject } from '../../engine/expressions/value.js';
import { effectContext } from '../helpers/fake-effect-context.js';

const CLIENT_ID = 'app-cert-1';
const TENANT = 'tenant-c';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function loopback(handler: (req: IncomingMessage, res: ServerResponse, body: string) => Promise<void> | void): Promise<{ base: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body });
      Promise.resolve(handler(req, res, body)).catch((err: Error) => res.writeHead(500).end(err.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function run(inputs: Value): Promise<ActionResult> {
  return createHttpAction().run(inputs, effectContext({ workflowName: 'orders', runId: 'run-1', actionName: 'Call' }));
}

/** openssl's fingerprint (hex with colons) as a base64url thumbprint, computed apart from the code under test. */
function thumbprint(dir: string, cert: string, digest: 'sha1' | 'sha256'): string {
  const out = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', `-${digest}`], { cwd: dir, encoding: 'utf8' });
  return Buffer.from(out.trim().split('=')[1]!.replace(/:/g, ''), 'hex').toString('base64url');
}

describe('Http action with ActiveDirectoryOAuth and a certificate (loopback)', function () {
  this.timeout(30_000);
  let certs: string;
  let registered: { pem: string; x5t: string; x5tS256: string };
  const pfx: Record<'client' | 'chain' | 'unprotected' | 'stranger', string> = { client: '', chain: '', unprotected: '', stranger: '' };
  let aad: Awaited<ReturnType<typeof loopback>>;
  let api: Awaited<ReturnType<typeof loopback>>;
  const jtis = new Set<string>();

  function openssl(...args: string[]): void {
    execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });
  }

  /** The identity platform's checks of a client-credentials request with a client assertion. */
  async function checkAssertion(req: IncomingMessage, form: URLSearchParams, tokenUrl: string): Promise<string | undefined> {
    if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== CLIENT_ID) return 'AADSTS900144: bad request shape';
    if (form.has('client_secret') || form.get('client_assertion_type') !== ASSERTION_TYPE) return 'AADSTS7000218: client_assertion expected';
    const assertion = form.get('client_assertion') ?? '';
    const header = decodeProtectedHeader(assertion);
    if (header.x5t !== registered.x5t) return `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(header.x5t)}']`;
    if (header['x5t#S256'] !== registered.x5tS256 || header.typ !== 'JWT') return 'AADSTS700027: bad header';
    const key = await importX509(registered.pem, 'RS256');
    const { payload } = await jwtVerify(assertion, key, { algorithms: ['RS256'], audience: tokenUrl, issuer: CLIENT_ID, subject: CLIENT_ID });
    const { jti, nbf, iat, exp } = payload;
    if (typeof jti !== 'string' || jti === '' || jtis.has(jti)) return 'AADSTS700024: jti missing or replayed';
    jtis.add(jti);
    if (typeof nbf !== 'number' || typeof iat !== 'number' || typeof exp !== 'number' || exp - nbf > 600 || exp <= nbf) return 'AADSTS700024: lifetime';
    return undefined;
  }

  before(async function () {
    certs = mkdtempSync(join(tmpdir(), 'sluice-aad-cert-'));
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Sluice Test CA');
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'app.key', '-out', 'app.csr', '-subj', '/CN=app-cert-1');
    openssl('x509', '-req', '-in', 'app.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'app.pem', '-days', '2');
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'stranger.key', '-out', 'stranger.pem', '-days', '2', '-subj', '/CN=stranger');
    openssl('pkcs12', '-export', '-inkey', 'app.key', '-in', 'app.pem', '-out', 'client.pfx', '-passout', 'pass:pfx-pass');
    // The issuer's certificate first: the signing certificate is the one that matches the key.
    writeFileSync(join(certs, 'ca-first.pem'), readFileSync(join(certs, 'ca.pem')));
    openssl('pkcs12', '-export', '-inkey', 'app.key', '-in', 'app.pem', '-certfile', 'ca-first.pem', '-out', 'chain.pfx', '-passout', 'pass:chain-pass');
    openssl('pkcs12', '-export', '-inkey', 'app.key', '-in', 'app.pem', '-out', 'unprotected.pfx', '-passout', 'pass:');
    openssl('pkcs12', '-export', '-inkey', 'stranger.key', '-in', 'stranger.pem', '-out', 'stranger.pfx', '-passout', 'pass:pfx-pass');
    for (const name of Object.keys(pfx) as Array<keyof typeof pfx>) pfx[name] = readFileSync(join(certs, `${name}.pfx`)).toString('base64');
    registered = { pem: readFileSync(join(certs, 'app.pem'), 'utf8'), x5t: thumbprint(certs, 'app.pem', 'sha1'), x5tS256: thumbprint(certs, 'app.pem', 'sha256') };

    aad = await loopback(async (req, res, body) => {
      const tokenUrl = `${aad.base}/${TENANT}/oauth2/token`;
      if (req.url !== `/${TENANT}/oauth2/token`) return sendJson(res, 404, { error: 'not_found' });
      const form = new URLSearchParams(body);
      let refusal: string | undefined;
      try {
        refusal = await checkAssertion(req, form, tokenUrl);
      } catch (err) {
        refusal = `AADSTS7000274: Invalid client assertion: ${(err as Error).message}`;
      }
      if (refusal !== undefined) return sendJson(res, 401, { error: 'invalid_client', error_description: `${refusal}\r\nTrace ID: t` });
      sendJson(res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: `aad-cert-token:${form.get('resource')}` });
    });
    api = await loopback((req, res) => {
      const auth = req.headers['authorization'] ?? '';
      if (!auth.startsWith('Bearer aad-cert-token:')) return sendJson(res, 401, { error: 'no token' });
      sendJson(res, 200, { authorization: auth });
    });
  });

  after(async function () {
    await stop(aad.server);
    await stop(api.server);
    rmSync(certs, { recursive: true, force: true });
  });

  const auth = (audience: string, certificate: string, password?: string): ValueObject => ({
    type: 'ActiveDirectoryOAuth', authority: `${aad.base}/`, tenant: TENANT, audience, clientId: CLIENT_ID, pfx: certificate,
    ...(password === undefined ? {} : { password }),
  });

  it('gets a token with a signed client assertion, reaches the API with it, caches it and records no secret', async function () {
    const result = await run({ method: 'GET', uri: `${api.base}/orders`, authentication: auth('https://orders.example/', pfx.client, 'pfx-pass') });
    assert.equal(result.status, 'Succeeded', JSON.stringify(result));
    assert.deepEqual((result.outputs as ValueObject)['body'], { authorization: 'Bearer aad-cert-token:https://orders.example/' });
    const request = new URLSearchParams(aad.seen.at(-1)!.body);
    assert.equal(request.get('resource'), 'https://orders.example/');
    assert.equal(request.get('client_assertion_type'), ASSERTION_TYPE);
    const recorded = (result.inputs as ValueObject)['authentication'] as ValueObject;
    assert.equal(recorded['pfx'], '*sanitized*');
    assert.equal(recorded['password'], '*sanitized*');
    assert.equal(JSON.stringify(result.inputs).includes('pfx-pass'), false);
    const calls = aad.seen.length;
    const again = await run({ method: 'GET', uri: `${api.base}/orders`, authentication: auth('https://orders.example/', pfx.client, 'pfx-pass') });
    assert.equal(again.status, 'Succeeded', JSON.stringify(again));
    assert.equal(aad.seen.length, calls, 'the cached token is used');
  });

  it('signs with the certificate of the key when the pfx also carries its issuer, and reads a pfx without a password', async function () {
    const chained = await run({ method: 'GET', uri: `${api.base}/x`, authentication: auth('https://chain.example/', pfx.chain, 'chain-pass') });
    assert.equal(chained.status, 'Succeeded', JSON.stringify(chained));
    const unprotected = await run({ method: 'GET', uri: `${api.base}/x`, authentication: auth('https://unprotected.example/', pfx.unprotected) });
    assert.equal(unprotected.status, 'Succeeded', JSON.stringify(unprotected));
  });

  it('fails with the endpoint reason, not retryable, when the certificate is not the registered one', async function () {
    const before = api.seen.length;
    const result = await run({ method: 'GET', uri: `${api.base}/x`, authentication: auth('https://stranger.example/', pfx.stranger, 'pfx-pass') });
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'AuthenticationFailed');
    assert.equal(result.retryable, false);
    assert.match(result.error!.message, /AADSTS700027: The certificate with identifier used to sign the client assertion is not registered/);
    assert.equal(api.seen.length, before);
  });

  it('fails clearly, without any request, on a wrong pfx password', async function () {
    const tokenCalls = aad.seen.length;
    const apiCalls = api.seen.length;
    const result = await run({ method: 'GET', uri: `${api.base}/x`, authentication: auth('https://wrong-password.example/', pfx.client, 'not-the-password') });
    assert.equal(result.status, 'Failed');
    assert.equal(result.code, 'AuthenticationFailed');
    assert.equal(result.retryable, false);
    assert.match(result.error!.message, /client certificate \('pfx'\) could not be read: the password is wrong/);
    assert.doesNotMatch(result.error!.message, /not-the-password/);
    assert.equal(aad.seen.length, tokenCalls);
    assert.equal(api.seen.length, apiCalls);
  });

  it('fails clearly on a pfx that is not PKCS#12, and with InvalidTemplate on one that is not base64', async function () {
    const garbage = await run({ method: 'GET', uri: `${api.base}/x`, authentication: auth('https://garbage.example/', Buffer.from('not a pfx').toString('base64'), 'x') });
    assert.equal(garbage.code, 'AuthenticationFailed');
    assert.equal(garbage.retryable, false);
    assert.match(garbage.error!.message, /could not be read: it is not a (readable )?PKCS#12 file/);
    const notBase64 = await run({ method: 'GET', uri: `${api.base}/x`, authentication: auth('https://garbage.example/', 'not base64 at all!', 'x') });
    assert.equal(notBase64.code, 'InvalidTemplate');
    assert.match(notBase64.error!.message, /'pfx' .* is not base64/);
  });
});
