import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { type AccessTokenVerifier, unauthorized } from '../http/auth.js';

export interface AccessTokenRules {
  issuer: string;
  audience: string;
  /** The claim that names the user: our user id, or (for `email`) their sign-in email. Default `sub`. */
  userClaim: string;
  /** The keys: the embedded server's own public keys, or an external issuer's JWKS found through discovery. */
  keys: JWTVerifyGetKey;
  /** The API's clock (injected in tests): `exp` and `nbf` are checked against it. */
  now: () => Date;
  /** RFC 9068 `typ` (`at+jwt`), required of the embedded server's tokens; external issuers vary. */
  typ?: string;
}

// Asymmetric algorithms only: an HMAC "signature" with a public key as secret must never pass.
const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];

/**
 * Checks access tokens locally with jose: signature against the issuer's keys, `iss`, `aud`, `exp`, `nbf`
 * (a few seconds of tolerance), and the user claim. `role: "agent"` claims the support engineer role.
 */
export function accessTokenVerifier(rules: AccessTokenRules): AccessTokenVerifier {
  // A client sends the same token on every request for up to 15 minutes, and an ES256 check costs more than the
  // rest of `GET /v1/me` (measured: /v1/me with a JWT at 0.26–0.49 of the rate with a personal token). A token
  // that passed is remembered until its `exp`, checked on each use against the API's clock; a JWT cannot be
  // revoked before then anyway.
  const verified = new Map<string, { user: string; agent: boolean; exp: number }>();
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (known.exp * 1000 > rules.now().getTime() - 5000) return { user: known.user, agent: known.agent };
        verified.delete(token);
        throw unauthorized('The access token has expired.');
      }
      const result = await check(token);
      if (verified.size >= 10_000) verified.clear();
      verified.set(token, result);
      return { user: result.user, agent: result.agent };
    },
  };

  async function check(token: string): Promise<{ user: string; agent: boolean; exp: number }> {
    try {
      const { payload } = await jwtVerify(token, rules.keys, {
        issuer: rules.issuer,
        audience: rules.audience,
        algorithms: ALGORITHMS,
        currentDate: rules.now(),
        clockTolerance: 5,
        requiredClaims: ['exp', rules.userClaim],
        ...(rules.typ ? { typ: rules.typ } : {}),
      });
      const user = payload[rules.userClaim];
      if (typeof user !== 'string' || user.length === 0 || user.length > 254) {
        throw unauthorized('The access token names no user.');
      }
      return { user, agent: payload.role === 'agent', exp: payload.exp as number };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('The access token has expired.');
      if (error instanceof joseErrors.JOSEError) throw unauthorized('The access token is not valid.');
      throw error;
    }
  }
}

/** The embedded server's public keys (the private parts never leave it). */
export function localKeys(jwks: { keys: readonly Record<string, unknown>[] }): JWTVerifyGetKey {
  const keys = jwks.keys.map(({ d: _private, ...pub }) => pub);
  return createLocalJWKSet({ keys } as JSONWebKeySet);
}

/**
 * An external issuer's keys: its discovery document names its `jwks_uri`, fetched on the first token and cached
 * by jose (refetched when an unknown `kid` appears, at most every 30 s). A failed discovery is retried next time.
 */
export function discoveredKeys(issuer: string): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async () => {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5000),
    });
    const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
    if (!response.ok || metadata.issuer !== issuer || typeof metadata.jwks_uri !== 'string') {
      throw new Error(`the issuer ${issuer} has no usable discovery document`);
    }
    return createRemoteJWKSet(new URL(metadata.jwks_uri));
  };
  return async (header, token) => {
    keys ??= discover().catch((error) => {
      keys = undefined;
      throw error;
    });
    try {
      return await (await keys)(header, token);
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw error;
      throw unauthorized('The access token cannot be checked now: its issuer is unreachable.');
    }
  };
}
