import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './_lib/harness.js';

/**
 * The demo homepages and the partner portal sign their demo user in as a real service site would: the page's
 * backend exchanges its session for a short-lived support token (JWT bearer grant), and the widget asks for it
 * through `tokenProvider`. No `?token=` in the address. (The harness serves the OneTouchAT demo homepage as
 * `embedded.html`: its `/` is the extension's test homepage.)
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Opens a demo page and records the bearer credentials the widget sends to the API. */
async function openDemo(path: string): Promise<{ page: Page; bearers: string[] }> {
  const page = await h.context.newPage();
  const bearers: string[] = [];
  page.on('request', (request) => {
    const auth = request.headers().authorization;
    if (request.url().includes('/v1/') && auth) bearers.push(auth.replace(/^Bearer /, ''));
  });
  await page.goto(`${h.server.url}${path}`);
  return { page, bearers };
}

const isJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

describe('the demo pages sign in without a token in the address', () => {
  it('opens the OneTouchAT homepage’s widget for its Gold customer, with a short-lived access token', async () => {
    const { page, bearers } = await openDemo('/demo/onetouchat/embedded.html');
    await page.click('a[data-netscout-support]');
    const gold = page.locator('netscout-support [data-testid="gold"]');
    await gold.waitFor();
    expect(await gold.textContent()).toContain('Gold support is active until');
    expect(bearers.length).toBeGreaterThan(0);
    expect(bearers.every(isJwt)).toBe(true);
    expect(Object.values(h.server.demo).map((d) => d.token)).not.toContain(bearers[0]);
    await page.close();
  });

  it('switches the demo session to another customer of the site, and the widget follows', async () => {
    const { page } = await openDemo('/demo/onetouchat/embedded.html');
    await page.selectOption('#demo-user', 'goldLapsed');
    await Promise.all([page.waitForURL(/as=goldLapsed/), page.click('#demo-session button[type="submit"]')]);
    await page.click('a[data-netscout-support]');
    const gold = page.locator('netscout-support [data-testid="gold"]');
    await gold.waitFor();
    expect(await gold.textContent()).toContain('Gold support ended on');
    await page.close();
  });

  it('shows the partner portal’s inline widget for its signed-in customer', async () => {
    const { page, bearers } = await openDemo('/demo/portal/');
    const plan = page.locator('netscout-support [data-testid="plan"]');
    await plan.waitFor();
    expect(await plan.textContent()).toContain('LinkSprinter');
    expect(bearers.every(isJwt)).toBe(true);
    await page.close();
  });
});
