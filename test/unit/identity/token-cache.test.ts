/**
 * CachingTokenProvider keeps each token until shortly before it expires, and keeps at most a
 * thousand: audiences can come from expressions, so the cache must not grow with every new one.
 */
import assert from 'node:assert/strict';
import { CachingTokenProvider, type AccessToken, type TokenRequest } from '../../../engine/identity/token-provider.js';

/** A token source that counts its calls per audience; tokens live an hour from a fixed now. */
function countingSource(nowMs: number): { provider: { getToken(r: TokenRequest): Promise<AccessToken> }; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  return {
    calls,
    provider: {
      getToken: async (request) => {
        calls.set(request.audience, (calls.get(request.audience) ?? 0) + 1);
        return { token: `t-${request.audience}`, expiresOn: nowMs + 3_600_000 };
      },
    },
  };
}

describe('identity: token cache', function () {
  const now = '2026-01-01T00:00:00.000Z';
  const clock = { now: () => now };

  it('answers a second request for the same audience from the cache', async function () {
    const { provider, calls } = countingSource(Date.parse(now));
    const cache = new CachingTokenProvider(provider, clock);
    await cache.getToken({ audience: 'api://a' });
    await cache.getToken({ audience: 'api://a' });
    assert.equal(calls.get('api://a'), 1);
  });

  it('holds at most a thousand tokens, dropping the oldest first', async function () {
    const { provider, calls } = countingSource(Date.parse(now));
    const cache = new CachingTokenProvider(provider, clock);
    for (let i = 0; i <= 1000; i++) await cache.getToken({ audience: `api://${i}` });
    // The newest are still cached; the oldest was dropped to make room and is fetched again.
    await cache.getToken({ audience: 'api://1000' });
    await cache.getToken({ audience: 'api://0' });
    assert.equal(calls.get('api://1000'), 1);
    assert.equal(calls.get('api://0'), 2);
  });
});
