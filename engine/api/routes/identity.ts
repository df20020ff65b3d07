/**
 * Managed identity over HTTP:
 * - `/.well-known/jwks.json` and `/.well-known/openid-configuration`: the public keys and issuer
 *   that services verifying Sluice's tokens read;
 * - `/identity/token`: the token endpoint in the shape of Azure App Service's managed-identity
 *   endpoint (api-version 2019-08-01), so existing clients (Azure SDKs given `IDENTITY_ENDPOINT`
 *   and `IDENTITY_HEADER`) get tokens. Only callers holding the instance's identity header secret
 *   get one, as on App Service.
 * Without an identity configuration the routes exist but answer 404 `IdentityNotConfigured`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, Router } from 'express';
import { SluiceError } from '../../errors.js';
import type { Value } from '../../expressions/value.js';
import type { TokenProvider, TokenRequest } from '../../identity/token-provider.js';
import type { TokenService } from '../../identity/token-service.js';
import { ApiError, badRequest } from '../api-error.js';
import { sendJson } from '../json-response.js';

export interface IdentityDeps {
  tokens: TokenProvider;
  tokenService: TokenService;
  /** The secret callers send as `X-IDENTITY-HEADER` (given to them as `IDENTITY_HEADER`). */
  identityHeader: string;
}

const API_VERSION = '2019-08-01';

function configured(identity: IdentityDeps | undefined): IdentityDeps {
  if (identity === undefined) throw new ApiError(404, 'IdentityNotConfigured', 'Managed identity is not configured on this instance.');
  return identity;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || expected === '') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function query(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest('InvalidArgument', `The query parameter '${name}' must be given once.`);
  return value;
}

/** The token request a call names: a resource and at most one identity selector. */
function tokenRequest(req: Request): TokenRequest {
  const apiVersion = query(req, 'api-version');
  if (apiVersion === undefined) throw badRequest('InvalidArgument', `The query parameter 'api-version' is required (${API_VERSION}).`);
  if (apiVersion !== API_VERSION) throw badRequest('InvalidArgument', `The api-version '${apiVersion}' is not supported; use ${API_VERSION}.`);
  const resource = query(req, 'resource');
  if (resource === undefined || resource.trim() === '') throw badRequest('InvalidArgument', "The query parameter 'resource' is required.");
  const selectors = { identity: query(req, 'mi_res_id'), principalId: query(req, 'principal_id') ?? query(req, 'object_id'), clientId: query(req, 'client_id') };
  if (Object.values(selectors).filter((v) => v !== undefined).length > 1) {
    throw badRequest('InvalidArgument', 'Name one identity only: client_id, principal_id or mi_res_id.');
  }
  const request: TokenRequest = { audience: resource };
  if (selectors.identity !== undefined) request.identity = selectors.identity;
  if (selectors.principalId !== undefined) request.principalId = selectors.principalId;
  if (selectors.clientId !== undefined) request.clientId = selectors.clientId;
  return request;
}

/** Errors of the token source as API errors: a bad selector is the caller's, a failed source a 500. */
function apiErrorOf(err: unknown): unknown {
  if (!(err instanceof SluiceError)) return err;
  if (err.code === 'InvalidArgument') return badRequest('InvalidArgument', err.message);
  if (err.code === 'NotFound') return badRequest('IdentityNotFound', err.message);
  if (err.code === 'IdentityUnavailable') return new ApiError(503, 'IdentityUnavailable', err.message);
  return err;
}

function origin(req: Request, baseUrl: string): string {
  return baseUrl !== '' ? baseUrl : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function registerIdentityRoutes(router: Router, deps: { identity?: IdentityDeps; baseUrl: string }): void {
  router.get('/.well-known/jwks.json', (_req, res) => {
    const { tokenService } = configured(deps.identity);
    res.set('Cache-Control', 'public, max-age=3600');
    sendJson(res, 200, tokenService.jwks() as unknown as Value);
  });

  router.get('/.well-known/openid-configuration', (req, res) => {
    const { tokenService } = configured(deps.identity);
    sendJson(res, 200, {
      issuer: tokenService.issuer,
      jwks_uri: `${origin(req, deps.baseUrl)}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: [],
      tenant_id: tokenService.tenantId,
    });
  });

  router.get('/identity/token', async (req, res) => {
    const identity = configured(deps.identity);
    if (!sameSecret(req.get('X-IDENTITY-HEADER'), identity.identityHeader)) {
      throw new ApiError(401, 'Unauthorized', "The 'X-IDENTITY-HEADER' header is missing or does not hold this instance's identity secret.");
    }
    const request = tokenRequest(req);
    let token;
    try {
      token = await identity.tokens.getToken(request);
    } catch (err) {
      throw apiErrorOf(err);
    }
    res.set('Cache-Control', 'no-store');
    sendJson(res, 200, {
      access_token: token.token,
      expires_on: String(Math.floor(token.expiresOn / 1000)),
      resource: request.audience,
      token_type: 'Bearer',
      client_id: token.clientId ?? '',
    });
  });
}
