import { importJWK, type JWK, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';
import type Provider from 'oidc-provider';
import { type ClientMetadata, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { AccountRepository } from '../db/repository.js';
import { type LimitsFactory, memoryLimits } from '../http/shared-limits.js';
import { ACCESS_TOKEN_SECONDS, JWT_BEARER, SUPPORT_SCOPE, slowDown, USER_LIMIT } from './grants.js';

export { JWT_BEARER } from './grants.js';
/** The longest an assertion may live (the ceiling). */
export const MAX_ASSERTION_SECONDS = 5 * 60;
const TOLERANCE_SECONDS = 5;

/** A partner site (a service homepage or portal) whose backend signs its signed-in users over to us. */
export interface PartnerSite {
  /** Its client id at our token endpoint, and the `iss` of its assertions. */
  clientId: string;
  name: string;
  /** Its ES256 public key (JWK). */
  publicJwk: JWK;
}

/** A partner site as a client of the provider: the JWT bearer grant only, no redirect, no secret. */
export function partnerClient(site: PartnerSite): ClientMetadata {
  return {
    client_id: site.clientId,
    client_name: site.name,
    token_endpoint_auth_method: 'none',
    grant_types: [JWT_BEARER],
    response_types: [],
    redirect_uris: [],
  };
}

export interface JwtBearerOptions {
  sites: readonly PartnerSite[];
  /** The support API's resource indicator: the only audience of the tokens issued. */
  audience: string;
  accounts: AccountRepository;
  /** The `aud` assertions must name: our token endpoint's URL. */
  tokenEndpoint: string;
  /** Where the per-user limit counts (default: this process's memory). */
  limits?: LimitsFactory;
}

/**
 * Registers the JWT bearer grant: a partner's backend posts an ES256 assertion (`iss` = its client id, `sub` =
 * our user id, `aud` = our token endpoint, `exp` at most 5 minutes away, a `jti` never used before) and gets a
 * 15-minute access token for the support API, without a refresh token. Every refusal is an OAuth error:
 * `unauthorized_client` (not a partner), `invalid_request` (no assertion), `invalid_grant` (anything wrong with
 * the assertion: signature, audience, expiry, lifetime, replayed `jti`, unknown user).
 */
export async function registerJwtBearer(provider: Provider, options: JwtBearerOptions): Promise<void> {
  const keys = new Map<string, JWTVerifyGetKey>();
  for (const site of options.sites) {
    const key = await importJWK({ ...site.publicJwk, alg: 'ES256' }, 'ES256');
    keys.set(site.clientId, async () => key);
  }
  const tokenEndpoint = options.tokenEndpoint;
  // Per account as well as per address (the token endpoint's limit): one site exchanging the same user's
  // session over and over is refused before a token is made.
  const perUser = (options.limits ?? memoryLimits())('jwt-bearer-user', USER_LIMIT);

  const handler = async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    const client = ctx.oidc.client;
    const key = client && keys.get(client.clientId);
    if (!client || !key) throw new errors.UnauthorizedClient('this client may not use the JWT bearer grant');
    const assertion = (ctx.oidc.params as { assertion?: unknown } | undefined)?.assertion;
    if (typeof assertion !== 'string' || assertion.length === 0 || assertion.length > 8192) {
      throw new errors.InvalidRequest('the assertion parameter is missing');
    }
    const payload = await verifyAssertion(assertion, key, client.clientId, tokenEndpoint);
    const now = Math.floor(Date.now() / 1000);
    const exp = payload.exp as number;
    if (exp - now > MAX_ASSERTION_SECONDS + TOLERANCE_SECONDS) {
      throw new errors.InvalidGrant(`the assertion must expire within ${MAX_ASSERTION_SECONDS} seconds`);
    }
    const { ReplayDetection, AccessToken, ResourceServer } = ctx.oidc.provider as Provider & {
      ResourceServer: new (id: string, info: object) => object;
    };
    const replay = ReplayDetection as unknown as { unique(iss: string, jti: string, exp: number): Promise<boolean> };
    if (!(await replay.unique(client.clientId, String(payload.jti), exp + TOLERANCE_SECONDS))) {
      throw new errors.InvalidGrant('the assertion was already used (jti replayed)');
    }
    const user = await options.accounts.findUser(String(payload.sub));
    if (!user) throw new errors.InvalidGrant('the assertion names no known user');
    // A client id holds no ':' (see `partnerSitesFromEnv`); PostgreSQL's text, where the count may be, holds no NUL.
    const wait = await perUser.take(`${client.clientId}:${user.user.id}`);
    if (wait > 0) throw slowDown(wait);

    // The provider ties every token to a grant; this one lives as long as the token (see `ttl.Grant`).
    const grant = new ctx.oidc.provider.Grant({ accountId: user.user.id, clientId: client.clientId });
    grant.addResourceScope(options.audience, SUPPORT_SCOPE);
    const grantId = await grant.save();
    const token = new AccessToken({
      accountId: user.user.id,
      client,
      grantId,
      scope: SUPPORT_SCOPE,
      gty: 'jwt-bearer',
    });
    (token as unknown as { resourceServer: object }).resourceServer = new ResourceServer(options.audience, {
      scope: SUPPORT_SCOPE,
      audience: options.audience,
      accessTokenTTL: ACCESS_TOKEN_SECONDS,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'ES256' } },
    });
    ctx.oidc.entity('AccessToken', token);
    const value = await token.save();
    ctx.body = { access_token: value, expires_in: token.expiration, token_type: 'Bearer', scope: SUPPORT_SCOPE };
    await next();
  };
  provider.registerGrantType(JWT_BEARER, handler, ['assertion', 'scope', 'resource']);
}

async function verifyAssertion(assertion: string, key: JWTVerifyGetKey, clientId: string, tokenEndpoint: string) {
  try {
    const { payload } = await jwtVerify(assertion, key, {
      algorithms: ['ES256'],
      issuer: clientId,
      audience: tokenEndpoint,
      requiredClaims: ['sub', 'exp', 'jti'],
      clockTolerance: TOLERANCE_SECONDS,
    });
    if (typeof payload.jti !== 'string' || payload.jti.length === 0 || payload.jti.length > 200) {
      throw new errors.InvalidGrant('the assertion needs a unique jti');
    }
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new errors.InvalidGrant('the assertion has expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw new errors.InvalidGrant(`the assertion's ${error.claim} claim is not valid`);
    }
    if (error instanceof joseErrors.JOSEError) throw new errors.InvalidGrant('the assertion signature is not valid');
    throw error;
  }
}
