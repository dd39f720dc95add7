import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ApiError } from '../../client/api.js';
import type { WebAuthFlow } from '../../client/sign-in.js';
import { REFRESH_MARGIN_MS, TokenKeeper } from '../../extension/lib/auth.js';
import { readToken } from '../../extension/lib/settings-reader.js';
import { authItem, DEFAULT_SETTINGS, settingsItem, tokenItem } from '../../extension/lib/storage.js';
import { pollOnce } from '../../extension/lib/sync.js';
import { type RunningServer, startServer } from '../../server/index.js';
import { refreshAtServer as refreshAtServerOf } from '../_lib/oauth.js';
import { CookieJar, csrfOf } from '../server/_lib/signin.js';

/** The background's keeper of the sign-in, with WXT's fake browser, against the real reference server. */

const REDIRECT_URI = 'https://odkjjkhldblfpjljodhenbaghdngooal.chromiumapp.org/';
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'netscout-ext-auth-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The web-auth window, as plain HTTP: the server's real sign-in form, followed to the redirect URI. */
const webAuthAs =
  (email: string, password: string): WebAuthFlow =>
  async (url) => {
    const jar = new CookieJar();
    const signInUrl = new URL((await jar.fetch(url)).headers.get('location') ?? '', server.url);
    const csrf = csrfOf(await (await jar.fetch(signInUrl)).text());
    let response = await jar.fetch(signInUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: signInUrl.origin },
      body: new URLSearchParams({ csrf, email, password }),
    });
    let location = response.headers.get('location');
    for (let hops = 0; location && !location.startsWith(REDIRECT_URI) && hops < 5; hops++) {
      response = await jar.fetch(new URL(location, server.url));
      location = response.headers.get('location');
    }
    if (!location?.startsWith(REDIRECT_URI)) throw new Error(`no redirect to the extension: ${response.status}`);
    return location;
  };

/** A keeper on a clock the test moves. */
function keeperAt(start: number, fetchImpl?: typeof fetch) {
  const clock = { now: start };
  return { clock, keeper: new TokenKeeper({ now: () => new Date(clock.now), fetch: fetchImpl }) };
}

async function signedInKeeper(fetchImpl?: typeof fetch) {
  const made = keeperAt(Date.now(), fetchImpl);
  const gold = server.demo.gold;
  await made.keeper.signIn(webAuthAs(gold.email, gold.password), REDIRECT_URI);
  return made;
}

const stored = async () => {
  const auth = await authItem.getValue();
  if (auth.status !== 'signed-in') throw new Error(`not signed in: ${auth.reason}`);
  return auth;
};

const refreshAtServer = (refreshToken: string) => refreshAtServerOf(server.url, refreshToken);

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: server.url });
});

describe('the sign-in tokens in storage.local', () => {
  it('are kept after sign-in, for this API, and used as they are while far from expiry', async () => {
    const { clock, keeper } = await signedInKeeper();
    const auth = await stored();
    expect(auth.apiBase).toBe(server.url);
    expect(auth.refreshToken).toBeTypeOf('string');
    expect(Date.parse(auth.expiresAt) - clock.now).toBe(900_000);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    clock.now = Date.parse(auth.expiresAt) - REFRESH_MARGIN_MS - 1000;
    expect(await keeper.accessToken()).toBe(auth.accessToken);
    expect((await stored()).refreshToken).toBe(auth.refreshToken);
  });

  it('are renewed shortly before expiry, once for many callers, the rotated refresh token kept', async () => {
    const { clock, keeper } = await signedInKeeper();
    const before = await stored();
    clock.now = Date.parse(before.expiresAt) - 30_000;
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => keeper.accessToken()));
    const after = await stored();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // A second renewal would have sent the old refresh token: the server then revokes the whole sign-in.
    expect(new Set(answers)).toEqual(new Set([after.accessToken]));
    expect(Date.parse(after.expiresAt)).toBe(clock.now + 900_000);
    const old = await refreshAtServer(before.refreshToken as string);
    expect(old.status).toBe(400);
  });

  it('are dropped when the server refuses the renewal: signed out, and why', async () => {
    const { clock, keeper } = await signedInKeeper();
    const auth = await stored();
    await refreshAtServer(auth.refreshToken as string); // Used elsewhere: this copy is now refused.
    clock.now = Date.parse(auth.expiresAt) + 1000;
    expect(await keeper.accessToken()).toBe('');
    expect(await authItem.getValue()).toEqual({ status: 'signed-out', reason: 'ended' });
  });

  it('keep serving while the server is unreachable, until the access token expires', async () => {
    const unreachable = async () => {
      throw new TypeError('fetch failed');
    };
    let offline = false;
    const { clock, keeper } = await signedInKeeper((input, init) => (offline ? unreachable() : fetch(input, init)));
    const auth = await stored();
    offline = true;
    clock.now = Date.parse(auth.expiresAt) - 30_000;
    expect(await keeper.accessToken()).toBe(auth.accessToken);
    clock.now = Date.parse(auth.expiresAt) + 1000;
    await expect(keeper.accessToken()).rejects.toMatchObject({ code: 'network' });
    await expect(keeper.accessToken()).rejects.toBeInstanceOf(ApiError);
    expect((await authItem.getValue()).status).toBe('signed-in');
  });

  it('are never sent to another API address; the personal token is used there', async () => {
    const { keeper } = await signedInKeeper();
    await tokenItem.setValue('pasted-token');
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiBase: 'https://other.example' });
    expect(await keeper.accessToken()).toBe('pasted-token');
  });

  it('are revoked by Sign out: forgotten here, refused by the server', async () => {
    const { keeper } = await signedInKeeper();
    const auth = await stored();
    expect(await keeper.signOut()).toBe(true);
    expect(await authItem.getValue()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    expect(await keeper.accessToken()).toBe('');
    const refused = await refreshAtServer(auth.refreshToken as string);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('are not stored when the window is closed, or answers for another sign-in (state)', async () => {
    const { keeper } = keeperAt(Date.now());
    const closed: WebAuthFlow = async () => {
      throw new Error('The user did not approve access.');
    };
    await expect(keeper.signIn(closed, REDIRECT_URI)).rejects.toMatchObject({ kind: 'cancelled' });
    // An attacker's own authorization response (a real code, another state) handed to this sign-in.
    const gold = server.demo.gold;
    const forged: WebAuthFlow = async (url) => {
      const callback = new URL(await webAuthAs(gold.email, gold.password)(url));
      callback.searchParams.set('state', 'attacker-state');
      return callback.href;
    };
    await expect(keeper.signIn(forged, REDIRECT_URI)).rejects.toMatchObject({ kind: 'invalid-response' });
    expect(await authItem.getValue()).toEqual({ status: 'signed-out', reason: 'never' });
  });

  it('serve the background poll: the account is fetched with the JWT access token', async () => {
    const { keeper } = await signedInKeeper();
    const outcome = await pollOnce({
      now: () => new Date(),
      t: (key) => key,
      accessToken: () => keeper.accessToken(),
    });
    expect(outcome.kind).toBe('synced');
  });
});

describe('the support frame’s token (readToken)', () => {
  it('asks the background for the access token while signed in, else gives the personal token', async () => {
    await tokenItem.setValue('pasted-token');
    expect(await readToken()).toBe('pasted-token');
    await authItem.setValue({
      status: 'signed-in',
      apiBase: server.url,
      accessToken: 'access-from-background',
      refreshToken: 'r',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    });
    fakeBrowser.runtime.onMessage.addListener((message: unknown) =>
      (message as { type?: string }).type === 'access-token' ? Promise.resolve('fresh-access-token') : undefined,
    );
    expect(await readToken()).toBe('fresh-access-token');
  });
});
