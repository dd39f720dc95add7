import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../_lib/chromium.mjs';
import { type Harness, startHarness } from './_lib/harness.js';

// The sign-in page in Debian's Chromium: reached through a real authorization request, used with the keyboard
// only, checked by axe in both languages, and under its CSP (a violation would show in the console).
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

const redirectUri = () => `${h.server.url}/demo/onetouchat/`;

/** A new tab at the sign-in page, reached by the widget's authorization request (PKCE S256). */
async function openSignIn(locale: string): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const url = new URL(`${h.server.url}/oauth/authorize`);
  const params = {
    client_id: 'netscout-widget',
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid support',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    state: 'browser-test',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  await page.goto(url.href);
  await page.waitForSelector('form');
  return { page, violations };
}

/** axe's violations on the page (the script is evaluated through the DevTools protocol: the CSP stays on). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const run = (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run;
    return (await run()).violations.map((v) => v.id);
  });
  return results;
}

describe('the sign-in page in Chromium', () => {
  it.each([
    ['en-US', 'Sign in', 'en'],
    ['fr-FR', 'Se connecter', 'fr'],
  ])('has no axe violations in %s, before and after an error', async (locale, button, lang) => {
    const { page, violations } = await openSignIn(locale);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.textContent('button')).toBe(button);
    expect(await axe(page)).toEqual([]);
    await page.keyboard.type(h.server.demo.free.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alert"]');
    expect(await page.inputValue('#email')).toBe(h.server.demo.free.email);
    await page.waitForFunction(() => document.activeElement?.id === 'password');
    expect(await axe(page)).toEqual([]);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('signs in with the keyboard only and lands on the client with a code', async () => {
    const { page, violations } = await openSignIn('en-US');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    await page.keyboard.type(h.server.demo.gold.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(h.server.demo.gold.password);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    const landed = page.waitForURL((u) => u.href.startsWith(redirectUri()));
    await page.keyboard.press('Enter');
    await landed;
    const url = new URL(page.url());
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe('browser-test');
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
