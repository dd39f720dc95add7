import { randomUUID } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { AppEnv } from '../context.js';
import type { DemoKey } from '../demo/seed.js';
import { SettingError } from '../http/settings.js';
import type { PartnerSite } from './jwt-bearer.js';

/** The demo homepages' backend, registered as a partner site like any other. */
export const DEMO_SITE_ID = 'netscout-demo-site';
const DEMO_KEY_FILE = 'demo-site-key.json';

/** The demo site's ES256 private key (`demo-site-key.json`, 0600), made on first start. */
export async function loadDemoSiteKey(dataDir: string): Promise<JWK> {
  const file = path.join(dataDir, DEMO_KEY_FILE);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  writeFileSync(file, `${JSON.stringify(jwk)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return jwk;
}

/** The public half of a private JWK. */
export function publicJwk({ d: _private, ...pub }: JWK): JWK {
  return pub;
}

/**
 * `NETSCOUT_PARTNER_SITES`: the path of a JSON file listing partner sites, each
 * `{ "clientId", "name", "publicJwk" }` with an ES256 (P-256) public key. A bad file stops the start.
 */
export function partnerSitesFromEnv(env: Record<string, string | undefined> = process.env): PartnerSite[] {
  const file = env.NETSCOUT_PARTNER_SITES;
  if (!file) return [];
  let sites: unknown;
  try {
    sites = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SettingError(`NETSCOUT_PARTNER_SITES must name a readable JSON file: ${(error as Error).message}`);
  }
  if (!Array.isArray(sites)) throw new SettingError('NETSCOUT_PARTNER_SITES must hold a JSON array of sites');
  return sites.map((site, i) => {
    const { clientId, name, publicJwk: jwk } = (site ?? {}) as Partial<PartnerSite>;
    const valid =
      typeof clientId === 'string' &&
      /^[A-Za-z0-9._-]{1,64}$/.test(clientId) &&
      typeof name === 'string' &&
      jwk?.kty === 'EC' &&
      jwk.crv === 'P-256' &&
      jwk.d === undefined;
    if (!valid) {
      throw new SettingError(
        `NETSCOUT_PARTNER_SITES entry ${i} must be { clientId, name, publicJwk } with a P-256 public key`,
      );
    }
    return { clientId, name, publicJwk: jwk } as PartnerSite;
  });
}

/** Which demo customer each demo page is signed in as (its "session"), and who else it may show. */
const DEMO_PAGES: Record<string, { default: DemoKey; allowed: readonly DemoKey[] }> = {
  onetouchat: { default: 'gold', allowed: ['gold', 'goldLapsed'] },
  linksprinter: { default: 'linksprinterPaid', allowed: ['linksprinterPaid', 'free'] },
  portal: { default: 'linksprinterPaid', allowed: ['linksprinterPaid', 'standalonePaid'] },
};

/**
 * `POST /demo/{page}/support-token[?as=<demo user>]`: the demo homepages' backend. It does what a partner's
 * backend does for its signed-in user: signs a one-minute assertion with the site's key and exchanges it at
 * our token endpoint (JWT bearer grant), then hands the page the access token (for the widget's
 * `tokenProvider`). It signs demo users in only, and exists only while the demo accounts are seeded.
 */
export function mountDemoSite(
  app: Hono<AppEnv>,
  options: {
    key: JWK;
    users: Partial<Record<DemoKey, string>>;
    /** The `aud` of assertions (the issuer's token endpoint) and where this process reaches it. */
    tokenEndpoint: () => { audience: string; url: string };
  },
): void {
  app.post('/demo/:page/support-token', async (c) => {
    const page = DEMO_PAGES[c.req.param('page')];
    const as = (c.req.query('as') ?? page?.default) as DemoKey;
    const userId = options.users[as];
    if (!page?.allowed.includes(as) || !userId) {
      return c.json({ error: 'invalid_request', error_description: 'no such demo page or demo user' }, 404);
    }
    const endpoint = options.tokenEndpoint();
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(DEMO_SITE_ID)
      .setSubject(userId)
      .setAudience(endpoint.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setJti(randomUUID())
      .sign(await importJWK(options.key, 'ES256'));
    const answer = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: DEMO_SITE_ID,
        assertion,
      }),
      signal: AbortSignal.timeout(5000),
    });
    return c.json(await answer.json(), answer.status as 200, { 'cache-control': 'no-store' });
  });
}
