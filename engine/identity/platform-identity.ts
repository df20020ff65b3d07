/**
 * Tokens from the Azure platform, when Sluice itself runs on Azure (App Service, Functions,
 * Container Apps, a VM): @azure/identity's ManagedIdentityCredential asks the platform's identity
 * endpoint, and the tokens are Azure AD's, so Azure services accept them.
 *
 * The credential finds the endpoint itself, from the environment variables the platform sets
 * (`IDENTITY_ENDPOINT`, `IDENTITY_HEADER`); Sluice only decides whether to use it, through
 * `platformIdentityEndpoint()` of engine/config.ts. Note that MSAL, underneath, picks the endpoint
 * once per process on the first token request and caches tokens process-wide.
 *
 * On Azure the system-assigned identity belongs to the hosting resource, so every workflow shares
 * it (as the workflows of one Logic App Standard do); a user-assigned identity is named by its
 * resource id, or by principal (object) id or client id.
 *
 * @azure/identity (with MSAL, some fifteen megabytes of heap) is imported at the first token
 * request, so a server not running on Azure never loads it.
 */
import type { ManagedIdentityCredential } from '@azure/identity';
import { platformIdentityEndpoint } from '../config.js';
import { SluiceError } from '../errors.js';
import type { Clock } from '../runtime/clock.js';
import { isUserAssignedIdentityId, type PrincipalDirectory } from './principals.js';
import { CachingTokenProvider, LocalTokenProvider, type AccessToken, type TokenProvider, type TokenRequest } from './token-provider.js';
import type { TokenService } from './token-service.js';

export interface PlatformTokenProviderOptions {
  /** Retries of one token request on throttling or server errors. @default 2 */
  maxRetries?: number;
  clock?: Pick<Clock, 'now'>;
}

type CredentialClass = typeof ManagedIdentityCredential;

/** Which credential a request needs: its cache key and how to make it. */
function credentialOptions(request: TokenRequest, maxRetries: number): { key: string; create: (Credential: CredentialClass) => ManagedIdentityCredential } {
  const retryOptions = { maxRetries };
  const identity = request.identity?.trim();
  if (identity !== undefined && identity !== '' && identity.toLowerCase() !== 'systemassigned') {
    if (!isUserAssignedIdentityId(identity)) {
      throw new SluiceError('InvalidArgument', `'${identity}' is not the resource id of a user-assigned identity.`);
    }
    return { key: `r:${identity.toLowerCase()}`, create: (Credential) => new Credential({ resourceId: identity, retryOptions }) };
  }
  const { principalId, clientId } = request;
  if (principalId !== undefined) return { key: `o:${principalId.toLowerCase()}`, create: (Credential) => new Credential({ objectId: principalId, retryOptions }) };
  if (clientId !== undefined) return { key: `c:${clientId.toLowerCase()}`, create: (Credential) => new Credential({ clientId, retryOptions }) };
  return { key: 'system', create: (Credential) => new Credential({ retryOptions }) };
}

/** Tokens from the platform's managed-identity endpoint, cached. */
export class PlatformTokenProvider implements TokenProvider {
  private readonly credentials = new Map<string, ManagedIdentityCredential>();
  private readonly cached: CachingTokenProvider;
  private readonly maxRetries: number;

  constructor(options: PlatformTokenProviderOptions = {}) {
    this.maxRetries = options.maxRetries ?? 2;
    this.cached = new CachingTokenProvider({ getToken: (request) => this.fetch(request) }, options.clock);
  }

  getToken(request: TokenRequest): Promise<AccessToken> {
    return this.cached.getToken(request);
  }

  private async credentialFor(request: TokenRequest): Promise<ManagedIdentityCredential> {
    const { key, create } = credentialOptions(request, this.maxRetries);
    let credential = this.credentials.get(key);
    if (credential === undefined) {
      const { ManagedIdentityCredential: Credential } = await import('@azure/identity');
      // Another request may have made it while the import was awaited.
      credential = this.credentials.get(key) ?? create(Credential);
      this.credentials.set(key, credential);
    }
    return credential;
  }

  private async fetch(request: TokenRequest): Promise<AccessToken> {
    try {
      // A bare resource is a scope the credential passes on unchanged as `resource`.
      const token = await (await this.credentialFor(request)).getToken(request.audience);
      return { token: token.token, expiresOn: token.expiresOnTimestamp };
    } catch (err) {
      if (err instanceof SluiceError) throw err;
      const detail = err instanceof Error ? err.message : String(err);
      throw new SluiceError('IdentityUnavailable', `The platform's managed identity endpoint gave no token for '${request.audience}': ${detail}`, {
        cause: err,
        retryable: true,
      });
    }
  }
}

export interface CreateTokenProviderOptions {
  service: TokenService;
  directory?: PrincipalDirectory;
  clock?: Pick<Clock, 'now'>;
  /** The platform's endpoint; read from the environment through engine/config.ts when absent. */
  platform?: ReturnType<typeof platformIdentityEndpoint> | null;
}

/** The platform's tokens when Sluice runs where the platform provides an identity endpoint, Sluice's own otherwise. */
export function createTokenProvider(options: CreateTokenProviderOptions): TokenProvider {
  const platform = options.platform === undefined ? platformIdentityEndpoint() : options.platform;
  if (platform) return new PlatformTokenProvider({ clock: options.clock });
  return new LocalTokenProvider({ service: options.service, directory: options.directory, clock: options.clock });
}
