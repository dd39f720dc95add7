import type { Hono } from 'hono';
import type Provider from 'oidc-provider';
import type { AppEnv, ServerContext } from '../context.js';
import { type AccessTokenVerifier, unauthorized } from '../http/auth.js';
import { SettingError } from '../http/settings.js';
import { accessTokenVerifier, discoveredKeys, localKeys } from './access-tokens.js';
import { extensionRedirectUris, firstPartyClients, urlList } from './clients.js';
import { loadServerKeys, type ServerKeys } from './keys.js';
import { createAuthorizationServer } from './provider.js';
import { mountSignIn } from './routes.js';

type Env = Record<string, string | undefined>;

/** How the API learns who is calling, from `NETSCOUT_*` variables. */
export interface SignInSettings {
  /** `NETSCOUT_PUBLIC_URL`: the origin browsers use (the embedded issuer); default the bound URL. */
  publicUrl?: string;
  /** `NETSCOUT_OIDC_ISSUER`, `NETSCOUT_OIDC_AUDIENCE`, `NETSCOUT_OIDC_USER_CLAIM`: an external issuer. */
  external?: { issuer: string; audience: string; userClaim: string };
  widgetRedirectUris: string[];
  extensionRedirectUris: string[];
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
  /** The issuer and audience of accepted access tokens, once started. */
  issuer = '';
  audience = '';

  private constructor(
    private readonly ctx: ServerContext,
    private readonly settings: SignInSettings,
    private readonly keys: ServerKeys,
  ) {}

  static async create(ctx: ServerContext, settings: SignInSettings): Promise<SignInService> {
    return new SignInService(ctx, settings, await loadServerKeys(ctx.dataDir, ctx.now()));
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
    mountSignIn(app, this.ctx, { provider: () => this.provider(), csrfKey: this.keys.cookies[0] });
  }

  /** Builds the provider for `boundUrl` (unless `NETSCOUT_PUBLIC_URL` names the origin) and the token check. */
  start(boundUrl: string): void {
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
    this.issuer = this.settings.publicUrl ?? boundUrl;
    this.audience = `${this.issuer}/v1`;
    const origins = [this.issuer];
    if (!this.settings.publicUrl) origins.push(boundUrl.replace('//127.0.0.1:', '//localhost:'));
    this.#provider = createAuthorizationServer({
      issuer: this.issuer,
      audience: this.audience,
      keys: this.keys,
      store: this.ctx.repo.authorization,
      accounts: this.ctx.repo.accounts,
      clients: firstPartyClients([...new Set(origins)], this.settings),
      logger: this.ctx.logger,
    });
    this.#verifier = accessTokenVerifier({
      issuer: this.issuer,
      audience: this.audience,
      userClaim: 'sub',
      keys: localKeys({ keys: this.keys.signing.map((k) => k.jwk) }),
      now: this.ctx.now,
      typ: 'at+jwt',
    });
  }
}
