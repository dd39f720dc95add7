import { errors } from 'oidc-provider';

// Names, lifetimes and limits shared by the provider's configuration and the JWT bearer grant.

/** The scope of the support API: every access token for it carries it. */
export const SUPPORT_SCOPE = 'support';
/** Access tokens live 15 minutes at most (the ceiling); refresh tokens rotate on every use. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
/** RFC 7523 §2.1: a signed assertion as an authorization grant. */
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Tokens one account may get by one grant type: 30 at once, then one every 2 seconds (a page view needs one). */
export const USER_LIMIT = { burst: 30, perSecond: 0.5 };

/** The token endpoint's refusal of one account asking too often: `slow_down`, with 429 and the wait. */
export function slowDown(wait: number): Error {
  const error = new errors.CustomOIDCProviderError('slow_down', `too many tokens for this user: retry in ${wait} s`);
  return Object.assign(error, { status: 429, statusCode: 429 });
}
