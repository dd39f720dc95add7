/**
 * Signing in to the support API's own authorization server from a browser: OpenID Connect discovery,
 * authorization code with PKCE (S256), refresh (the refresh token rotates) and revocation (RFC 7009), all
 * through `oauth4webapi`. Browser-only (WebCrypto and `fetch`); no storage: the caller keeps the tokens.
 */
import * as oauth from 'oauth4webapi';

/** What the support API's authorization server issues its access tokens for. */
export const SUPPORT_SCOPES = 'openid support';

/** The tokens of one sign-in, as the caller stores them. */
export interface TokenSet {
  accessToken: string;
  /** Rotates on every refresh: always keep the newest. `null` when the server gave none. */
  refreshToken: string | null;
  /** When the access token expires (ISO 8601, this computer's clock at the time of the answer). */
  expiresAt: string;
}

/** The authorization server of one API origin, discovered. */
export interface AuthServer {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
}

/** A sign-in under way: what the authorization request was sent with, to check the answer against. */
export interface PendingAuthorization {
  url: string;
  redirectUri: string;
  verifier: string;
  state: string;
  nonce: string;
}

/**
 * Why signing in or refreshing failed: `refused` is the authorization server's answer (a refused refresh
 * token means the customer is signed out), `cancelled` the customer's, `network` the connection's.
 */
export class SignInError extends Error {
  constructor(
    readonly kind: 'refused' | 'cancelled' | 'network' | 'invalid-response',
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** Plain `http:` only for this computer (the `npm start` demo): callers refuse any other http origin. */
const options = (issuer: URL, fetchImpl?: typeof fetch) => ({
  [oauth.allowInsecureRequests]: issuer.protocol === 'http:',
  ...(fetchImpl ? { [oauth.customFetch]: fetchImpl } : {}),
});

/** Discovery at `<apiBase>/.well-known/openid-configuration`: the API's origin is the issuer. */
export async function discover(apiBase: string, clientId: string, fetchImpl?: typeof fetch): Promise<AuthServer> {
  const issuer = new URL(apiBase);
  const as = await guard(async () =>
    oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options(issuer, fetchImpl))),
  );
  if (!as.code_challenge_methods_supported?.includes('S256')) {
    throw new SignInError('invalid-response', 'the authorization server does not offer PKCE with S256');
  }
  return { as, client: { client_id: clientId } };
}

/**
 * The authorization request (code, PKCE S256, state and nonce) to open in the sign-in window. `extra`
 * parameters go along, such as `prompt: 'login'`.
 */
export async function authorizationRequest(
  server: AuthServer,
  redirectUri: string,
  extra: Record<string, string> = {},
): Promise<PendingAuthorization> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(server.as.authorization_endpoint as string);
  const params = {
    client_id: server.client.client_id,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: SUPPORT_SCOPES,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { url: url.href, redirectUri, verifier, state, nonce };
}

/** Checks the redirect's `state` and exchanges its code for tokens (`now`: when the answer arrived). */
export async function exchangeCode(
  server: AuthServer,
  pending: PendingAuthorization,
  callbackUrl: string,
  now: () => Date,
  fetchImpl?: typeof fetch,
): Promise<TokenSet> {
  const issuer = new URL(server.as.issuer);
  return guard(async () => {
    const params = oauth.validateAuthResponse(server.as, server.client, new URL(callbackUrl), pending.state);
    const answer = await oauth.authorizationCodeGrantRequest(
      server.as,
      server.client,
      oauth.None(),
      params,
      pending.redirectUri,
      pending.verifier,
      options(issuer, fetchImpl),
    );
    const tokens = await oauth.processAuthorizationCodeResponse(server.as, server.client, answer, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
    return tokenSet(tokens, now(), null);
  });
}

/** Trades the refresh token for new tokens; the answer's refresh token replaces the old one. */
export async function refresh(
  server: AuthServer,
  refreshToken: string,
  now: () => Date,
  fetchImpl?: typeof fetch,
): Promise<TokenSet> {
  const issuer = new URL(server.as.issuer);
  return guard(async () => {
    const answer = await oauth.refreshTokenGrantRequest(
      server.as,
      server.client,
      oauth.None(),
      refreshToken,
      options(issuer, fetchImpl),
    );
    const tokens = await oauth.processRefreshTokenResponse(server.as, server.client, answer);
    return tokenSet(tokens, now(), refreshToken);
  });
}

/** Revokes a token (RFC 7009); revoking the refresh token ends the whole grant. */
export async function revoke(server: AuthServer, token: string, fetchImpl?: typeof fetch): Promise<void> {
  const issuer = new URL(server.as.issuer);
  await guard(async () => {
    const answer = await oauth.revocationRequest(server.as, server.client, oauth.None(), token, {
      ...options(issuer, fetchImpl),
      additionalParameters: { token_type_hint: 'refresh_token' },
    });
    await oauth.processRevocationResponse(answer);
  });
}

/** Opens the authorization URL in a sign-in window and resolves with the URL it was redirected to. */
export type WebAuthFlow = (authorizationUrl: string) => Promise<string>;

/**
 * The whole sign-in: discovery, the authorization request in `launch`'s window (the extension passes
 * `identity.launchWebAuthFlow`), the code exchange.
 */
export async function signInWithWebAuthFlow(input: {
  apiBase: string;
  clientId: string;
  redirectUri: string;
  launch: WebAuthFlow;
  now: () => Date;
  fetch?: typeof fetch;
  /** Extra authorization parameters (`prompt`, `ui_locales`, `login_hint`). */
  extra?: Record<string, string>;
}): Promise<TokenSet> {
  const server = await discover(input.apiBase, input.clientId, input.fetch);
  const pending = await authorizationRequest(server, input.redirectUri, input.extra);
  let callback: string;
  try {
    callback = await input.launch(pending.url);
  } catch (error) {
    throw new SignInError('cancelled', (error as Error)?.message ?? 'the sign-in window was closed');
  }
  return exchangeCode(server, pending, callback, input.now, input.fetch);
}

function tokenSet(tokens: oauth.TokenEndpointResponse, now: Date, previousRefresh: string | null): TokenSet {
  // Without `expires_in`, the API's ceiling (15 minutes) is assumed rather than "never".
  const seconds = typeof tokens.expires_in === 'number' ? tokens.expires_in : 900;
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? previousRefresh,
    expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
  };
}

/** oauth4webapi's errors, as {@link SignInError}s: the server's refusals apart from everything else. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SignInError) throw error;
    if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError) {
      throw new SignInError(
        'refused',
        `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`,
      );
    }
    if (error instanceof TypeError) throw new SignInError('network', error.message);
    throw new SignInError('invalid-response', (error as Error)?.message ?? String(error));
  }
}
