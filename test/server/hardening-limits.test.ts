import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../core/index.js';
import { addressKey } from '../../server/http/rate-limit.js';
import { startServer } from '../../server/index.js';
import { type Harness, startHarness } from './_lib/harness.js';
import { requestFrom } from './_lib/raw-http.js';

async function withHarness(options: Parameters<typeof startHarness>[0], run: (h: Harness) => Promise<void>) {
  const h = await startHarness(options);
  try {
    await run(h);
  } finally {
    await h.stop();
  }
}

const randomToken = () => `nst_${crypto.randomUUID().replaceAll('-', '')}`;

describe('guessing tokens is throttled by client address', () => {
  // A refill of one request per 100 s: nothing refills while the test runs, however slow the machine.
  it('bad tokens from one address → 429 with Retry-After; a token that worked there, and other addresses, still pass', () =>
    withHarness({ addressRateLimit: { burst: 60, perSecond: 0.01, failureCost: 20 } }, async (h) => {
      const me = `${h.server.url}/v1/me`;
      const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
      // The gold customer has used the API from this address before the guessing starts.
      expect((await requestFrom('127.0.0.1', me, { headers: bearer(h.server.demo.gold.token) })).status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await requestFrom('127.0.0.1', me, { headers: bearer(randomToken()) })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
      const refused = await requestFrom('127.0.0.1', me, { headers: bearer(randomToken()) });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      const problem = JSON.parse(refused.body) as Problem;
      expect(problem.type).toMatch(/rate-limited$/);
      expect(problem.detail).toMatch(/Retry in \d+ s/);
      // Even a real token nobody has used from here is refused: a guess that hits must look like one that misses.
      expect((await requestFrom('127.0.0.1', me, { headers: bearer(h.server.demo.free.token) })).status).toBe(429);
      expect((await requestFrom('127.0.0.1', me, { headers: bearer(h.server.demo.gold.token) })).status).toBe(200);
      expect((await requestFrom('127.0.0.2', me, { headers: bearer(h.server.demo.free.token) })).status).toBe(200);
      expect((await requestFrom('127.0.0.2', `${h.server.url}/v1/health`)).status).toBe(200);
    }));

  it('anonymous routes are limited per address too', () =>
    withHarness({ addressRateLimit: { burst: 5, perSecond: 0.01, failureCost: 5 } }, async (h) => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const path = i % 2 ? '/v1/kb/search?q=gold' : '/v1/calendar';
        statuses.push((await requestFrom('127.0.0.1', `${h.server.url}${path}`)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect((await requestFrom('127.0.0.3', `${h.server.url}/v1/kb/search?q=gold`)).status).toBe(200);
    }));

  it('an anonymous request to a route that needs a token costs as much as a bad token', () =>
    withHarness({ addressRateLimit: { burst: 40, perSecond: 0.01, failureCost: 20 } }, async (h) => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await requestFrom('127.0.0.1', `${h.server.url}/v1/cases`)).status);
      expect(statuses).toEqual([401, 401, 429]);
    }));
});

describe('the address a client is limited under', () => {
  it('is an IPv4 address as is, also IPv4-mapped, and an IPv6 address by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0003::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('CORS allows only the configured browser extensions', () => {
  const preflight = (h: Harness, origin: string) =>
    h.api('/v1/me', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
  const ours = 'chrome-extension://odkjjkhldblfpjljodhenbaghdngooal';
  const otherChrome = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
  const firefox = 'moz-extension://0f2c3a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';

  it('by default: our Chrome extension, not another id, not a Firefox extension', () =>
    withHarness({}, async (h) => {
      expect((await preflight(h, ours)).headers.get('access-control-allow-origin')).toBe(ours);
      const other = await h.api('/v1/health', { headers: { origin: otherChrome } });
      expect(other.status).toBe(200);
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(h, otherChrome)).headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(h, firefox)).headers.get('access-control-allow-origin')).toBeNull();
    }));

  it('an operator lists the extension origins to allow instead', () =>
    withHarness({ extensionOrigins: [firefox, otherChrome] }, async (h) => {
      expect((await preflight(h, firefox)).headers.get('access-control-allow-origin')).toBe(firefox);
      expect((await preflight(h, otherChrome)).headers.get('access-control-allow-origin')).toBe(otherChrome);
      expect((await preflight(h, ours)).headers.get('access-control-allow-origin')).toBeNull();
    }));

  it('refuses to start with a list entry that is not an extension origin, naming it', async () => {
    await expect(
      startServer({ port: 0, logLevel: 'silent', extensionOrigins: ['chrome-extension://*'] }),
    ).rejects.toThrow(/NETSCOUT_EXTENSION_ORIGINS .*"chrome-extension:\/\/\*"/);
  });

  it("the default is the id Chrome derives from the extension's public key in wxt.config.ts", () =>
    withHarness({}, async (h) => {
      const key = /EXTENSION_PUBLIC_KEY =\s*'([A-Za-z0-9+/=]+)'/.exec(readFileSync('wxt.config.ts', 'utf8'))?.[1];
      expect(key).toBeDefined();
      // Chrome: the first 128 bits of the key's SHA-256, each hex digit 0–f written as a letter a–p.
      const hex = createHash('sha256')
        .update(Buffer.from(key as string, 'base64'))
        .digest('hex')
        .slice(0, 32);
      const origin = `chrome-extension://${[...hex].map((d) => String.fromCharCode(97 + Number.parseInt(d, 16))).join('')}`;
      expect((await preflight(h, origin)).headers.get('access-control-allow-origin')).toBe(origin);
    }));
});
