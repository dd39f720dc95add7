import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../_lib/postgres.js';
import { type ChildServer, demoTokens, killAllServers, spawnServer } from './_lib/child.js';
import { signIn } from './_lib/signin.js';

// Two real server processes: `issuer` signs its users in as usual; `api` is configured with `issuer` as its
// external identity provider and checks its tokens through its discovery document and JWKS.
const dirs = [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'netscout-external-')));
let issuer: ChildServer;
let api: ChildServer;
beforeAll(async () => {
  issuer = await spawnServer(dirs[0]);
  // Two services, two stores: on PostgreSQL the API gets a database of its own.
  const admin = inject('pgAdminUrl');
  api = await spawnServer(dirs[1], {
    ...(admin ? { DATABASE_URL: await createDatabase(admin) } : {}),
    NETSCOUT_OIDC_ISSUER: issuer.url,
    NETSCOUT_OIDC_AUDIENCE: `${issuer.url}/v1`,
    NETSCOUT_OIDC_USER_CLAIM: 'sub',
  });
}, 30_000);
afterAll(async () => {
  await killAllServers();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const me = (server: ChildServer, token: string) =>
  fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });

describe('an external issuer, by configuration', () => {
  it("accepts that issuer's access tokens for the user they name", async () => {
    const passwords = JSON.parse(readFileSync(path.join(dirs[0], 'demo-passwords.json'), 'utf8'));
    const { tokens } = await signIn(
      issuer.url,
      'netscout-widget',
      `${issuer.url}/demo/portal/`,
      'chloe@cobalt.example',
      passwords.linksprinterPaid,
    );
    const answer = await me(api, tokens.access_token);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { user: { id: string } }).user.id).toBe('usr_demo_linksprinterPaid');
  });

  it('refuses a token with the right issuer and audience signed by a key not in its JWKS', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = (await exportJWK(publicKey)).x;
    const forged = await new SignJWT({ role: 'agent' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .setIssuer(issuer.url)
      .setAudience(`${issuer.url}/v1`)
      .setSubject('usr_demo_agent')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const answer = await me(api, forged);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  });

  it('still takes personal tokens, and no longer serves the embedded sign-in', async () => {
    expect((await me(api, demoTokens(dirs[1]).gold)).status).toBe(200);
    expect((await fetch(`${api.url}/.well-known/openid-configuration`)).status).toBe(404);
  });

  it.each([
    [{ NETSCOUT_OIDC_ISSUER: 'not a url', NETSCOUT_OIDC_AUDIENCE: 'x' }, /NETSCOUT_OIDC_ISSUER must be an absolute/],
    [{ NETSCOUT_OIDC_ISSUER: 'https://id.example.com' }, /NETSCOUT_OIDC_AUDIENCE must be set/],
  ])('stops the start with one line naming a bad setting (%j)', async (env, message) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netscout-external-bad-'));
    dirs.push(dir);
    await expect(spawnServer(dir, env)).rejects.toThrow(message);
  });
});
