import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startCluster } from '../_lib/postgres.js';
import { type ChildServer, demoTokens, killAllServers, spawnServer } from './_lib/child.js';
import { storeQuery } from './_lib/store-sql.js';

// Two server processes on one PostgreSQL database, each with its own empty data directory, as on two machines
// behind one load balancer: what one process makes or counts, the other must honour.
let cluster: PgCluster;
let databaseUrl: string;
const dirs: string[] = [];
let a: ChildServer;
let b: ChildServer;

const newDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netscout-shared-state-'));
  dirs.push(dir);
  return dir;
};
/** What both processes are reached as (the load balancer's origin): the issuer of their tokens. */
const PUBLIC_URL = 'http://support.netscout.test';
/** 20 requests per token at once, then one a second: small enough to spend in a test, enough for the others. */
const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: databaseUrl,
  NETSCOUT_PUBLIC_URL: PUBLIC_URL,
  NETSCOUT_RATE_LIMIT: '20/1',
  ...extra,
});
const store = () => ({ dataDir: dirs[0], databaseUrl });

beforeAll(async () => {
  cluster = await startCluster();
  databaseUrl = await cluster.createDatabase();
  // Both at once, on an empty database, each with an empty data directory of its own.
  [a, b] = await Promise.all([spawnServer(newDir(), env()), spawnServer(newDir(), env())]);
}, 120_000);

afterAll(async () => {
  await killAllServers();
  await cluster?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An access token (a JWT signed by `server`) for the demo's free user, from the demo site's backend. */
async function accessToken(server: ChildServer): Promise<string> {
  const answer = await fetch(`${server.url}/demo/linksprinter/support-token?as=free`, { method: 'POST' });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
}
const me = (server: ChildServer, token: string) =>
  fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });

describe('two processes with their own data directories on one PostgreSQL database', () => {
  it('share their signing keys and demo secrets: a token one signs, the other accepts', async () => {
    expect((await me(b, await accessToken(a))).status).toBe(200);
    expect((await me(a, await accessToken(b))).status).toBe(200);
    // One set of demo secrets: the passwords one process prints are the ones that sign in on the other.
    const secrets = (dir: string, name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
    expect(secrets(dirs[1], 'demo-passwords.json')).toEqual(secrets(dirs[0], 'demo-passwords.json'));
    expect(demoTokens(dirs[1])).toEqual(demoTokens(dirs[0]));
    expect(secrets(dirs[1], 'demo-site-key.json')).toEqual(secrets(dirs[0], 'demo-site-key.json'));
  });

  it("honour a key rotated by one process in the other's tokens and key set", async () => {
    const before = decodeProtectedHeader(await accessToken(a)).kid;
    // The current key turns 91 days old; the process restarted next rotates it, as one restarted after that would.
    const [row] = await storeQuery<{ value: string }>(
      store(),
      "select value from meta where key = 'secret:signing-keys'",
    );
    const keys = JSON.parse(row.value) as { signing: { createdAt: string }[] };
    keys.signing[0].createdAt = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await storeQuery(store(), "update meta set value = ? where key = 'secret:signing-keys'", [JSON.stringify(keys)]);
    a.process.kill('SIGTERM');
    await a.exited;
    a = await spawnServer(dirs[0], env());

    const rotated = await accessToken(a);
    const kid = decodeProtectedHeader(rotated).kid;
    expect(kid).not.toBe(before);
    expect((await me(b, rotated)).status).toBe(200);
    const published = (await (await fetch(`${b.url}/oauth/jwks`)).json()) as { keys: { kid: string }[] };
    expect(published.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([kid, before]));
  }, 60_000);

  it('refuse on one process a token that spent its burst on the other: 429 with Retry-After', async () => {
    const owner = demoTokens(dirs[0]).linksprinterPaid;
    const made = await fetch(`${a.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'burst', expiresInDays: 1 }),
    });
    expect(made.status).toBe(201);
    const { token } = (await made.json()) as { token: string };
    for (let i = 0; i < 20; i++) expect((await me(a, token)).status).toBe(200);
    const refused = await me(b, token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // Another token is not affected.
    expect((await me(b, owner)).status).toBe(200);
  });

  it("count sign-in limits together: a user's token exchanges spent on one are refused on the other", async () => {
    // The JWT bearer grant allows one user 30 tokens at once (then one every 2 s), whichever process is asked.
    const exchange = (server: ChildServer) =>
      fetch(`${server.url}/demo/linksprinter/support-token?as=linksprinterPaid`, { method: 'POST' });
    for (let i = 0; i < 30; i++) expect((await exchange(a)).status).toBe(200);
    const refused = await exchange(b);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toBe('slow_down');
  });
});

describe('a purchase being charged when another process starts', () => {
  /** The free account buys a plan of `serviceId`: one purchase per service, the first test's and the second's. */
  const purchase = async (server: ChildServer, key: string, serviceId = 'linksprinter', planId = 'pro') => {
    const account = demoTokens(dirs[0]).free;
    return fetch(`${server.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${account}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ serviceId, planId, paymentMethodNonce: 'fake-valid-nonce' }),
    });
  };
  const state = async (key: string) =>
    (await storeQuery<{ state: string }>(store(), 'select state from purchases where key = ?', [key]))[0]?.state;
  const charging = async (key: string) => {
    while ((await state(key)) !== 'charging') await new Promise((r) => setTimeout(r, 50));
  };

  it('is left charging while its process lives, and marked interrupted once that process is killed', async () => {
    // The local stand-in for Braintree takes 6 s to charge: long enough to start another process meanwhile.
    const slow = await spawnServer(newDir(), env({ NETSCOUT_TEST_GATEWAY_DELAY_MS: '6000' }));
    const answer = purchase(slow, 'charging-on-a-live-process');
    await charging('charging-on-a-live-process');
    await spawnServer(newDir(), env());
    expect(await state('charging-on-a-live-process')).toBe('charging');
    expect((await answer).status).toBe(201);
    expect(await state('charging-on-a-live-process')).toBe('done');

    const doomed = await spawnServer(newDir(), env({ NETSCOUT_TEST_GATEWAY_DELAY_MS: '60000' }));
    void purchase(doomed, 'charging-when-killed', 'netscout-insights', 'team').catch(() => {});
    await charging('charging-when-killed');
    doomed.process.kill('SIGKILL');
    await doomed.exited;
    await spawnServer(newDir(), env());
    expect(await state('charging-when-killed')).toBe('interrupted');
  }, 90_000);
});
