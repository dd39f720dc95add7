import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/index.js';
import { TestClock } from './_lib/harness.js';
import { insecure, signIn, startFlow } from './_lib/signin.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-signin-'));
const clock = new TestClock();
let server: RunningServer;
let redirectUri: string;
const start = (port = 0) => startServer({ port, dataDir, now: clock.now, logLevel: 'silent' });
beforeAll(async () => {
  server = await start();
  redirectUri = `${server.url}/demo/onetouchat/`;
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const me = (token: string) => fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
const refresh = async (as: oauth.AuthorizationServer, refreshToken: string) =>
  oauth.refreshTokenGrantRequest(as, { client_id: 'netscout-widget' }, oauth.None(), refreshToken, insecure);
const gold = () => server.demo.gold;
const signInGold = () => signIn(server.url, 'netscout-widget', redirectUri, gold().email, gold().password);

describe('discovery', () => {
  it.each(['openid-configuration', 'oauth-authorization-server'])(
    '/.well-known/%s lists the endpoints and S256 only',
    async (name) => {
      const metadata = (await (await fetch(`${server.url}/.well-known/${name}`)).json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({
        issuer: server.url,
        authorization_endpoint: `${server.url}/oauth/authorize`,
        token_endpoint: `${server.url}/oauth/token`,
        revocation_endpoint: `${server.url}/oauth/revoke`,
        jwks_uri: `${server.url}/oauth/jwks`,
        code_challenge_methods_supported: ['S256'],
      });
    },
  );
});

describe('authorization code with PKCE, by a standard client (oauth4webapi)', () => {
  it('signs a demo user in and gives a 15-minute JWT access token for the API', async () => {
    const { tokens } = await signInGold();
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBeLessThanOrEqual(900);
    expect(tokens.refresh_token).toBeTypeOf('string');
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ iss: server.oidc.issuer, aud: server.oidc.audience, sub: gold().userId });
    expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(900);
    const answer = await me(tokens.access_token);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { user: { id: string } }).user.id).toBe(gold().userId);
  });

  it('gives a support engineer a token whose role claim the agent routes accept', async () => {
    const agent = server.demo.agent;
    const { tokens } = await signIn(
      server.url,
      'netscout-extension',
      'https://odkjjkhldblfpjljodhenbaghdngooal.chromiumapp.org/',
      agent.email,
      agent.password,
    );
    expect(decodeJwt(tokens.access_token).role).toBe('agent');
    const cases = await fetch(`${server.url}/v1/agent/cases`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(cases.status).toBe(200);
  });

  it('refuses a redirect URI that is not registered exactly, without redirecting', async () => {
    await expect(startFlow(server.url, 'netscout-widget', `${server.url}/demo/onetouchat/x`)).rejects.toThrow(/400/);
    await expect(startFlow(server.url, 'netscout-widget', 'https://evil.example/')).rejects.toThrow(/400/);
  });

  it('refuses the plain PKCE method and a request without PKCE', async () => {
    for (const pkce of [{ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }, {}]) {
      const url = new URL(`${server.url}/oauth/authorize`);
      const params = {
        client_id: 'netscout-widget',
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid support',
        ...pkce,
      };
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      const answer = await fetch(url, { redirect: 'manual' });
      const location = new URL(answer.headers.get('location') ?? '', server.url);
      expect(location.href.startsWith(redirectUri)).toBe(true);
      expect(location.searchParams.get('error')).toBe('invalid_request');
    }
  });

  it('refuses an access token once it has expired (injected clock)', async () => {
    const { tokens } = await signInGold();
    // Used once first: a token the API has already checked is refused at its expiry all the same.
    expect((await me(tokens.access_token)).status).toBe(200);
    const saved = clock.current;
    clock.set(new Date(((decodeJwt(tokens.access_token).exp as number) + 10) * 1000).toISOString());
    try {
      const answer = await me(tokens.access_token);
      expect(answer.status).toBe(401);
      expect(((await answer.json()) as { detail: string }).detail).toMatch(/expired/);
    } finally {
      clock.current = saved;
    }
  });

  it('refuses a token signed by another key, or altered', async () => {
    const { tokens } = await signInGold();
    const [header, payload, signature] = tokens.access_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: server.demo.agent.userId, role: 'agent' })).toString(
      'base64url',
    );
    expect((await me(`${header}.${forged}.${signature}`)).status).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotate; reusing an old one is refused and revokes the whole family', async () => {
    const { flow, tokens } = await signInGold();
    const first = tokens.refresh_token as string;
    const rotated = await oauth.processRefreshTokenResponse(flow.as, flow.client, await refresh(flow.as, first));
    const second = rotated.refresh_token as string;
    expect(second).toBeTypeOf('string');
    expect(second).not.toBe(first);
    expect((await me(rotated.access_token)).status).toBe(200);

    const reuse = await refresh(flow.as, first);
    await expect(oauth.processRefreshTokenResponse(flow.as, flow.client, reuse)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    const afterReuse = await refresh(flow.as, second);
    await expect(oauth.processRefreshTokenResponse(flow.as, flow.client, afterReuse)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('are refused once revoked (RFC 7009)', async () => {
    const { flow, tokens } = await signInGold();
    const revoked = await oauth.revocationRequest(
      flow.as,
      flow.client,
      oauth.None(),
      tokens.refresh_token as string,
      insecure,
    );
    await oauth.processRevocationResponse(revoked);
    const answer = await refresh(flow.as, tokens.refresh_token as string);
    await expect(oauth.processRefreshTokenResponse(flow.as, flow.client, answer)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('survive a restart: the grant is in the store, not in memory', async () => {
    const { flow, tokens } = await signInGold();
    const port = server.port;
    await server.close();
    server = await start(port);
    const answer = await refresh(flow.as, tokens.refresh_token as string);
    const renewed = await oauth.processRefreshTokenResponse(flow.as, flow.client, answer);
    expect((await me(renewed.access_token)).status).toBe(200);
  });
});
