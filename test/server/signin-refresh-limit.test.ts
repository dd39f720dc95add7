import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/index.js';
import { USER_LIMIT } from '../../server/signin/grants.js';
import { insecure, signIn } from './_lib/signin.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-refresh-limit-'));
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const signInAs = (key: 'linksprinterPaid' | 'standalonePaid') =>
  signIn(
    server.url,
    'netscout-widget',
    `${server.url}/demo/portal/`,
    server.demo[key].email,
    server.demo[key].password,
  );

describe('refreshing a sign-in', () => {
  it('is limited per account as well as per address: slow_down with 429, and other accounts go on', async () => {
    const { flow, tokens } = await signInAs('linksprinterPaid');
    let refreshToken = tokens.refresh_token as string;
    for (let i = 0; i < USER_LIMIT.burst; i++) {
      const answer = await oauth.refreshTokenGrantRequest(flow.as, flow.client, oauth.None(), refreshToken, insecure);
      refreshToken = (await oauth.processRefreshTokenResponse(flow.as, flow.client, answer)).refresh_token as string;
    }
    const refused = await oauth.refreshTokenGrantRequest(flow.as, flow.client, oauth.None(), refreshToken, insecure);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'slow_down' });

    // Another account, from the same address, is not held back.
    const other = await signInAs('standalonePaid');
    const answer = await oauth.refreshTokenGrantRequest(
      other.flow.as,
      other.flow.client,
      oauth.None(),
      other.tokens.refresh_token as string,
      insecure,
    );
    expect(answer.status).toBe(200);
  });
});
