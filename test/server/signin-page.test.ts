import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './_lib/harness.js';
import { csrfOf, postSignIn, startFlow } from './_lib/signin.js';

let h: Harness;
let redirectUri: string;
beforeAll(async () => {
  h = await startHarness();
  redirectUri = `${h.server.url}/demo/linksprinter/`;
});
afterAll(() => h.stop());

const flow = (extra: Record<string, string> = {}) => startFlow(h.server.url, 'netscout-widget', redirectUri, extra);

describe('the sign-in page', () => {
  it('is a form with labelled fields, no script, under the demo pages’ CSP', async () => {
    const f = await flow();
    const page = await f.jar.fetch(f.signInUrl);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toContain('autocomplete="current-password"');
  });

  it('speaks French when the client asks for it', async () => {
    const f = await flow({ ui_locales: 'fr' });
    const html = await (await f.jar.fetch(f.signInUrl)).text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Mot de passe');
  });

  it('says clearly when the password is wrong, keeps the email, and focuses the password', async () => {
    const f = await flow();
    const answer = await postSignIn(f, h.server.demo.free.email, 'not-the-password');
    expect(answer.status).toBe(401);
    const html = await answer.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('The email or the password is not right.');
    expect(html).toContain(`value="${h.server.demo.free.email}"`);
    expect(html).toMatch(/id="password"[^>]*autofocus/);
    expect(html).not.toContain('not-the-password');
  });

  it('refuses a form without the page’s CSRF token, or sent from another site', async () => {
    const f = await flow();
    const { email, password } = h.server.demo.gold;
    expect((await postSignIn(f, email, password, 'forged')).status).toBe(403);
    const csrf = csrfOf(await (await f.jar.fetch(f.signInUrl)).text());
    const crossSite = await f.jar.fetch(f.signInUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ csrf, email, password }),
    });
    expect(crossSite.status).toBe(403);
  });

  it('refuses a form posted without the browser’s interaction cookie (another browser)', async () => {
    const f = await flow();
    const csrf = csrfOf(await (await f.jar.fetch(f.signInUrl)).text());
    const { email, password } = h.server.demo.gold;
    const answer = await fetch(f.signInUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, email, password }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('has expired or was already used');
  });

  it('throttles failed attempts per account, even with the right password afterwards', async () => {
    const { email, password } = h.server.demo.standalonePaid;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await postSignIn(await flow(), email, `wrong-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const blocked = await postSignIn(await flow(), email, password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain('Too many failed attempts');
    // Another account from the same address is not locked out by it.
    const other = await postSignIn(await flow(), h.server.demo.goldLapsed.email, h.server.demo.goldLapsed.password);
    expect(other.status).toBe(303);
  });

  it('throttles failed attempts per client address across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) {
      statuses.push((await postSignIn(await flow(), `nobody-${i}@example.com`, 'wrong')).status);
    }
    // 20 failures per address, 6 of them spent by the tests above from this same address.
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBe(14);
    expect(statuses.slice(firstRefusal).every((s) => s === 429)).toBe(true);
    const { email, password } = h.server.demo.gold;
    expect((await postSignIn(await flow(), email, password)).status).toBe(429);
  });
});

describe('the token and revocation endpoints', () => {
  it('are limited per client address, answering with an OAuth error and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) {
      last = await fetch(`${h.server.url}/oauth/${i % 2 ? 'revoke' : 'token'}`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: 'netscout-widget',
          refresh_token: 'x',
          token: 'x',
        }),
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 60)).not.toContain(429);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last?.json()).toMatchObject({ error: 'slow_down' });
  });
});
