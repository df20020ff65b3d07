import assert from 'node:assert/strict';
import { Float } from '../../../engine/expressions/value.js';
import { startGoldenStub } from '../../helpers/golden-stub.js';
import { plain, subsetMismatches } from '../../helpers/subset-match.js';

describe('golden workflow helpers', () => {
  describe('subsetMismatches', () => {
    it('checks only the keys given, deeply, and arrays exactly', () => {
      assert.deepEqual(subsetMismatches({ a: 1, b: { c: 'x' } }, { a: 1, b: { c: 'x', d: 2 }, e: 3 }), []);
      assert.deepEqual(subsetMismatches({ list: [1, 2] }, { list: [1, 2, 3] }).length, 1);
      assert.deepEqual(subsetMismatches([{ n: 1 }], [{ n: 1, extra: true }]), []);
      assert.match(subsetMismatches({ a: { b: 1 } }, { a: { b: 2 } })[0]!, /^\$\.a\.b: expected 1, got 2/);
      assert.match(subsetMismatches({ gone: null }, {})[0]!, /missing/);
      assert.equal(subsetMismatches('3', 3).length, 1);
    });

    it('compares numbers by value once engine values are made plain', () => {
      assert.deepEqual(subsetMismatches({ n: 3 }, plain({ n: new Float(3) })), []);
      assert.deepEqual(subsetMismatches(7, plain(7n)), []);
    });
  });

  describe('startGoldenStub', () => {
    it('serves responses in order, repeats the last, echoes, checks headers and counts calls', async () => {
      const stub = await startGoldenStub([
        { method: 'GET', path: '/items', responses: [{ status: 500 }, { status: 200, headers: { 'x-n': '1' }, body: { ok: true } }] },
        { method: 'POST', path: '/echo', responses: [{ echo: true }] },
        { method: 'GET', path: '/secure', requireHeaders: { 'X-Key': 'k' }, responses: [{ status: 204 }] },
      ]);
      try {
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await fetch(`${stub.url}/items?page=${i}`)).status);
        assert.deepEqual(statuses, [500, 200, 200]);
        const last = await fetch(`${stub.url}/items`);
        assert.equal(last.headers.get('x-n'), '1');
        assert.deepEqual(await last.json(), { ok: true });
        const echoed = await fetch(`${stub.url}/echo?q=1`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-t': 'v' }, body: '{"a":[1]}' });
        const seen = (await echoed.json()) as { method: string; path: string; query: unknown; headers: Record<string, string>; body: unknown };
        assert.deepEqual([seen.method, seen.path, seen.query, seen.body], ['POST', '/echo', { q: '1' }, { a: [1] }]);
        assert.equal(seen.headers['x-t'], 'v');
        assert.equal((await fetch(`${stub.url}/secure`)).status, 401);
        assert.equal((await fetch(`${stub.url}/secure`, { headers: { 'x-key': 'k' } })).status, 204);
        assert.equal((await fetch(`${stub.url}/nowhere`)).status, 404);
        assert.equal(stub.calls.get('GET /items'), 4);
        assert.equal(stub.calls.get('GET /nowhere'), 1);
      } finally {
        await stub.stop();
      }
    });

    it('a hanging response keeps the request open until the stub stops', async () => {
      const stub = await startGoldenStub([{ method: 'GET', path: '/slow', responses: [{ hang: true }] }]);
      const pending = fetch(`${stub.url}/slow`).then(
        () => 'answered',
        () => 'closed',
      );
      // Give the request time to reach the stub, which counts it and then never answers.
      while (stub.calls.get('GET /slow') !== 1) await new Promise((resolve) => setImmediate(resolve));
      await stub.stop();
      assert.equal(await pending, 'closed');
    });
  });
});

