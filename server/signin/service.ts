import type { Hono } from 'hono';
import { type JWK, type JWTVerifyGetKey, errors as joseErrors } from 'jose';
import type Provider from 'oidc-provider';
import type { AppEnv, ServerContext } from '../context.js';
import type { DemoKey } from '../demo/seed.js';
import { type AccessTokenVerifier, unauthorized } from '../http/auth.js';
import { SettingError } from '../http/settings.js';
import { accessTokenVerifier, discoveredKeys, localKeys } from './access-tokens.js';
import { extensionRedirectUris, firstPartyClients, urlList } from './clients.js';
import { type PartnerSite, partnerClient, registerJwtBearer } from './jwt-bearer.js';
import { loadServerKeys, type ServerKeys } from './keys.js';
import { DEMO_SITE_ID, loadDemoSiteKey, mountDemoSite, partnerSitesFromEnv, publicJwk } from './partners.js';
import { createAuthorizationServer } from './provider.js';
import { mountSignIn } from './routes.js';

type Env = Record<string, string | undefined>;

/** How often a process reads the store's signing keys (another process may have rotated them). */
const KEY_CHECK_MS = 60_000;

/** How the API learns who is calling, from `NETSCOUT_*` variables. */
export interface SignInSettings {
  /** `NETSCOUT_PUBLIC_URL`: the origin browsers use (the embedded issuer); default the bound URL. */
  publicUrl?: string;
  /** `NETSCOUT_OIDC_ISSUER`, `NETSCOUT_OIDC_AUDIENCE`, `NETSCOUT_OIDC_USER_CLAIM`: an external issuer. */
  external?: { issuer: string; audience: string; userClaim: string };
  widgetRedirectUris: string[];
  extensionRedirectUris: string[];
  /** `NETSCOUT_PARTNER_SITES`: the sites that may use the JWT bearer grant. */
  partners: PartnerSite[];
}

function absoluteUrl(name: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // Reported below.
  }
  throw new SettingError(`${name} must be an absolute http(s) URL, not "${value.slice(0, 100)}"`);
}

/** Reads and checks the sign-in settings; a bad one stops the start. */
export function signInSettingsFromEnv(env: Env = process.env): SignInSettings {
  const publicUrl = env.NETSCOUT_PUBLIC_URL
    ? absoluteUrl('NETSCOUT_PUBLIC_URL', env.NETSCOUT_PUBLIC_URL).replace(/\/$/, '')
    : undefined;
  // The provider's routes are mounted at the root of the origin: an issuer with a path would not match them.
  if (publicUrl && new URL(publicUrl).origin !== publicUrl) {
    throw new SettingError(
      `NETSCOUT_PUBLIC_URL must be an origin (scheme, host, port), not "${publicUrl.slice(0, 100)}"`,
    );
  }
  let external: SignInSettings['external'];
  if (env.NETSCOUT_OIDC_ISSUER) {
    const issuer = absoluteUrl('NETSCOUT_OIDC_ISSUER', env.NETSCOUT_OIDC_ISSUER);
    const audience = env.NETSCOUT_OIDC_AUDIENCE;
    if (!audience) throw new SettingError('NETSCOUT_OIDC_AUDIENCE must be set with NETSCOUT_OIDC_ISSUER');
    const userClaim = env.NETSCOUT_OIDC_USER_CLAIM || 'sub';
    if (!/^[A-Za-z0-9_.:/-]{1,100}$/.test(userClaim)) {
      throw new SettingError(`NETSCOUT_OIDC_USER_CLAIM must be a claim name, not "${userClaim.slice(0, 100)}"`);
    }
    external = { issuer, audience, userClaim };
  }
  const check = (name: string) => urlList(env[name], []).map((u) => absoluteUrl(name, u));
  return {
    publicUrl,
    external,
    widgetRedirectUris: check('NETSCOUT_OIDC_WIDGET_REDIRECT_URIS'),
    extensionRedirectUris:
      env.NETSCOUT_OIDC_EXTENSION_REDIRECT_URIS === undefined
        ? extensionRedirectUris()
        : check('NETSCOUT_OIDC_EXTENSION_REDIRECT_URIS'),
    partners: partnerSitesFromEnv(env),
  };
}

/**
 * Sign-in for the API: the embedded authorization server (mounted on the app, started once the server's URL
 * is known) and the access-token check the authenticator uses. With an external issuer configured, the
 * embedded one is not mounted and only the external issuer's tokens are accepted (besides personal tokens).
 */
export class SignInService {
  #provider: Provider | undefined;
  #verifier: AccessTokenVerifier | undefined;
  #boundUrl = '';
  #isAllowedOrigin: (origin: string) => boolean = () => false;
  #keys: ServerKeys;
  #localKeys: JWTVerifyGetKey;
  #checkedAt = 0;
  #checking: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** The issuer and audience of accepted access tokens, once started. */
  issuer = '';
  audience = '';

  private constructor(
    private readonly ctx: ServerContext,
    private readonly settings: SignInSettings,
    keys: ServerKeys,
    private readonly demo: { key: JWK; users: Partial<Record<DemoKey, string>> } | undefined,
  ) {
    this.#keys = keys;
    this.#localKeys = localKeys({ keys: keys.signing.map((k) => k.jwk) });
  }

  /** `demoUsers`: the seeded demo users, whose homepages sign in through the demo site's backend. */
  static async create(
    ctx: ServerContext,
    settings: SignInSettings,
    demoUsers: Partial<Record<DemoKey, string>> = {},
  ): Promise<SignInService> {
    const keys = await loadServerKeys(ctx.repo.meta, ctx.now(), ctx.dataDir);
    const demo =
      Object.keys(demoUsers).length > 0
        ? { key: await loadDemoSiteKey(ctx.repo.meta, ctx.dataDir), users: demoUsers }
        : undefined;
    return new SignInService(ctx, settings, keys, demo);
  }

  /** The partner sites, the demo homepages' backend included when the demo is seeded. */
  get partners(): PartnerSite[] {
    const demo = this.demo && {
      clientId: DEMO_SITE_ID,
      name: 'NetScout demo homepages',
      publicJwk: publicJwk(this.demo.key),
    };
    return demo ? [...this.settings.partners, demo] : this.settings.partners;
  }

  /** What the authenticator calls; it refuses every JWT until {@link start}. */
  readonly accessTokens: AccessTokenVerifier = {
    verify: (token) => {
      if (!this.#verifier) return Promise.reject(unauthorized('Access tokens are not accepted yet: retry.'));
      return this.#verifier.verify(token);
    },
  };

  /** The embedded provider (throws when an external issuer replaces it). */
  provider(): Provider {
    if (!this.#provider) throw new Error('the embedded authorization server is not running');
    return this.#provider;
  }

  mount(app: Hono<AppEnv>): void {
    if (this.settings.external) return;
    mountSignIn(app, this.ctx, { provider: () => this.provider(), csrfKey: this.#keys.cookies[0] });
    const demo = this.demo;
    if (demo) {
      mountDemoSite(app, {
        key: demo.key,
        users: demo.users,
        tokenEndpoint: () => ({ audience: `${this.issuer}/oauth/token`, url: `${this.#boundUrl}/oauth/token` }),
      });
    }
  }

  /**
   * Builds the provider for `boundUrl` (unless `NETSCOUT_PUBLIC_URL` names the origin) and the token check. Browsers may
   * call its token and revocation endpoints from a client's redirect origin or an origin the API allows.
   */
  async start(boundUrl: string, isAllowedOrigin: (origin: string) => boolean = () => false): Promise<void> {
    this.#boundUrl = boundUrl;
    const { external } = this.settings;
    if (external) {
      this.issuer = external.issuer;
      this.audience = external.audience;
      this.#verifier = accessTokenVerifier({
        ...external,
        keys: discoveredKeys(external.issuer),
        now: this.ctx.now,
      });
      return;
    }
    // Expired sessions, codes and tokens are never read again (the store skips them): removed once per start.
    await this.ctx.repo.authorization.removeExpired(Date.now());
    this.issuer = this.settings.publicUrl ?? boundUrl;
    this.audience = `${this.issuer}/v1`;
    this.#isAllowedOrigin = isAllowedOrigin;
    await this.#build();
    this.#verifier = accessTokenVerifier({
      issuer: this.issuer,
      audience: this.audience,
      userClaim: 'sub',
      keys: (header, token) => this.#key(header, token),
      now: this.ctx.now,
      typ: 'at+jwt',
    });
    this.#checkedAt = performance.now();
    this.#timer = setInterval(() => void this.#checkKeys(), KEY_CHECK_MS);
    this.#timer.unref();
  }

  /** Stops checking the store for new keys (the server is closing). */
  stop(): void {
    clearInterval(this.#timer);
  }

  /** The provider, signing with the newest of {@link #keys}; rebuilt when another process rotated them. */
  async #build(): Promise<void> {
    const widgetRedirectUris = [...this.settings.widgetRedirectUris];
    const origins = [this.issuer];
    if (!this.settings.publicUrl) {
      origins.push(this.#boundUrl.replace('//127.0.0.1:', '//localhost:'));
      // The service homepages as this server serves them by Host (the extension's tests map the real hosts here).
      const port = new URL(this.#boundUrl).port;
      widgetRedirectUris.push(`http://onetouchat.com:${port}/`, `http://linksprinter.com:${port}/`);
    }
    const provider = createAuthorizationServer({
      issuer: this.issuer,
      audience: this.audience,
      keys: this.#keys,
      store: this.ctx.repo.authorization,
      accounts: this.ctx.repo.accounts,
      clients: [
        ...firstPartyClients([...new Set(origins)], { ...this.settings, widgetRedirectUris }),
        ...this.partners.map(partnerClient),
      ],
      logger: this.ctx.logger,
      isAllowedOrigin: this.#isAllowedOrigin,
      limits: this.ctx.limits,
    });
    await registerJwtBearer(provider, {
      sites: this.partners,
      audience: this.audience,
      accounts: this.ctx.repo.accounts,
      tokenEndpoint: `${this.issuer}/oauth/token`,
      limits: this.ctx.limits,
    });
    this.#provider = provider;
  }

  /** The public key a token names; a `kid` not known here makes this process read the store's keys again. */
  async #key(...args: Parameters<JWTVerifyGetKey>) {
    try {
      return await this.#localKeys(...args);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      // At most once a second: tokens with made-up `kid`s must not each cost a read of the store.
      if (performance.now() - this.#checkedAt < 1000 || !(await this.#checkKeys())) throw error;
      return this.#localKeys(...args);
    }
  }

  /**
   * Reads the store's keys (rotating them when due) and takes them up when they changed: another process
   * rotated them, or a retired key's overlap ended. True when they changed.
   */
  #checkKeys(): Promise<boolean> {
    this.#checking ??= (async () => {
      try {
        const keys = await loadServerKeys(this.ctx.repo.meta, this.ctx.now());
        this.#checkedAt = performance.now();
        const kids = (k: ServerKeys) => k.signing.map((key) => key.jwk.kid).join(' ');
        if (kids(keys) === kids(this.#keys)) return false;
        this.#keys = keys;
        this.#localKeys = localKeys({ keys: keys.signing.map((k) => k.jwk) });
        await this.#build();
        this.ctx.logger.info({ kids: keys.signing.map((k) => k.jwk.kid) }, 'took up new signing keys');
        return true;
      } catch (error) {
        this.ctx.logger.error({ err: error }, 'could not read the signing keys: keeping those in use');
        return false;
      } finally {
        this.#checking = undefined;
      }
    })();
    return this.#checking;
  }
}
