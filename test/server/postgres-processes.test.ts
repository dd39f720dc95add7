import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseListPage } from '../../core/index.js';
import { type PgCluster, startCluster } from '../_lib/postgres.js';
import { type ChildServer, demoTokens, killAllServers, spawnServer } from './_lib/child.js';
import { drafts } from './_lib/harness.js';

// Two server processes on one PostgreSQL database, whichever store the rest of the suite runs on.
let cluster: PgCluster;
let databaseUrl: string;
let dataDir: string;
let a: ChildServer;
let b: ChildServer;
let token: string;

beforeAll(async () => {
  cluster = await startCluster();
  databaseUrl = await cluster.createDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-two-processes-'));
  // Both start at once on the empty database: the migrations must still be applied exactly once.
  [a, b] = await Promise.all([
    spawnServer(dataDir, { DATABASE_URL: databaseUrl }),
    spawnServer(mkdtempSync(path.join(os.tmpdir(), 'netscout-two-processes-')), { DATABASE_URL: databaseUrl }),
  ]);
  // The demo accounts were seeded by one of them; its data directory keeps their tokens.
  token = demoTokens(dataDir).standalonePaid ?? '';
}, 120_000);

afterAll(async () => {
  await killAllServers();
  await cluster?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function submit(url: string, key: string): Promise<Response> {
  return fetch(`${url}/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ ...drafts.insights, subject: `Two processes ${key}` }),
  });
}

async function listed(url: string): Promise<string[]> {
  const page: CaseListPage = await (
    await fetch(`${url}/v1/cases?limit=100`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  return page.items.map((item: Case) => item.id);
}

describe('two server processes on one PostgreSQL database', () => {
  it('makes one case of one idempotency key sent to both at the same instant', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `same-instant-${i}`);
    const answers = await Promise.all(keys.map((key) => Promise.all([submit(a.url, key), submit(b.url, key)])));
    for (const pair of answers) {
      expect(pair.map((r) => r.status)).toEqual([201, 201]);
      const [first, second] = (await Promise.all(pair.map((r) => r.json()))) as Case[];
      expect(second.id).toBe(first.id);
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        "select count(*)::int as n from cases where subject like 'Two processes same-instant-%'",
      );
      expect(rows[0].n).toBe(keys.length);
    } finally {
      await client.end();
    }
  });

  it('lists the same cases from both processes, whichever took the incident', async () => {
    const taken = await submit(b.url, 'taken-by-b');
    expect(taken.status).toBe(201);
    const { id } = (await taken.json()) as Case;
    const [fromA, fromB] = await Promise.all([listed(a.url), listed(b.url)]);
    expect(fromA).toContain(id);
    expect(fromA).toEqual(fromB);
  });

  it('refuses on one process, within 2 seconds, a token revoked on the other', async () => {
    const made = await fetch(`${a.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'two processes', expiresInDays: 7 }),
    });
    expect(made.status).toBe(201);
    const { id, token: secret } = (await made.json()) as { id: string; token: string };
    const me = (url: string) => fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await me(b.url)).status).toBe(200);
    const revoked = await fetch(`${a.url}/v1/tokens/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(204);
    // The promise is 2 seconds: polled for up to that long, never longer.
    const deadline = Date.now() + 2000;
    let status = (await me(b.url)).status;
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await me(b.url)).status;
    }
    expect(status).toBe(401);
  });

  // Last: it stops the database.
  it('is ready while the database answers, and says 503 once it does not', async () => {
    expect((await fetch(`${a.url}/v1/ready`)).status).toBe(200);
    await cluster.stop();
    const refused = await fetch(`${a.url}/v1/ready`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(`${a.url}/v1/health`)).status).toBe(200);
  });
});
