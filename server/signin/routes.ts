import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import type { AppEnv, ServerContext } from '../context.js';
import { addressKey } from '../http/rate-limit.js';
import { memoryLimits } from '../http/shared-limits.js';
import { pickLang, SIGNIN_CSS, type SignInError, signInPage } from './page.js';
import { dummyHash, verifyPassword } from './passwords.js';

/** Failed sign-ins: 5 per account and 20 per client address, each refilled over 15 minutes. */
export const SIGNIN_LIMITS = {
  account: { burst: 5, perSecond: 5 / 900 },
  address: { burst: 20, perSecond: 20 / 900 },
};
/** Token and revocation requests per client address: 60 at once, one a second after. */
const TOKEN_ENDPOINT_LIMIT = { burst: 60, perSecond: 1 };

type Node = { incoming: IncomingMessage; outgoing: ServerResponse };
const node = (c: Context<AppEnv>) => c.env as unknown as Node;
const address = (c: Context<AppEnv>) => addressKey(node(c).incoming.socket.remoteAddress);

export interface SignInRouteOptions {
  /** The provider, built once the server listens (its issuer is the bound URL). */
  provider: () => Provider;
  /** Secret for the sign-in form's CSRF tokens. */
  csrfKey: string;
  clock?: () => number;
}

/**
 * The authorization server on the API's origin: discovery, the provider's endpoints under `/oauth/`, and
 * the sign-in page at `/signin/:uid` (the provider's login interaction).
 */
export function mountSignIn(app: Hono<AppEnv>, ctx: ServerContext, options: SignInRouteOptions): void {
  // Shared by every process on PostgreSQL: N processes must not give a guesser N times the attempts.
  const limits = options.clock ? memoryLimits(options.clock) : ctx.limits;
  const accounts = limits('signin-account', SIGNIN_LIMITS.account);
  const addresses = limits('signin-address', SIGNIN_LIMITS.address);
  const tokenCallers = limits('token-endpoint', TOKEN_ENDPOINT_LIMIT);
  const csrfFor = (uid: string) => createHmac('sha256', options.csrfKey).update(`signin:${uid}`).digest('base64url');

  const handOff = async (c: Context<AppEnv>, url?: string) => {
    const { incoming, outgoing } = node(c);
    if (url) incoming.url = url;
    await options.provider().callback()(incoming, outgoing);
    return RESPONSE_ALREADY_SENT;
  };
  app.get('/.well-known/openid-configuration', (c) => handOff(c));
  // RFC 8414 metadata: the same document (oidc-provider serves only the OpenID Connect path).
  app.get('/.well-known/oauth-authorization-server', (c) => handOff(c, '/.well-known/openid-configuration'));
  app.all('/oauth/*', async (c) => {
    if (c.req.method === 'POST' && (c.req.path === '/oauth/token' || c.req.path === '/oauth/revoke')) {
      const wait = await tokenCallers.take(address(c));
      if (wait > 0) {
        return c.json({ error: 'slow_down', error_description: `Too many requests: retry in ${wait} s.` }, 429, {
          'retry-after': String(wait),
        });
      }
    }
    return handOff(c);
  });

  app.get('/signin/signin.css', (c) =>
    c.body(SIGNIN_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }),
  );

  /** The interaction of this browser at `uid`, or undefined when it expired or belongs to another browser. */
  const details = async (c: Context<AppEnv>) => {
    const { incoming, outgoing } = node(c);
    try {
      const found = await options.provider().interactionDetails(incoming, outgoing);
      return found.uid === c.req.param('uid') ? found : undefined;
    } catch {
      return undefined;
    }
  };

  const page = (c: Context<AppEnv>, status: 200 | 400 | 401 | 403 | 429, html: string, formAction = '') => {
    // The demo pages' CSP, with the form's target: the client's redirect URI, where the browser is sent after.
    const csp =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
      `object-src 'none'; base-uri 'none'; form-action 'self'${formAction}; frame-ancestors 'none'`;
    return c.html(html, status, { 'content-security-policy': csp, 'cache-control': 'no-store' });
  };

  app.get('/signin/:uid', async (c) => {
    const lang = pickLang(c.req.query('ui_locales'), c.req.header('accept-language'));
    const found = await details(c);
    if (!found) return page(c, 400, signInPage({ lang, error: { kind: 'expired' } }));
    if (found.prompt.name === 'consent') return c.redirect(await consent(c, found), 303);
    const uid = found.uid;
    const client = await options.provider().Client.find(String(found.params.client_id));
    const html = signInPage({
      lang: pickLang(found.params.ui_locales, c.req.header('accept-language')),
      action: `/signin/${uid}`,
      csrf: csrfFor(uid),
      clientName: client?.clientName ?? String(found.params.client_id),
    });
    return page(c, 200, html, redirectOrigin(found.params.redirect_uri));
  });

  /**
   * Every client is first-party: consent (asked for with `prompt=consent`) is given without a screen, for the
   * scopes and resources the client asked and the provider found missing.
   */
  const consent = async (c: Context<AppEnv>, found: Interaction) => {
    const provider = options.provider();
    const accountId = found.session?.accountId;
    const { Grant } = provider;
    const grant =
      (found.grantId ? await Grant.find(found.grantId) : undefined) ??
      new Grant({ accountId, clientId: String(found.params.client_id) });
    const missing = found.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    const grantId = await grant.save();
    const { incoming, outgoing } = node(c);
    return provider.interactionResult(incoming, outgoing, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  app.post('/signin/:uid', bodyLimit({ maxSize: 4096 }), async (c) => {
    const found = await details(c);
    const lang = pickLang(found?.params.ui_locales, c.req.header('accept-language'));
    if (found?.prompt.name !== 'login') return page(c, 400, signInPage({ lang, error: { kind: 'expired' } }));
    const uid = found.uid;
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const email = field('email').trim().slice(0, 254);
    const formAction = redirectOrigin(found.params.redirect_uri);
    const again = (status: 400 | 401 | 403 | 429, error: SignInError) =>
      page(c, status, signInPage({ lang, action: `/signin/${uid}`, csrf: csrfFor(uid), email, error }), formAction);
    if (!sameToken(field('csrf'), csrfFor(uid)) || !sameOrigin(c)) return again(403, { kind: 'csrf' });
    const password = field('password');
    if (!email || !password) return again(400, { kind: 'missing' });

    const accountKey = email.toLowerCase();
    const wait = Math.max(await addresses.wait(address(c)), await accounts.wait(accountKey));
    if (wait > 0) {
      c.header('retry-after', String(wait));
      return again(429, { kind: 'throttled', retryAfterSeconds: wait });
    }
    const user = await ctx.repo.accounts.findUserByEmail(accountKey);
    const stored = user && (await ctx.repo.accounts.getPasswordHash(user.id));
    // An unknown email costs the same hash as a known one: the answer's timing does not tell which exist.
    const ok = (await verifyPassword(password.slice(0, 200), stored ?? (await dummyHash()))) && stored !== undefined;
    if (!ok || !user) {
      await addresses.spend(address(c), 1);
      await accounts.spend(accountKey, 1);
      ctx.logger.info({ reqId: c.get('requestId') }, 'sign-in refused');
      return again(401, { kind: 'invalid' });
    }
    const { incoming, outgoing } = node(c);
    const returnTo = await options
      .provider()
      .interactionResult(incoming, outgoing, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    ctx.logger.info({ reqId: c.get('requestId'), user: user.id }, 'signed in');
    return c.redirect(returnTo, 303);
  });
}

/** ` <origin>` of the client's redirect URI, for the form's CSP (the browser follows the redirects after it). */
function redirectOrigin(uri: unknown): string {
  try {
    const origin = new URL(String(uri)).origin;
    return /^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin) ? ` ${origin}` : '';
  } catch {
    return '';
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A browser says where a form was sent from: `Sec-Fetch-Site` (every current browser), else `Origin`. Under
 * the pages' `Referrer-Policy: no-referrer` Chromium sends `Origin: null` even from the same origin.
 */
function sameOrigin(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = c.req.header('origin');
  return !origin || origin === 'null' || origin === new URL(c.req.url).origin;
}
