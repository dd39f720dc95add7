import { decodeJwt } from 'jose';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAtServer } from '../../_lib/oauth.js';
import { fill, shown, stored, supportFrame, widgetText } from './_lib/addon-pages.js';
import { addonPage, type FirefoxHarness, startFirefoxHarness } from './_lib/harness.js';

interface StoredAuth {
  status: string;
  reason?: string;
  apiBase?: string;
  accessToken?: string;
  refreshToken?: string | null;
}

let h: FirefoxHarness;
beforeAll(async () => {
  h = await startFirefoxHarness();
});
afterAll(async () => {
  await h?.close();
});

/**
 * The server's sign-in page in Firefox's web-auth window (identity.launchWebAuthFlow), filled in as the
 * customer does. Firefox sends the answer to `https://<SHA-1 of the add-on id>.extensions.allizom.org/`,
 * which it catches itself: the window then closes.
 */
async function signInInAuthWindow(email: string, password: string): Promise<void> {
  const target = await h.browser.waitForTarget((t) => t.url().startsWith(`${h.server.url}/signin/`));
  const window = (await target.page())!;
  await fill(window, 'input[name="email"]', email);
  await fill(window, 'input[name="password"]', password);
  await window.locator('input[name="password"]').click();
  await window.keyboard.press('Enter');
}

const authIn = (page: Page) => stored<StoredAuth>(page, 'auth');

describe('signing in from the Firefox add-on (launchWebAuthFlow, code + PKCE, against the real server)', () => {
  it('signs the Gold customer in from the options page with Firefox’s web-auth window', async () => {
    const options = await addonPage(h, 'options.html');
    await fill(options, '#api-base', h.server.url);
    await options.click('#sign-in');
    const gold = h.server.demo.gold;
    await signInInAuthWindow(gold.email, gold.password);
    await options.waitForFunction(() =>
      document.getElementById('sign-in-status')?.textContent?.startsWith('Signed in'),
    );
    expect(await options.$eval('#sign-out', (e) => (e as HTMLElement).hidden)).toBe(false);

    const auth = await authIn(options);
    expect(auth).toMatchObject({ status: 'signed-in', apiBase: h.server.url });
    expect(decodeJwt(auth!.accessToken!)).toMatchObject({ sub: gold.userId, aud: h.server.oidc.audience });
    expect(auth!.refreshToken).toBeTypeOf('string');
    // No personal token was involved.
    expect((await stored<string>(options, 'token')) ?? '').toBe('');
    await options.close();
  });

  it('lists the customer’s cases in the popup and opens the widget, with the sign-in’s access token', async () => {
    const before = await addonPage(h, 'popup.html');
    const auth = (await authIn(before))!;
    await before.close();
    const filed = await fetch(`${h.server.url}/v1/incidents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${auth.accessToken}`,
        'content-type': 'application/json',
        'idempotency-key': `e2e-firefox-sign-in-${Date.now()}`,
      },
      body: JSON.stringify({
        serviceId: 'onetouchat',
        subject: 'Cable test stops at 40 percent in Firefox',
        description: 'Every cable test on the main switch port stops at 40 percent and reports a timeout.',
        deviceSerial: 'OTAT-12345',
        firmwareVersion: '6.5.1',
        contactEmail: h.server.demo.gold.email,
      }),
    });
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as { id: string };
    // The popup fetches the cases anew each time it opens.
    const popup = await addonPage(h, 'popup.html');
    await shown(popup, `li.case[data-case-id="${id}"]`);
    await shown(popup, 'button[data-action="sign-out"]');
    await popup.close();

    const page = await h.browser.newPage();
    await page.goto(`${h.site('onetouchat.com')}/`);
    await page.waitForFunction(() => document.documentElement.dataset.netscoutExtension === 'assistance');
    await page.click('#assistance-link');
    expect(await widgetText(await supportFrame(h, page), '[data-testid="gold"]')).toContain('Gold support is active');
    await page.close();
  });

  it('signs out from the popup: the tokens are gone and the server refuses the refresh token', async () => {
    const popup = await addonPage(h, 'popup.html');
    const before = (await authIn(popup))!;
    await popup.locator('button[data-action="sign-out"]').click();
    await shown(popup, '[data-testid="signed-out"]');
    expect(await authIn(popup)).toEqual({ status: 'signed-out', reason: 'signed-out' });
    const refused = await refreshAtServer(h.server.url, before.refreshToken!);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
    await popup.close();
  });
});
