/**
 * The extension's sign-in, kept by the background: the tokens of the "Sign in" button (authorization code
 * with PKCE against the API's own authorization server), renewed shortly before they expire, one renewal at
 * a time (the popup, the options page and the support frame ask the background by message), and revoked on
 * "Sign out". A pasted personal token is used while no sign-in is active.
 */
import { ApiError } from '../../client/api.js';
import {
  type AuthServer,
  discover,
  refresh,
  revoke,
  SignInError,
  signInWithWebAuthFlow,
  type WebAuthFlow,
} from '../../client/sign-in.js';
import { type AuthState, authItem, settingsItem, tokenItem, usableSettings } from './storage.js';

/** The extension's client at the API's authorization server (registered there with its redirect URIs). */
export const EXTENSION_CLIENT_ID = 'netscout-extension';
/** An access token is renewed once it has less than this left: a poll's calls and some clock skew fit. */
export const REFRESH_MARGIN_MS = 60_000;

export interface TokenKeeperDependencies {
  now: () => Date;
  fetch?: typeof fetch;
}

/** Whether the stored sign-in's access token must be renewed before use at `now`. */
export function needsRefresh(state: AuthState, now: Date): boolean {
  return state.status === 'signed-in' && Date.parse(state.expiresAt) - now.getTime() <= REFRESH_MARGIN_MS;
}

/** Whether there is a credential at all (a sign-in or a personal token), without renewing anything. */
export async function hasCredential(): Promise<boolean> {
  const [auth, token] = await Promise.all([authItem.getValue(), tokenItem.getValue()]);
  return auth.status === 'signed-in' || token !== '';
}

/** The background's keeper of the sign-in tokens: one instance, so one renewal at a time. */
export class TokenKeeper {
  readonly #deps: TokenKeeperDependencies;
  #refreshing: Promise<string> | null = null;
  readonly #servers = new Map<string, Promise<AuthServer>>();

  constructor(deps: TokenKeeperDependencies) {
    this.#deps = deps;
  }

  /**
   * A usable access token: the sign-in's (renewed first when it is about to expire), else the personal
   * token, else ''. A refused renewal signs the customer out (''); an unreachable server throws a
   * `network` {@link ApiError} once the current access token has expired.
   */
  async accessToken(): Promise<string> {
    const [auth, settings, personal] = await Promise.all([
      authItem.getValue(),
      settingsItem.getValue(),
      tokenItem.getValue(),
    ]);
    // Tokens of another API address are never sent to this one.
    if (auth.status !== 'signed-in' || auth.apiBase !== usableSettings(settings).apiBase) return personal;
    if (!needsRefresh(auth, this.#deps.now())) return auth.accessToken;
    this.#refreshing ??= this.#refresh(auth).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  /** Signs in through `launch` (the browser's web-auth window) and keeps the tokens. */
  async signIn(launch: WebAuthFlow, redirectUri: string): Promise<void> {
    const { apiBase } = usableSettings(await settingsItem.getValue());
    const tokens = await signInWithWebAuthFlow({
      apiBase,
      clientId: EXTENSION_CLIENT_ID,
      redirectUri,
      launch,
      now: this.#deps.now,
      fetch: this.#deps.fetch,
      // "Sign out" revokes the tokens but cannot end the server's session cookie in the web-auth window
      // (no end-session endpoint): without `prompt=login`, the next "Sign in" would silently be the same
      // person again, whoever now sits at this browser.
      extra: { prompt: 'login', ui_locales: uiLanguage() },
    });
    await authItem.setValue({ status: 'signed-in', apiBase, ...tokens });
  }

  /**
   * Forgets the tokens at once, then revokes the refresh token (which ends the grant at the server).
   * Resolves `false` when the server could not be told (the tokens are forgotten all the same).
   */
  async signOut(): Promise<boolean> {
    // A renewal under way would store a new refresh token after this one is revoked: let it finish first.
    await this.#refreshing?.catch(() => undefined);
    const auth = await authItem.getValue();
    await authItem.setValue({ status: 'signed-out', reason: 'signed-out' });
    if (auth.status !== 'signed-in' || !auth.refreshToken) return true;
    try {
      await revoke(await this.#server(auth.apiBase), auth.refreshToken, this.#deps.fetch);
      return true;
    } catch {
      return false;
    }
  }

  async #refresh(auth: Extract<AuthState, { status: 'signed-in' }>): Promise<string> {
    const now = this.#deps.now();
    if (!auth.refreshToken) {
      await authItem.setValue({ status: 'signed-out', reason: 'ended' });
      return '';
    }
    try {
      const tokens = await refresh(
        await this.#server(auth.apiBase),
        auth.refreshToken,
        this.#deps.now,
        this.#deps.fetch,
      );
      const current = await authItem.getValue();
      // Signed out (or in again) meanwhile: these tokens belong to nobody now.
      if (current.status !== 'signed-in' || current.refreshToken !== auth.refreshToken) return '';
      await authItem.setValue({ ...current, ...tokens });
      return tokens.accessToken;
    } catch (error) {
      if (error instanceof SignInError && error.kind === 'refused') {
        await authItem.setValue({ status: 'signed-out', reason: 'ended' });
        return '';
      }
      this.#servers.delete(auth.apiBase);
      // Unreachable: the current token still serves until it expires.
      if (Date.parse(auth.expiresAt) > now.getTime()) return auth.accessToken;
      throw new ApiError('network', `could not renew the sign-in: ${(error as Error).message}`);
    }
  }

  #server(apiBase: string): Promise<AuthServer> {
    let server = this.#servers.get(apiBase);
    if (!server) {
      server = discover(apiBase, EXTENSION_CLIENT_ID, this.#deps.fetch);
      server.catch(() => this.#servers.delete(apiBase));
      this.#servers.set(apiBase, server);
    }
    return server;
  }
}

/** The browser's language for the sign-in page (`en`, `fr`; the server picks the nearest it has). */
function uiLanguage(): string {
  return globalThis.navigator?.language ?? 'en';
}

/** The background's one keeper (its own clock). */
export const tokenKeeper = new TokenKeeper({ now: () => new Date() });
