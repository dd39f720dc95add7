import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Case } from '../../core/index.js';
import { type PgCluster, startCluster } from '../_lib/postgres.js';
import { type ChildServer, demoTokens, killAllServers, spawnServer } from './_lib/child.js';
import { drafts } from './_lib/harness.js';
import { query as queryDb } from './_lib/stored.js';

// Two server processes on one PostgreSQL database, each with its own data directory, whichever store the
// rest of the suite runs on: attachments, and a process killed while it takes incidents.
let cluster: PgCluster;
let databaseUrl: string;
const dirs: string[] = [];
let a: ChildServer;
let b: ChildServer;
let token: string;

const newDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netscout-two-files-'));
  dirs.push(dir);
  return dir;
};
const start = (dir: string) =>
  spawnServer(dir, { DATABASE_URL: databaseUrl, NETSCOUT_ADDRESS_RATE_LIMIT: '100000/100000' });

beforeAll(async () => {
  cluster = await startCluster();
  databaseUrl = await cluster.createDatabase();
  const first = newDir();
  a = await start(first);
  b = await start(newDir());
  token = demoTokens(first).gold ?? '';
}, 120_000);

afterAll(async () => {
  await killAllServers();
  await cluster?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${token}` });

function submit(url: string, key: string): Promise<Response> {
  return fetch(`${url}/v1/incidents`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ ...drafts.gold, subject: `Crash ${key}` }),
  });
}

/**
 * A new case. A connection the server closed while idle is retried with the same key, as the widget does:
 * the key makes the retry return the case if the first attempt made it.
 */
async function newCase(url: string): Promise<Case> {
  const key = `case-${randomBytes(6).toString('hex')}`;
  const response = await submit(url, key).catch(() => submit(url, key));
  expect(response.status).toBe(201);
  return (await response.json()) as Case;
}

function upload(url: string, caseId: string, bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${url}/v1/cases/${caseId}/attachments`, { method: 'POST', headers: auth(), body: form });
}

async function download(url: string, caseId: string, attachmentId: string): Promise<Uint8Array> {
  const response = await fetch(`${url}/v1/cases/${caseId}/attachments/${attachmentId}`, { headers: auth() });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const query = <T>(text: string, values: unknown[] = []) => queryDb<T>(databaseUrl, text, values);

/** A capture log, different on every call. */
const log = (size: number) => {
  const bytes = new Uint8Array(size).fill(0x61);
  bytes.set(new TextEncoder().encode(randomBytes(16).toString('hex')));
  bytes[size - 1] = 0x0a;
  return bytes;
};

describe('attachments on two processes', () => {
  it('downloads from one process, byte for byte, a file uploaded to the other', async () => {
    const c = await newCase(a.url);
    const bytes = log(3 * 1024 * 1024);
    const uploaded = await upload(a.url, c.id, bytes, 'capture.log');
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as Attachment;
    expect(await download(b.url, c.id, attachment.id)).toEqual(bytes);
  });

  it('stores once the same content uploaded to both at the same instant, and both download it', async () => {
    const [first, second] = await Promise.all([newCase(a.url), newCase(b.url)]);
    const bytes = log(200_000);
    const answers = await Promise.all([
      upload(a.url, first.id, bytes, 'a.log'),
      upload(b.url, second.id, bytes, 'b.log'),
    ]);
    expect(answers.map((r) => r.status)).toEqual([201, 201]);
    const [x, y] = (await Promise.all(answers.map((r) => r.json()))) as Attachment[];
    const rows = await query<{ n: number }>('select count(*)::int as n from attachment_blobs where sha256 = $1', [
      x.sha256,
    ]);
    expect(rows[0].n).toBe(1);
    expect(await download(a.url, second.id, y.id)).toEqual(bytes);
    expect(await download(b.url, first.id, x.id)).toEqual(bytes);
  });

  it('keeps no byte of uploads refused on either process', async () => {
    const c = await newCase(a.url);
    const before = await query<{ blobs: number; holds: number }>(
      'select (select count(*)::int from attachment_blobs) as blobs, (select count(*)::int from attachment_holds) as holds',
    );
    const exe = log(5000);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    expect((await upload(a.url, c.id, exe, 'setup.log')).status).toBe(415);
    expect((await upload(b.url, c.id, log(10 * 1024 * 1024 + 1), 'big.log')).status).toBe(413);
    for (let i = 0; i < 5; i++)
      expect((await upload(i % 2 ? a.url : b.url, c.id, log(100), `${i}.log`)).status).toBe(201);
    const full = await Promise.all([upload(a.url, c.id, log(1000), 'x.log'), upload(b.url, c.id, log(1000), 'y.log')]);
    expect(full.map((r) => r.status)).toEqual([409, 409]);
    const after = await query<{ blobs: number; holds: number }>(
      'select (select count(*)::int from attachment_blobs) as blobs, (select count(*)::int from attachment_holds) as holds',
    );
    expect(after).toEqual([{ blobs: before[0].blobs + 5, holds: 0 }]);
  });
});

describe('a process killed while it takes incidents', () => {
  it('keeps every acknowledged incident exactly once, and a retry of the rest on the survivor makes one case each', async () => {
    const victimDir = newDir();
    const victim = await start(victimDir);
    const survivor = b;
    const acknowledged = new Map<string, string>();
    const unanswered: string[] = [];
    let stop = false;
    const worker = async (worker: number) => {
      for (let i = 0; !stop; i++) {
        const key = `crash-${worker}-${i}`;
        const url = i % 2 ? victim.url : survivor.url;
        try {
          const response = await submit(url, key);
          if (response.status === 201) acknowledged.set(key, ((await response.json()) as Case).id);
          else unanswered.push(key);
        } catch {
          unanswered.push(key);
          if (url === victim.url) return;
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i));
    // Killed once it has acknowledged some incidents, while more are in flight.
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 20));
    victim.process.kill('SIGKILL');
    await victim.exited;
    stop = true;
    await Promise.all(workers);
    expect(unanswered.length).toBeGreaterThan(0);

    for (const key of unanswered) {
      const retried = await submit(survivor.url, key);
      expect(retried.status).toBe(201);
      acknowledged.set(key, ((await retried.json()) as Case).id);
    }
    const rows = await query<{ subject: string; n: number }>(
      "select subject, count(*)::int as n from cases where subject like 'Crash crash-%' group by subject",
    );
    const counts = new Map(rows.map((row) => [row.subject.slice('Crash '.length), row.n]));
    for (const key of acknowledged.keys()) expect(counts.get(key), key).toBe(1);
    expect(rows.length).toBe(acknowledged.size);
    const ids = await query<{ id: string }>("select id from cases where subject like 'Crash crash-%'");
    expect(new Set(ids.map((row) => row.id))).toEqual(new Set(acknowledged.values()));
  }, 120_000);
});
