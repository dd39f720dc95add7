import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './_lib/harness.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
let h: Harness;
let demoKey: CryptoKey | Uint8Array;
let partnerKey: CryptoKey;
let tokenEndpoint: string;

beforeAll(async () => {
  // A partner registered by configuration, besides the demo site the server registers itself.
  const pair = await generateKeyPair('ES256');
  partnerKey = pair.privateKey;
  const file = path.join(process.env.TMPDIR ?? '/tmp', `partners-${process.pid}.json`);
  writeFileSync(
    file,
    JSON.stringify([{ clientId: 'acme-portal', name: 'Acme portal', publicJwk: await exportJWK(pair.publicKey) }]),
  );
  process.env.NETSCOUT_PARTNER_SITES = file;
  try {
    h = await startHarness();
  } finally {
    delete process.env.NETSCOUT_PARTNER_SITES;
  }
  tokenEndpoint = `${h.server.oidc.issuer}/oauth/token`;
  const jwk = JSON.parse(readFileSync(path.join(h.dataDir, 'demo-site-key.json'), 'utf8')) as JWK;
  demoKey = await importJWK(jwk, 'ES256');
});
afterAll(() => h.stop());

interface Claims {
  iss?: string;
  sub?: string;
  aud?: string;
  exp?: number;
  jti?: string;
}
const now = () => Math.floor(Date.now() / 1000);
async function assertion(overrides: Claims = {}, key: CryptoKey | Uint8Array = demoKey): Promise<string> {
  const claims = {
    iss: 'netscout-demo-site',
    sub: h.server.demo.gold.userId,
    aud: tokenEndpoint,
    exp: now() + 120,
    jti: randomUUID(),
    ...overrides,
  };
  return new SignJWT({ iat: now(), ...claims }).setProtectedHeader({ alg: 'ES256' }).sign(key);
}
async function exchange(jwt: string | undefined, clientId = 'netscout-demo-site') {
  const body = new URLSearchParams({ grant_type: GRANT, client_id: clientId });
  if (jwt !== undefined) body.set('assertion', jwt);
  const answer = await fetch(tokenEndpoint, { method: 'POST', body });
  return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
}

describe('the JWT bearer grant (RFC 7523) for partner sites', () => {
  it('exchanges a good assertion for a 15-minute access token, without a refresh token', async () => {
    const { status, body } = await exchange(await assertion());
    expect(status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(body.expires_in).toBeLessThanOrEqual(900);
    const claims = decodeJwt(body.access_token as string);
    expect(claims).toMatchObject({ sub: h.server.demo.gold.userId, aud: h.server.oidc.audience });
    const me = await h.api('/v1/me', { as: body.access_token as string });
    expect(me.status).toBe(200);
  });

  it('accepts a partner registered by configuration with its own key', async () => {
    const jwt = await assertion({ iss: 'acme-portal', sub: h.server.demo.free.userId }, partnerKey);
    const { status, body } = await exchange(jwt, 'acme-portal');
    expect(status).toBe(200);
    expect(decodeJwt(body.access_token as string).sub).toBe(h.server.demo.free.userId);
  });

  it('refuses a replayed jti', async () => {
    const jwt = await assertion();
    expect((await exchange(jwt)).status).toBe(200);
    expect(await exchange(jwt)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it.each([
    ['signed with another key', async () => assertion({}, partnerKey)],
    ['for another audience', async () => assertion({ aud: `${h.server.url}/v1` })],
    ['expired', async () => assertion({ exp: now() - 60 })],
    ['living longer than 5 minutes', async () => assertion({ exp: now() + 3600 })],
    ['naming an unknown user', async () => assertion({ sub: 'usr_nobody' })],
    ['issued by another site', async () => assertion({ iss: 'acme-portal' })],
    ['that is not a JWT', async () => 'not-a-jwt'],
  ])('refuses an assertion %s with invalid_grant', async (_what, make) => {
    expect(await exchange(await make())).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a missing assertion, a client that is not a partner, and an unknown client', async () => {
    expect(await exchange(undefined)).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    // oidc-provider answers a grant type the client is not registered for with invalid_request.
    expect(await exchange(await assertion(), 'netscout-widget')).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' },
    });
    expect(await exchange(await assertion(), 'nobody')).toMatchObject({
      status: 401,
      body: { error: 'invalid_client' },
    });
  });

  it('gives the demo homepages a token for their demo customer through the demo backend route', async () => {
    const answer = await h.api('/demo/onetouchat/support-token', { method: 'POST' });
    expect(answer.status).toBe(200);
    const { access_token } = (await answer.json()) as { access_token: string };
    const me = (await (await h.api('/v1/me', { as: access_token })).json()) as { user: { id: string } };
    expect(me.user.id).toBe(h.server.demo.gold.userId);
    const other = await h.api('/demo/onetouchat/support-token?as=agent', { method: 'POST' });
    expect(other.status).toBe(404);
  });

  it('limits the tokens one site gets for one user, with an OAuth error', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await exchange(await assertion({ sub: h.server.demo.standalonePaid.userId }))).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(await exchange(await assertion({ sub: h.server.demo.standalonePaid.userId }))).toMatchObject({
      status: 429,
      body: { error: 'slow_down' },
    });
    // Another user of the same site is not affected.
    expect((await exchange(await assertion({ sub: h.server.demo.goldLapsed.userId }))).status).toBe(200);
  });
});
