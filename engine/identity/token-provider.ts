/**
 * Where access tokens for managed identities come from. Two sources answer the same question:
 * - `LocalTokenProvider`: Sluice's own token service signs them (the default);
 * - `PlatformTokenProvider` (platform-identity.ts): the Azure platform's identity endpoint, when
 *   Sluice itself runs on Azure.
 * Both cache each token until five minutes before it expires, as Azure's SDKs refresh early, and
 * share one request between concurrent callers asking for the same token.
 */
import type { Clock } from '../runtime/clock.js';
import { PrincipalDirectory, type IdentitySelector } from './principals.js';
import type { TokenService } from './token-service.js';

export interface TokenRequest extends IdentitySelector {
  /** The resource the token is for, exactly as the caller wrote it (`https://management.azure.com/`). */
  audience: string;
}

export interface AccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresOn: number;
  /** The client id of the identity the token is for, when known (the endpoint answers it). */
  clientId?: string;
}

export interface TokenProvider {
  /** A token, or a `SluiceError` (`IdentityUnavailable` when the source failed, `InvalidArgument`/`NotFound` for a bad selector). */
  getToken(request: TokenRequest): Promise<AccessToken>;
}

/** Tokens are refreshed this long before they expire. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

function cacheKey(request: TokenRequest): string {
  const who = request.identity?.trim().toLowerCase() || request.principalId?.toLowerCase() || request.clientId?.toLowerCase() || '';
  // A user-assigned identity or an explicit id does not depend on the workflow asking.
  const workflow = who === '' || who === 'systemassigned' ? `wf:${request.workflowName?.toLowerCase() ?? ''}` : '';
  return JSON.stringify([request.audience, who, workflow]);
}

/**
 * Tokens kept at most. Audiences can come from expressions, so the keys are not bounded by the
 * definitions; past the limit, expired tokens go first, then the oldest.
 */
const CACHE_LIMIT = 1000;

/** Wraps a source of tokens with a cache keyed by audience and identity. */
export class CachingTokenProvider implements TokenProvider {
  private readonly cache = new Map<string, AccessToken>();
  private readonly pending = new Map<string, Promise<AccessToken>>();
  private readonly nowMs: () => number;

  constructor(
    private readonly source: TokenProvider,
    clock?: Pick<Clock, 'now'>,
  ) {
    this.nowMs = clock === undefined ? () => Date.now() : () => Date.parse(clock.now());
  }

  async getToken(request: TokenRequest): Promise<AccessToken> {
    const key = cacheKey(request);
    const cached = this.cache.get(key);
    if (cached !== undefined && cached.expiresOn - REFRESH_MARGIN_MS > this.nowMs()) return cached;
    const inFlight = this.pending.get(key);
    if (inFlight !== undefined) return inFlight;
    const fetching = this.source.getToken(request).then(
      (token) => {
        this.pending.delete(key);
        this.remember(key, token);
        return token;
      },
      (err: unknown) => {
        this.pending.delete(key);
        this.cache.delete(key);
        throw err;
      },
    );
    this.pending.set(key, fetching);
    return fetching;
  }

  /** Forgets every cached token (e.g. after a key rotation). */
  clear(): void {
    this.cache.clear();
  }

  private remember(key: string, token: AccessToken): void {
    this.cache.delete(key);
    if (this.cache.size >= CACHE_LIMIT) {
      const now = this.nowMs();
      for (const [k, t] of this.cache) if (t.expiresOn - REFRESH_MARGIN_MS <= now) this.cache.delete(k);
      // Still full of live tokens: drop the oldest tenth, so the sweep is not repeated at every insert.
      for (const k of [...this.cache.keys()].slice(0, this.cache.size >= CACHE_LIMIT ? CACHE_LIMIT / 10 : 0)) this.cache.delete(k);
    }
    this.cache.set(key, token);
  }
}

export interface LocalTokenProviderOptions {
  service: TokenService;
  /** Known principals; one for the service's tenant when absent. */
  directory?: PrincipalDirectory;
  /** Time of cache expiry checks; the token service's times come from its own clock. */
  clock?: Pick<Clock, 'now'>;
}

/** Tokens signed by Sluice's own token service, cached. */
export class LocalTokenProvider implements TokenProvider {
  readonly directory: PrincipalDirectory;
  private readonly cached: CachingTokenProvider;

  constructor(options: LocalTokenProviderOptions) {
    const { service } = options;
    const directory = options.directory ?? new PrincipalDirectory(service.tenantId);
    this.directory = directory;
    this.cached = new CachingTokenProvider(
      {
        async getToken(request: TokenRequest): Promise<AccessToken> {
          const principal = directory.resolve(request);
          const issued = await service.issue(principal, request.audience);
          return { token: issued.token, expiresOn: issued.expiresOn, clientId: principal.clientId };
        },
      },
      options.clock,
    );
  }

  getToken(request: TokenRequest): Promise<AccessToken> {
    return this.cached.getToken(request);
  }
}
