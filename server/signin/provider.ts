import Provider, { type ClientMetadata, type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { AccountRepository, AuthorizationStore } from '../db/repository.js';
import { type LimitsFactory, memoryLimits } from '../http/shared-limits.js';
import { repositoryAdapter } from './adapter.js';
import { ACCESS_TOKEN_SECONDS, JWT_BEARER, SUPPORT_SCOPE, slowDown, USER_LIMIT } from './grants.js';
import type { ServerKeys } from './keys.js';

const DAY_SECONDS = 86_400;

/** Where the provider answers on the API's origin (discovery is at `/.well-known/openid-configuration`). */
export const OAUTH_ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  jwks: '/oauth/jwks',
  revocation: '/oauth/revoke',
  userinfo: '/oauth/userinfo',
  // Disabled features still need a path; nothing answers there.
  end_session: '/oauth/logout',
  introspection: '/oauth/introspect',
  pushed_authorization_request: '/oauth/par',
  registration: '/oauth/register',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  backchannel_authentication: '/oauth/backchannel',
  challenge: '/oauth/challenge',
} as const;

export interface AuthorizationServerOptions {
  /** The issuer: the API's public origin, such as `http://127.0.0.1:8787`. */
  issuer: string;
  /** The resource indicator and `aud` of access tokens for the support API. */
  audience: string;
  keys: ServerKeys;
  store: AuthorizationStore;
  accounts: AccountRepository;
  clients: ClientMetadata[];
  logger: Logger;
  /** Origins the API's CORS allows (the extension's, the service homepages'). */
  isAllowedOrigin: (origin: string) => boolean;
  /** Where the refresh limits count (default: this process's memory). */
  limits?: LimitsFactory;
}

/**
 * The embedded authorization server: oidc-provider (OpenID certified) configured for authorization code with
 * PKCE S256 only, exact redirect URIs, rotating refresh tokens (reuse revokes the whole grant), revocation
 * (RFC 7009) and JWT access tokens (RFC 9068) for the support API only, signed with the stored keys.
 */
export function createAuthorizationServer(options: AuthorizationServerOptions): Provider {
  const { audience, accounts } = options;
  const refreshes = (options.limits ?? memoryLimits())('refresh-user', USER_LIMIT);
  const configuration: Configuration = {
    adapter: repositoryAdapter(options.store),
    clients: options.clients,
    jwks: { keys: options.keys.signing.map((k) => k.jwk) },
    cookies: { keys: options.keys.cookies },
    routes: OAUTH_ROUTES,
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    pkce: { methods: ['S256'], required: () => true },
    clientDefaults: { id_token_signed_response_alg: 'ES256', token_endpoint_auth_method: 'none' },
    enabledJWA: { idTokenSigningAlgValues: ['ES256'] },
    responseTypes: ['code'],
    clockTolerance: 5,
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_SECONDS,
      Interaction: 10 * 60,
      RefreshToken: 14 * DAY_SECONDS,
      Session: 14 * DAY_SECONDS,
      // A partner's grant (JWT bearer) serves one access token: it need not outlive it.
      Grant: (_ctx, _grant, client) =>
        client?.grantTypes?.includes(JWT_BEARER) ? ACCESS_TOKEN_SECONDS : 14 * DAY_SECONDS,
    },
    // Called once the refresh token is found good, with its account known: the place to limit refreshes per
    // account as well as per address (the token endpoint's limit) before anything is issued.
    rotateRefreshToken: async (ctx) => {
      const wait = await refreshes.take(String(ctx.oidc.entities.RefreshToken?.accountId));
      if (wait > 0) throw slowDown(wait);
      return true;
    },
    // Every first-party client that may refresh gets a refresh token, without `offline_access` (which OpenID
    // Connect honours only with `prompt=consent`); one asked without it ends with the sign-in session.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: false },
      // Its default logout page needs an inline script, which the pages' CSP forbids: sign-out is revocation.
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== audience) throw new errors.InvalidTarget('the only resource is the support API');
          return {
            scope: SUPPORT_SCOPE,
            audience,
            accessTokenTTL: ACCESS_TOKEN_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    // A browser client calls the token and revocation endpoints from the page it was redirected back to.
    clientBasedCORS: (_ctx, origin, client) =>
      options.isAllowedOrigin(origin) ||
      (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin) ||
      isFirefoxAddonOf(client.redirectUris ?? [], origin),
    interactions: { url: (_ctx, interaction) => `/signin/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const found = await accounts.findUser(sub);
      if (!found) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: found.user.email, name: found.user.name }),
      };
    },
    // RFC 9068 names no role claim: `role` says whether the token is a support engineer's.
    async extraTokenClaims(_ctx, token) {
      const accountId = 'accountId' in token ? token.accountId : undefined;
      if (!accountId) return undefined;
      const found = await accounts.findUser(accountId);
      return found ? { role: found.user.role } : undefined;
    },
    // The first-party clients need no consent screen: the grant covers what they may ask for.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid offline_access email profile');
      grant.addResourceScope(audience, SUPPORT_SCOPE);
      await grant.save();
      return grant;
    },
    // Errors shown to a browser are JSON (never HTML: the provider's default page has inline styles).
    renderError(ctx, out) {
      ctx.type = 'application/json';
      ctx.body = { error: out.error, error_description: out.error_description };
    },
  };
  const provider = new Provider(options.issuer, configuration);
  provider.on('server_error', (_ctx, error) => options.logger.error({ err: error }, 'authorization server error'));
  return provider;
}

/** A Firefox add-on's page: `moz-extension://<UUID>`, the UUID random per installation. */
const FIREFOX_ADDON_ORIGIN = /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Whether `origin` is a Firefox add-on page calling for a client that signs in through Firefox's
 * `identity.launchWebAuthFlow` (a `https://<hash>.extensions.allizom.org/` redirect URI). The add-on's
 * origin cannot be registered (each installation has its own UUID); a web page cannot send a
 * `moz-extension:` origin, and the code is only good with the redirect URI that Firefox hands to that
 * add-on alone and with its PKCE verifier.
 */
function isFirefoxAddonOf(redirectUris: readonly string[], origin: string): boolean {
  return (
    FIREFOX_ADDON_ORIGIN.test(origin) &&
    redirectUris.some((uri) => new URL(uri).hostname.endsWith('.extensions.allizom.org'))
  );
}
