/**
 * The HTTP action against real HTTP servers on loopback.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpAction } from '../../connectors/http/http-action.js';
import type { ActionResult, EffectContext } from '../../engine/actions/descriptor.js';
import { Float, type Value, type ValueObject } from '../../engine/expressions/value.js';
import { effectContext } from '../helpers/fake-effect-context.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

class TestServer {
  readonly seen: Seen[] = [];
  private readonly routes = new Map<string, Handler>();
  private server: Server | undefined;
  base = '';

  route(path: string, handler: Handler): void {
    this.routes.set(path, handler);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const handler = this.routes.get(new URL(req.url!, 'http://x').pathname);
        if (handler) handler(req, res, body);
        else res.writeHead(599).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

const action = createHttpAction({ defaultPollIntervalMs: 20, requestTimeoutMs: 5_000 });

function run(inputs: Value, ctx: Partial<EffectContext> = {}): Promise<ActionResult> {
  return action.run(inputs, effectContext({ workflowName: 'wf', runId: 'run-7', actionName: 'Call', ...ctx }));
}

function outputsOf(result: ActionResult): ValueObject {
  return result.outputs as ValueObject;
}

function json(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(text);
}

describe('Http action (real HTTP on loopback)', function () {
  let srv: TestServer;
  beforeEach(async function () {
    srv = new TestServer();
    await srv.start();
  });
  afterEach(async function () {
    await srv.stop();
  });

  describe('responses', function () {
    it('parses a JSON body keeping integers and floats, with headers as the server wrote them', async function () {
      srv.route('/data', (_q, res) => json(res, 200, '{"n": 1, "f": 1.0, "big": 9223372036854775807, "s": "x"}', { 'X-Custom-Header': 'abc' }));
      const result = await run({ method: 'GET', uri: `${srv.base}/data` });
      assert.equal(result.status, 'Succeeded');
      assert.equal(result.code, 'OK');
      const out = outputsOf(result);
      assert.equal(out['statusCode'], 200);
      assert.deepEqual(out['body'], { n: 1, f: new Float(1), big: 9223372036854775807n, s: 'x' });
      assert.equal((out['headers'] as ValueObject)['X-Custom-Header'], 'abc');
    });

    it('keeps text/plain as text, decoded with its charset', async function () {
      srv.route('/text', (_q, res) => res.writeHead(200, { 'Content-Type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9])));
      const result = await run({ method: 'GET', uri: `${srv.base}/text` });
      assert.equal(outputsOf(result)['body'], 'café');
    });

    it('keeps XML and binary content as a content envelope with the exact bytes', async function () {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
      srv.route('/xml', (_q, res) => res.writeHead(200, { 'Content-Type': 'application/xml; charset=utf-8' }).end('<a>1</a>'));
      srv.route('/png', (_q, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png));
      srv.route('/untyped', (_q, res) => res.writeHead(200).end(png));
      const xml = await run({ method: 'GET', uri: `${srv.base}/xml` });
      assert.deepEqual(outputsOf(xml)['body'], { '$content-type': 'application/xml; charset=utf-8', '$content': Buffer.from('<a>1</a>').toString('base64') });
      const bin = await run({ method: 'GET', uri: `${srv.base}/png` });
      assert.deepEqual(outputsOf(bin)['body'], { '$content-type': 'image/png', '$content': png.toString('base64') });
      const untyped = await run({ method: 'GET', uri: `${srv.base}/untyped` });
      assert.deepEqual(outputsOf(untyped)['body'], { '$content-type': 'application/octet-stream', '$content': png.toString('base64') });
    });

    it('records no body for an empty response', async function () {
      srv.route('/empty', (_q, res) => res.writeHead(204).end());
      const result = await run({ method: 'DELETE', uri: `${srv.base}/empty` });
      assert.equal(result.status, 'Succeeded');
      assert.equal(result.code, 'NoContent');
      assert.equal('body' in outputsOf(result), false);
    });

    it('names each 2xx status in the code', async function () {
      srv.route('/created', (_q, res) => json(res, 201, '{}'));
      assert.equal((await run({ method: 'PUT', uri: `${srv.base}/created`, body: {} })).code, 'Created');
    });

    it('fails on 4xx with the status name, not retryable, keeping the body', async function () {
      srv.route('/missing', (_q, res) => json(res, 404, '{"code":"ResourceNotFound"}'));
      const result = await run({ method: 'GET', uri: `${srv.base}/missing` });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'NotFound');
      assert.equal(result.retryable, false);
      assert.equal(result.error?.code, 'NotFound');
      assert.deepEqual(outputsOf(result)['body'], { code: 'ResourceNotFound' });
      assert.equal(outputsOf(result)['statusCode'], 404);
    });

    for (const [status, code] of [[408, 'RequestTimeout'], [429, 'TooManyRequests'], [500, 'InternalServerError'], [503, 'ServiceUnavailable']] as const) {
      it(`fails retryably on ${status} (${code})`, async function () {
        srv.route('/flaky', (_q, res) => res.writeHead(status, { 'Content-Type': 'text/plain' }).end('try later'));
        const result = await run({ method: 'GET', uri: `${srv.base}/flaky` });
        assert.equal(result.status, 'Failed');
        assert.equal(result.code, code);
        assert.equal(result.retryable, true);
        assert.equal(outputsOf(result)['body'], 'try later');
      });
    }

    it('does not follow a redirect: the 3xx is the result and fails', async function () {
      srv.route('/old', (_q, res) => res.writeHead(302, { Location: '/new' }).end());
      srv.route('/new', (_q, res) => json(res, 200, '{}'));
      const result = await run({ method: 'GET', uri: `${srv.base}/old` });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'Found');
      assert.equal(result.retryable, false);
      assert.deepEqual(srv.seen.map((s) => s.url), ['/old']);
    });

    it('fails with BadRequest when a successful response claims JSON but is not', async function () {
      srv.route('/broken', (_q, res) => json(res, 200, 'Success!'));
      const result = await run({ method: 'GET', uri: `${srv.base}/broken` });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'BadRequest');
      assert.match(result.error!.message, /not a valid JSON/);
    });
  });

  describe('requests', function () {
    it('sends an object body as JSON with the method, queries appended to the URI', async function () {
      srv.route('/items', (_q, res) => json(res, 201, '{"ok":true}'));
      const body = { name: 'x', price: new Float(2), tags: ['a'] };
      const result = await run({ method: 'post', uri: `${srv.base}/items?a=1`, queries: { 'api-version': '2020-01-01', n: 5, q: 'a b&c' }, body });
      assert.equal(result.status, 'Succeeded');
      const seen = srv.seen[0]!;
      assert.equal(seen.method, 'POST');
      const url = new URL(seen.url, 'http://x');
      assert.equal(url.searchParams.get('a'), '1');
      assert.equal(url.searchParams.get('api-version'), '2020-01-01');
      assert.equal(url.searchParams.get('n'), '5');
      assert.equal(url.searchParams.get('q'), 'a b&c');
      assert.equal(seen.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(seen.body.toString('utf8'), '{"name":"x","price":2.0,"tags":["a"]}');
    });

    it('sends a string as text, and a given Content-Type wins', async function () {
      srv.route('/echo', (_q, res) => res.writeHead(200).end());
      await run({ method: 'POST', uri: `${srv.base}/echo`, body: 'héllo' });
      await run({ method: 'POST', uri: `${srv.base}/echo`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' });
      assert.equal(srv.seen[0]!.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(srv.seen[0]!.body.toString('utf8'), 'héllo');
      assert.equal(srv.seen[1]!.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(srv.seen[1]!.body.toString('utf8'), 'a=1&b=2');
    });

    it('sends binary content as its bytes with its content type', async function () {
      srv.route('/upload', (_q, res) => res.writeHead(200).end());
      const bytes = Buffer.from([0, 1, 2, 250, 255]);
      await run({ method: 'PUT', uri: `${srv.base}/upload`, body: { '$content-type': 'application/pdf', '$content': bytes.toString('base64') } });
      assert.equal(srv.seen[0]!.headers['content-type'], 'application/pdf');
      assert.deepEqual(srv.seen[0]!.body, bytes);
    });

    it('sends a $multipart body as multipart/form-data with each part', async function () {
      srv.route('/form', (_q, res) => res.writeHead(200).end());
      const file = Buffer.from('PK\x03\x04binary', 'latin1');
      await run({
        method: 'POST',
        uri: `${srv.base}/form`,
        body: {
          '$content-type': 'multipart/form-data',
          '$multipart': [
            { headers: { 'Content-Disposition': 'form-data; name="title"' }, body: 'Report' },
            { headers: { 'Content-Disposition': 'form-data; name=file; filename=a.xlsx' }, body: { '$content-type': 'application/vnd.ms-excel', '$content': file.toString('base64') } },
            { headers: { 'Content-Disposition': 'form-data; name="meta"' }, body: { k: 1 } },
          ],
        },
      });
      const seen = srv.seen[0]!;
      const match = /^multipart\/form-data; boundary=(.+)$/.exec(String(seen.headers['content-type']));
      assert.ok(match, String(seen.headers['content-type']));
      const text = seen.body.toString('latin1');
      const parts = text.split(`--${match[1]}`);
      assert.equal(parts.length, 5);
      assert.equal(parts[4], '--\r\n');
      assert.equal(parts[1], '\r\nContent-Disposition: form-data; name="title"\r\n\r\nReport\r\n');
      assert.equal(parts[2], `\r\nContent-Disposition: form-data; name=file; filename=a.xlsx\r\nContent-Type: application/vnd.ms-excel\r\n\r\n${file.toString('latin1')}\r\n`);
      assert.equal(parts[3], '\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{"k":1}\r\n');
    });

    it('sends a $formdata body URL-encoded', async function () {
      srv.route('/token', (_q, res) => res.writeHead(200).end());
      await run({ method: 'POST', uri: `${srv.base}/token`, body: { '$content-type': 'application/x-www-form-urlencoded', '$formdata': [{ key: 'grant_type', value: 'client credentials' }, { key: 'n', value: 2 }] } });
      assert.equal(srv.seen[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(srv.seen[0]!.body.toString(), 'grant_type=client+credentials&n=2');
    });

    it('drops the headers Logic Apps drops and sends the rest', async function () {
      srv.route('/h', (_q, res) => res.writeHead(200).end());
      await run({
        method: 'POST',
        uri: `${srv.base}/h`,
        headers: {
          'X-Trace': 'abc', Accept: 'application/json', 'Accept-Language': 'fr', Cookie: 'a=1', Origin: 'https://evil',
          'Content-Language': 'de', 'Content-Disposition': 'attachment', Expires: '0', 'If-Match': '*', 'X-Number': 42,
        },
        body: 'x',
      });
      const h = srv.seen[0]!.headers;
      assert.equal(h['x-trace'], 'abc');
      assert.equal(h['accept'], 'application/json');
      assert.equal(h['content-disposition'], 'attachment');
      assert.equal(h['if-match'], '*');
      assert.equal(h['x-number'], '42');
      for (const dropped of ['accept-language', 'cookie', 'origin', 'content-language', 'expires']) assert.equal(h[dropped], undefined, dropped);
    });

    it('sends the workflow headers unless SuppressWorkflowHeaders is set', async function () {
      srv.route('/h', (_q, res) => res.writeHead(200).end());
      await run({ method: 'GET', uri: `${srv.base}/h` });
      await run({ method: 'GET', uri: `${srv.base}/h` }, { operationOptions: 'SuppressWorkflowHeaders' });
      assert.equal(srv.seen[0]!.headers['x-ms-workflow-name'], 'wf');
      assert.equal(srv.seen[0]!.headers['x-ms-workflow-run-id'], 'run-7');
      assert.equal(srv.seen[0]!.headers['x-ms-workflow-operation-name'], 'Call');
      assert.equal(srv.seen[1]!.headers['x-ms-workflow-name'], undefined);
    });

    it('fails a GET with a body as Logic Apps does, without retry', async function () {
      srv.route('/h', (_q, res) => res.writeHead(200).end());
      const result = await run({ method: 'GET', uri: `${srv.base}/h`, body: { a: 1 } });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'BadRequest');
      assert.equal(result.retryable, false);
      assert.equal(srv.seen.length, 0);
    });

    const invalid: Array<[string, Value]> = [
      ['no uri', { method: 'GET' }],
      ['a relative uri', { method: 'GET', uri: '/path' }],
      ['a non-http scheme', { method: 'GET', uri: 'ftp://127.0.0.1/x' }],
      ['no method', { uri: 'http://127.0.0.1/' }],
      ['queries that are not an object', { method: 'GET', uri: 'http://127.0.0.1/', queries: 'a=1' }],
      ['bad base64 content', { method: 'POST', uri: 'http://127.0.0.1/', body: { '$content-type': 'image/png', '$content': '***' } }],
    ];
    for (const [label, inputs] of invalid) {
      it(`fails with InvalidTemplate on ${label}`, async function () {
        const result = await run(inputs);
        assert.equal(result.status, 'Failed');
        assert.equal(result.code, 'InvalidTemplate');
      });
    }
  });

  describe('authentication', function () {
    it('sends Basic credentials and hides the password in the recorded inputs', async function () {
      srv.route('/secure', (_q, res) => res.writeHead(200).end());
      const result = await run({ method: 'GET', uri: `${srv.base}/secure`, authentication: { type: 'Basic', username: 'ann', password: 'pä55' } });
      assert.equal(srv.seen[0]!.headers['authorization'], `Basic ${Buffer.from('ann:pä55', 'utf8').toString('base64')}`);
      assert.deepEqual((result.inputs as ValueObject)['authentication'], { type: 'Basic', username: 'ann', password: '*sanitized*' });
    });

    it('sends a Raw value as the whole Authorization header, over one written by hand', async function () {
      srv.route('/secure', (_q, res) => res.writeHead(200).end());
      await run({ method: 'GET', uri: `${srv.base}/secure`, headers: { authorization: 'Bearer old' }, authentication: { type: 'raw', value: 'SharedKey abc' } });
      assert.equal(srv.seen[0]!.headers['authorization'], 'SharedKey abc');
    });

    it('fails ManagedServiceIdentity with AuthenticationNotAvailable when the engine has no identity, without calling', async function () {
      srv.route('/secure', (_q, res) => res.writeHead(200).end());
      const result = await run({ method: 'GET', uri: `${srv.base}/secure`, authentication: { type: 'ManagedServiceIdentity', audience: 'https://management.azure.com/' } });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'AuthenticationNotAvailable');
      assert.match(result.error!.message, /ManagedServiceIdentity/);
      assert.equal(srv.seen.length, 0);
    });

    const incomplete: Array<[string, ValueObject]> = [
      ['ManagedServiceIdentity without an audience', { type: 'ManagedServiceIdentity' }],
      ['ActiveDirectoryOAuth without a tenant', { type: 'ActiveDirectoryOAuth', audience: 'https://x/', clientId: 'c', secret: 's3cret' }],
      ['ActiveDirectoryOAuth without a secret', { type: 'ActiveDirectoryOAuth', tenant: 't', audience: 'https://x/', clientId: 'c' }],
      ['ClientCertificate without a pfx', { type: 'ClientCertificate', password: 's3cret' }],
      ['ClientCertificate with a pfx that is not base64', { type: 'ClientCertificate', pfx: '%%%', password: 's3cret' }],
    ];
    for (const [label, authentication] of incomplete) {
      it(`fails ${label} with InvalidTemplate without calling, secrets sanitized`, async function () {
        srv.route('/secure', (_q, res) => res.writeHead(200).end());
        const result = await run({ method: 'GET', uri: `${srv.base}/secure`, authentication });
        assert.equal(result.status, 'Failed');
        assert.equal(result.code, 'InvalidTemplate');
        assert.equal(result.retryable, false);
        assert.equal(srv.seen.length, 0);
        const recorded = (result.inputs as ValueObject)['authentication'] as ValueObject;
        for (const secret of ['secret', 'password', 'pfx']) if (secret in authentication) assert.equal(recorded[secret], '*sanitized*');
      });
    }

    it('fails an unknown authentication type with InvalidTemplate', async function () {
      const result = await run({ method: 'GET', uri: `${srv.base}/secure`, authentication: { type: 'Kerberos' } });
      assert.equal(result.code, 'InvalidTemplate');
    });
  });

  describe('Retry-After', function () {
    it('passes the wait a 429 or 503 asks for to the retry policy, in seconds or as an HTTP date', async function () {
      srv.route('/busy', (_q, res) => res.writeHead(429, { 'Retry-After': '7' }).end());
      const busy = await run({ method: 'GET', uri: `${srv.base}/busy` });
      assert.equal(busy.code, 'TooManyRequests');
      assert.equal(busy.retryable, true);
      assert.equal(busy.retryAfterMs, 7000);
      const later = new Date(Date.now() + 120_000).toUTCString();
      srv.route('/down', (_q, res) => res.writeHead(503, { 'Retry-After': later }).end());
      const down = await run({ method: 'GET', uri: `${srv.base}/down` });
      assert.equal(down.code, 'ServiceUnavailable');
      assert.ok(down.retryAfterMs! > 100_000 && down.retryAfterMs! <= 120_000, String(down.retryAfterMs));
    });

    it('gives no wait without the header, with an unreadable one, or on other statuses', async function () {
      srv.route('/plain', (_q, res) => res.writeHead(503).end());
      srv.route('/odd', (_q, res) => res.writeHead(429, { 'Retry-After': 'soon' }).end());
      srv.route('/error', (_q, res) => res.writeHead(500, { 'Retry-After': '5' }).end());
      for (const path of ['/plain', '/odd', '/error']) {
        const result = await run({ method: 'GET', uri: `${srv.base}${path}` });
        assert.equal(result.status, 'Failed');
        assert.equal(result.retryAfterMs, undefined, path);
      }
    });
  });

  describe('asynchronous pattern', function () {
    it('polls the Location of a 202 until the operation completes, with the same authentication', async function () {
      let polls = 0;
      srv.route('/start', (_q, res) => res.writeHead(202, { Location: `${srv.base}/status/1`, 'Retry-After': '0' }).end());
      srv.route('/status/1', (_q, res) => {
        polls += 1;
        if (polls < 3) res.writeHead(202, { Location: '/status/1', 'Retry-After': '0' }).end();
        else json(res, 200, '{"done":true}');
      });
      const result = await run({ method: 'POST', uri: `${srv.base}/start`, body: { job: 1 }, authentication: { type: 'Raw', value: 'Token t' } });
      assert.equal(result.status, 'Succeeded');
      assert.equal(result.code, 'OK');
      assert.deepEqual(outputsOf(result)['body'], { done: true });
      assert.deepEqual(srv.seen.map((s) => `${s.method} ${s.url}`), ['POST /start', 'GET /status/1', 'GET /status/1', 'GET /status/1']);
      for (const s of srv.seen) assert.equal(s.headers['authorization'], 'Token t');
      assert.equal(srv.seen[1]!.headers['x-ms-workflow-run-id'], 'run-7');
      assert.equal(srv.seen[1]!.body.length, 0);
    });

    it('waits the default interval when there is no Retry-After, and fails like any call on a failing final answer', async function () {
      srv.route('/start', (_q, res) => res.writeHead(202, { Location: '/status' }).end());
      srv.route('/status', (_q, res) => json(res, 500, '{"error":"boom"}'));
      const result = await run({ method: 'POST', uri: `${srv.base}/start` });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'InternalServerError');
      assert.equal(result.retryable, true);
      assert.equal(srv.seen.length, 2);
    });

    it('takes a 202 without Location as the result, without re-sending the request', async function () {
      srv.route('/start', (_q, res) => res.writeHead(202).end());
      const result = await run({ method: 'POST', uri: `${srv.base}/start` });
      assert.equal(result.status, 'Succeeded');
      assert.equal(result.code, 'Accepted');
      assert.equal(srv.seen.length, 1);
    });

    it('does not poll with DisableAsyncPattern', async function () {
      srv.route('/start', (_q, res) => res.writeHead(202, { Location: '/status', 'Retry-After': '0' }).end());
      const result = await run({ method: 'POST', uri: `${srv.base}/start` }, { operationOptions: 'Sequential, DisableAsyncPattern' });
      assert.equal(result.code, 'Accepted');
      assert.equal((outputsOf(result)['headers'] as ValueObject)['Location'], '/status');
      assert.equal(srv.seen.length, 1);
    });
  });

  describe('failures without a response', function () {
    it('is Cancelled when the signal fires during the request', async function () {
      const controller = new AbortController();
      srv.route('/slow', () => controller.abort());
      const result = await run({ method: 'GET', uri: `${srv.base}/slow` }, { signal: controller.signal });
      assert.equal(result.status, 'Cancelled');
    });

    it('is Cancelled when the signal fires while waiting to poll', async function () {
      const controller = new AbortController();
      srv.route('/start', (_q, res) => {
        res.writeHead(202, { Location: '/status', 'Retry-After': '3600' }).end(() => setImmediate(() => controller.abort()));
      });
      const result = await run({ method: 'POST', uri: `${srv.base}/start` }, { signal: controller.signal });
      assert.equal(result.status, 'Cancelled');
      assert.equal(srv.seen.length, 1);
    });

    it('is Cancelled without calling when the signal has already fired', async function () {
      srv.route('/x', (_q, res) => res.writeHead(200).end());
      const result = await run({ method: 'GET', uri: `${srv.base}/x` }, { signal: AbortSignal.abort() });
      assert.equal(result.status, 'Cancelled');
      assert.equal(srv.seen.length, 0);
    });

    it('fails retryably when the connection is refused', async function () {
      const closed = new TestServer();
      await closed.start();
      const uri = `${closed.base}/gone`;
      await closed.stop();
      const result = await run({ method: 'GET', uri });
      assert.equal(result.status, 'Failed');
      assert.equal(result.code, 'BadRequest');
      assert.equal(result.retryable, true);
      assert.match(result.error!.message, /ECONNREFUSED/);
    });

    it('fails retryably when the server does not answer within the request timeout', async function () {
      srv.route('/hang', () => undefined);
      const quick = createHttpAction({ requestTimeoutMs: 150 });
      const result = await quick.run({ method: 'GET', uri: `${srv.base}/hang` }, effectContext());
      assert.equal(result.status, 'Failed');
      assert.equal(result.retryable, true);
      assert.match(result.error!.message, /timeout/);
    });
  });
});
