// Names and lifetimes shared by the provider's configuration and the JWT bearer grant.

/** The scope of the support API: every access token for it carries it. */
export const SUPPORT_SCOPE = 'support';
/** Access tokens live 15 minutes at most (the ceiling); refresh tokens rotate on every use. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
/** RFC 7523 §2.1: a signed assertion as an authorization grant. */
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
