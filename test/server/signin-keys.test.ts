import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/index.js';
import { newSigningKey } from '../../server/signin/keys.js';
import { signIn } from './_lib/signin.js';
import { fileStore, storeQuery } from './_lib/store-sql.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-keys-'));
let server: RunningServer;
// The same port again after a restart: the issuer (and so the tokens' `iss`) is the server's URL.
const clock = { at: Date.now() };
const start = (port = 0) => startServer({ port, dataDir, logLevel: 'silent', now: () => new Date(clock.at) });
beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const me = (token: string) => fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
const signInFree = () =>
  signIn(
    server.url,
    'netscout-widget',
    `${server.url}/demo/linksprinter/`,
    server.demo.free.email,
    server.demo.free.password,
  );
const jwks = async () =>
  ((await (await fetch(`${server.url}/oauth/jwks`)).json()) as { keys: Record<string, unknown>[] }).keys;

describe('signing keys', () => {
  it('are made on first start, kept in the store, and published without their private part', async () => {
    // The keys live in the store, shared by every process on it; the demo secrets' copies are the owner's only.
    expect(existsSync(path.join(dataDir, 'signing-keys.json'))).toBe(false);
    const [row] = await storeQuery<{ value: string }>(fileStore(dataDir), 'select value from meta where key = ?', [
      'secret:signing-keys',
    ]);
    expect(JSON.parse(row.value).signing[0].jwk.d).toEqual(expect.any(String));
    for (const file of ['demo-site-key.json', 'demo-passwords.json', 'demo-tokens.json']) {
      expect(statSync(path.join(dataDir, file)).mode & 0o077).toBe(0);
    }
    const keys = await jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(keys[0].d).toBeUndefined();
  });

  it('rotate after 90 days with an overlap: tokens of the old key keep working, new ones use the new key', async () => {
    const before = (await signInFree()).tokens.access_token;
    const oldKid = decodeProtectedHeader(before).kid;
    const port = server.port;
    await server.close();
    clock.at += 91 * 86_400_000;
    server = await start(port);
    clock.at -= 91 * 86_400_000;
    expect((await jwks()).map((k) => k.kid)).toContain(oldKid);
    expect((await me(before)).status).toBe(200);
    const after = (await signInFree()).tokens.access_token;
    expect(decodeProtectedHeader(after).kid).not.toBe(oldKid);
    expect((await me(after)).status).toBe(200);
  });

  it("import an older version's signing-keys.json once, so its tokens keep verifying, and delete it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'netscout-keys-upgrade-'));
    const old = await newSigningKey(new Date(clock.at));
    const file = path.join(dir, 'signing-keys.json');
    writeFileSync(file, JSON.stringify({ signing: [old], cookies: ['old-cookie-key'] }), { mode: 0o600 });
    const upgraded = await startServer({ port: 0, dataDir: dir, logLevel: 'silent', now: () => new Date(clock.at) });
    try {
      const kids = ((await (await fetch(`${upgraded.url}/oauth/jwks`)).json()) as { keys: { kid: string }[] }).keys;
      expect(kids.map((k) => k.kid)).toContain(old.jwk.kid);
      expect(existsSync(file)).toBe(false);
    } finally {
      await upgraded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets a browser call the token endpoint from a registered origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/oauth/token`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('chrome-extension://odkjjkhldblfpjljodhenbaghdngooal');
    expect(allowed.headers.get('access-control-allow-origin')).toBe(
      'chrome-extension://odkjjkhldblfpjljodhenbaghdngooal',
    );
    const post = (origin: string) =>
      fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: { origin },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'netscout-widget', refresh_token: 'x' }),
      });
    const page = `http://localhost:${server.port}`;
    expect((await post(page)).headers.get('access-control-allow-origin')).toBe(page);
    expect((await post('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
