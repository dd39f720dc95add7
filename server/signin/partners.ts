import { randomUUID } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { AppEnv } from '../context.js';
import type { MetaRepository } from '../db/repository.js';
import type { DemoKey } from '../demo/seed.js';
import { SettingError } from '../http/settings.js';
import type { PartnerSite } from './jwt-bearer.js';

/** The demo homepages' backend, registered as a partner site like any other. */
export const DEMO_SITE_ID = 'netscout-demo-site';
const DEMO_KEY_FILE = 'demo-site-key.json';
const DEMO_KEY_SECRET = 'secret:demo-site-key';

/**
 * The demo site's ES256 private key, made on first start and kept in the store (`meta`, shared by every process;
 * of processes starting at once, the first stored wins). A copy is written to the data directory
 * (`demo-site-key.json`, 0600) for whoever plays the demo site's backend; an older version's file there is
 * imported when the store has no key yet.
 */
export async function loadDemoSiteKey(meta: MetaRepository, dataDir: string): Promise<JWK> {
  const file = path.join(dataDir, DEMO_KEY_FILE);
  let copy: string | undefined;
  try {
    copy = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let stored = await meta.get(DEMO_KEY_SECRET);
  if (stored === undefined) {
    const proposed =
      copy?.trim() ||
      JSON.stringify(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey));
    stored = await meta.putIfAbsent(DEMO_KEY_SECRET, proposed);
  }
  if (copy?.trim() !== stored) {
    writeFileSync(file, `${stored}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return JSON.parse(stored) as JWK;
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
