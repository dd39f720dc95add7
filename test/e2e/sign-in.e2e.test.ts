import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAtServer as refreshAtServerOf } from '../_lib/oauth.js';
import { api, extensionPage, supportFrame } from './_lib/extension-pages.js';
import { type Harness, startHarness } from './_lib/harness.js';

/** The extension APIs, as the service worker sees them (these functions run there, not in Node). */
declare const chrome: typeof import('wxt/browser').browser;

interface StoredAuth {
  status: string;
  reason?: string;
  apiBase?: string;
  accessToken?: string;
  refreshToken?: string | null;
  expiresAt?: string;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const storedAuth = async () =>
  (await h.worker.evaluate(() => chrome.storage.local.get('auth'))).auth as StoredAuth | undefined;

const refreshAtServer = (refreshToken: string) => refreshAtServerOf(h.server.url, refreshToken);

/** The server's sign-in page, in the browser's web-auth window, filled in as the customer does. */
async function signInInAuthWindow(window: Page, email: string, password: string): Promise<void> {
  await window.waitForURL(`${h.server.url}/signin/**`);
  await window.fill('input[name="email"]', email);
  await window.fill('input[name="password"]', password);
  await window.press('input[name="password"]', 'Enter');
}

describe('signing in from the extension (launchWebAuthFlow, code + PKCE, against the real server)', () => {
  it('signs the Gold customer in from the options page with the real web-auth window', async () => {
    const options = await extensionPage(h, 'options.html');
    await options.fill('#api-base', h.server.url);
    // The browser's own web-auth window (a tab Playwright can drive): headless Chromium shows it.
    const authWindow = h.context.waitForEvent('page');
    await options.click('#sign-in');
    const gold = h.server.demo.gold;
    await signInInAuthWindow(await authWindow, gold.email, gold.password);
    await options.waitForFunction(() =>
      document.getElementById('sign-in-status')?.textContent?.startsWith('Signed in'),
    );
    expect(await options.isVisible('#sign-out')).toBe(true);
    // The connection test uses the sign-in when no personal token is typed.
    await options.click('#test');
    await options.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Connected as '));
    await options.close();

    const auth = await storedAuth();
    expect(auth).toMatchObject({ status: 'signed-in', apiBase: h.server.url });
    expect(decodeJwt(auth!.accessToken!)).toMatchObject({ sub: gold.userId, aud: h.server.oidc.audience });
    expect(auth!.refreshToken).toBeTypeOf('string');
    // No personal token was involved.
    expect((await h.worker.evaluate(() => chrome.storage.local.get('token'))).token ?? '').toBe('');
  });

  it('lists the customer’s cases in the popup, fetched with the JWT access token', async () => {
    const auth = (await storedAuth())!;
    const filed = await fetch(`${h.server.url}/v1/incidents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${auth.accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': `e2e-sign-in-${Date.now()}`,
      },
      body: JSON.stringify({
        serviceId: 'onetouchat',
        subject: 'Cable test stops at 40 percent',
        description: 'Every cable test on the main switch port stops at 40 percent and reports a timeout.',
        deviceSerial: 'OTAT-12345',
        firmwareVersion: '6.5.1',
        contactEmail: h.server.demo.gold.email,
      }),
    });
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as { id: string };
    const popup = await extensionPage(h, 'popup.html');
    await popup.locator(`li.case[data-case-id="${id}"]`).waitFor();
    expect(await popup.locator('a.new-incident').first().textContent()).toContain('OneTouchAT.com');
    expect(await popup.isVisible('button[data-action="sign-out"]')).toBe(true);
    await popup.close();
  });

  it('gives the support frame’s widget the access token (its tokenProvider)', async () => {
    const page = await h.context.newPage();
    await page.goto('http://onetouchat.com/');
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    await page.click('#assistance-link');
    const widget = (await supportFrame(h, page)).locator('netscout-support');
    await widget.locator('[data-testid="gold"]').waitFor();
    expect(await widget.locator('[data-testid="gold"]').textContent()).toContain('Gold support is active');
    await page.close();
  });

  it('renews an expiring access token once, however many pages ask at the same moment', async () => {
    const before = (await storedAuth())!;
    // A minute before expiry (this computer's clock): the next use renews it first.
    await h.worker.evaluate(
      (auth) => chrome.storage.local.set({ auth: { ...auth, expiresAt: new Date(Date.now() + 30_000).toISOString() } }),
      before,
    );
    const popup = await extensionPage(h, 'popup.html');
    const options = await extensionPage(h, 'options.html');
    const ask = (page: Page) =>
      page.evaluate(() =>
        Promise.all([1, 2, 3].map(() => chrome.runtime.sendMessage({ type: 'access-token' }) as Promise<string>)),
      );
    const answers = (await Promise.all([ask(popup), ask(options)])).flat();
    const after = (await storedAuth())!;
    expect(after.status).toBe('signed-in');
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // One renewal: every page got the same new token (a second renewal would have reused the old refresh
    // token, which the server answers by revoking the whole sign-in).
    expect(new Set(answers)).toEqual(new Set([after.accessToken]));
    expect((await api(h, 'GET', '/v1/me', after.accessToken!)).user.id).toBe(h.server.demo.gold.userId);
    await Promise.all([popup.close(), options.close()]);
  });

  it('signs out from the popup: the tokens are gone and the server refuses the refresh token', async () => {
    const before = (await storedAuth())!;
    const popup = await extensionPage(h, 'popup.html');
    await popup.click('button[data-action="sign-out"]');
    await popup.locator('[data-testid="signed-out"]').waitFor();
    expect(await storedAuth()).toEqual({ status: 'signed-out', reason: 'signed-out' });
    const refused = await refreshAtServer(before.refreshToken!);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
    await popup.close();
  });

  it('signs in again from the popup; a renewal the server refuses shows the customer signed out', async () => {
    const popup = await extensionPage(h, 'popup.html');
    const authWindow = h.context.waitForEvent('page');
    await popup.click('button[data-action="sign-in"]');
    const gold = h.server.demo.gold;
    await signInInAuthWindow(await authWindow, gold.email, gold.password);
    await popup.locator('button[data-action="sign-out"]').waitFor();
    await popup.locator('li.case').first().waitFor();

    // Revoked elsewhere (another device, the server's operator), and about to expire here.
    const auth = (await storedAuth())!;
    const revoked = await fetch(`${h.server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: auth.refreshToken!, client_id: 'netscout-extension' }),
    });
    expect(revoked.status).toBe(200);
    await h.worker.evaluate(
      (stored) => chrome.storage.local.set({ auth: { ...stored, expiresAt: new Date().toISOString() } }),
      auth,
    );
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'poll-now' }));
    await popup.locator('[data-testid="sign-in-ended"]').waitFor();
    expect(await popup.locator('[data-testid="sign-in-ended"]').textContent()).toContain('Sign in again');
    expect(await storedAuth()).toEqual({ status: 'signed-out', reason: 'ended' });
    expect(await popup.locator('li.case').count()).toBe(0);
    await popup.close();
  });
});
