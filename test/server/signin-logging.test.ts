import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importJWK, SignJWT } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllServers, spawnServer } from './_lib/child.js';
import { insecure, postSignIn, signIn, startFlow } from './_lib/signin.js';

afterEach(killAllServers);

describe('sign-in logs', () => {
  it('never hold a password, an authorization code, a token or an assertion', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-signin-logs-'));
    try {
      const server = await spawnServer(dataDir);
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
      };
      server.process.stdout?.on('data', collect);
      server.process.stderr?.on('data', collect);
      const password = JSON.parse(readFileSync(path.join(dataDir, 'demo-passwords.json'), 'utf8')).gold;
      const redirectUri = `${server.url}/demo/onetouchat/`;
      const wrong = await startFlow(server.url, 'netscout-widget', redirectUri);
      await postSignIn(wrong, 'alice@acme.example', 'a-wrong-password-123');
      const { flow, tokens, callback } = await signIn(
        server.url,
        'netscout-widget',
        redirectUri,
        'alice@acme.example',
        password,
      );
      const refreshed = await oauth.processRefreshTokenResponse(
        flow.as,
        flow.client,
        await oauth.refreshTokenGrantRequest(
          flow.as,
          flow.client,
          oauth.None(),
          tokens.refresh_token as string,
          insecure,
        ),
      );
      const personal = (await (
        await fetch(`${server.url}/v1/tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${refreshed.access_token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'log test', expiresInDays: 1 }),
        })
      ).json()) as { token: string };
      const demo = (await (await fetch(`${server.url}/demo/onetouchat/support-token`, { method: 'POST' })).json()) as {
        access_token: string;
      };
      const key = await importJWK(JSON.parse(readFileSync(path.join(dataDir, 'demo-site-key.json'), 'utf8')), 'ES256');
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer('netscout-demo-site')
        .setSubject('usr_demo_gold')
        .setAudience(`${server.url}/oauth/token`)
        .setExpirationTime('2m')
        .setJti(`log-${Date.now()}`)
        .sign(key);
      const body = new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        client_id: 'netscout-demo-site',
        assertion,
      });
      expect((await fetch(`${server.url}/oauth/token`, { method: 'POST', body })).status).toBe(200);
      server.process.kill('SIGTERM');
      await server.exited;

      const logText = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .join('\n');
      expect(logText).toContain('"signed in"');
      expect(logText).toContain('"sign-in refused"');
      const secrets = [
        password,
        'a-wrong-password-123',
        callback.searchParams.get('code') as string,
        tokens.access_token,
        tokens.refresh_token as string,
        refreshed.refresh_token as string,
        personal.token,
        demo.access_token,
        assertion,
      ];
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(8);
        expect(logText).not.toContain(secret);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
