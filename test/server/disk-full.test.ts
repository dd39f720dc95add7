import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseListPage, Me, Problem } from '../../core/index.js';
import { type RunningServer, startServer } from '../../server/index.js';
import { TestGateway } from '../../server/payments/test-gateway.js';
import { filesUnder } from './_lib/disk.js';
import { drafts, newKey } from './_lib/harness.js';

// This file tests what the SQLite file does when its disk fills up, which lives in the data directory: it runs on
// SQLite in both runs of the suite (on PostgreSQL the database is not in the data directory).
delete process.env.DATABASE_URL;

// A real full disk: a small tmpfs mounted under the data directory. Mounting needs root, which CI has; a
// developer's unprivileged run cannot make a file system full without it, so there this file is skipped.
const root = process.getuid?.() === 0;

let dataDir: string;
let server: RunningServer;
let filler: string;
/**
 * The test gateway, except that a charge the test holds waits, once started, until the test releases it:
 * the disk fills up while a purchase is being charged, whatever the machine's speed.
 */
class HeldGateway extends TestGateway {
  private held: { started: () => void; released: Promise<void> } | undefined;

  /** Holds the next charge: `started` resolves when it begins, and it goes on once `release` is called. */
  holdNextCharge(): { started: Promise<void>; release: () => void } {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = new Promise<void>((resolve) => {
      this.held = { started: resolve, released };
    });
    return { started, release };
  }

  override async charge(amountCents: number, currency: string, nonce: string) {
    const held = this.held;
    this.held = undefined;
    if (held) {
      held.started();
      await held.released;
    }
    return super.charge(amountCents, currency, nonce);
  }
}
const gateway = new HeldGateway();

beforeAll(async () => {
  if (!root) return;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-disk-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', dataDir]);
  if (mounted.status !== 0) throw new Error(`cannot mount a tmpfs: ${mounted.stderr}`);
  filler = path.join(dataDir, 'filler');
  server = await startServer({ port: 0, dataDir, logLevel: 'silent', gateway });
});

afterAll(async () => {
  if (!root) return;
  await server?.close();
  spawnSync('umount', [dataDir]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Writes to `filler` until the file system has no byte left. */
function fillTheDisk(): void {
  const fd = openSync(filler, 'a');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // The last bytes of a page: a one-byte write fails too.
  const fd2 = openSync(filler, 'a');
  try {
    for (;;) writeSync(fd2, Buffer.alloc(1));
  } catch {
    // Full.
  } finally {
    closeSync(fd2);
  }
}

/** Empties the write-ahead log into the database, so that the next write needs new space on the disk. */
function checkpoint(): void {
  const db = new BetterSqlite3(path.join(dataDir, 'support.sqlite'));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

const auth = () => ({ authorization: `Bearer ${server.demo.gold.token}` });

function submit(key = newKey()): Promise<Response> {
  return fetch(`${server.url}/v1/incidents`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(drafts.gold),
  });
}

function comment(caseId: string): Promise<Response> {
  return fetch(`${server.url}/v1/cases/${caseId}/comments`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'It happens again this morning.' }),
  });
}

function upload(caseId: string, size: number): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([`${newKey()}\n`.padEnd(size, 'x')]), 'switch.log');
  return fetch(`${server.url}/v1/cases/${caseId}/attachments`, { method: 'POST', headers: auth(), body: form });
}

function buy(key: string): Promise<Response> {
  return fetch(`${server.url}/v1/subscriptions`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: 'fake-valid-nonce' }),
  });
}

async function expectInsufficientStorage(response: Response): Promise<void> {
  expect(response.status).toBe(507);
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  const problem = (await response.json()) as Problem;
  expect(problem.type).toMatch(/insufficient-storage$/);
  expect(problem.detail).toMatch(/no storage space left/);
}

async function caseIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page = (await (
      await fetch(`${server.url}/v1/cases?limit=100${query}`, { headers: auth() })
    ).json()) as CaseListPage;
    for (const item of page.items) ids.add(item.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe.skipIf(!root)('a full disk', () => {
  it('answers 507 with Retry-After, keeps nothing half-written, and recovers once space is freed', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await submit();
      expect(response.status).toBe(201);
      acknowledged.push(((await response.json()) as Case).id);
    }
    const target = acknowledged[0];
    checkpoint();
    fillTheDisk();

    await expectInsufficientStorage(await upload(target, 256 * 1024));
    expect(filesUnder(path.join(dataDir, 'attachments')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await expectInsufficientStorage(await submit());
    await expectInsufficientStorage(await comment(target));
    // Submissions sent together fail together, each with its own answer.
    const burst = await Promise.all(Array.from({ length: 8 }, () => submit()));
    for (const response of burst) await expectInsufficientStorage(response);

    rmSync(filler);
    const again = await submit();
    expect(again.status).toBe(201);
    acknowledged.push(((await again.json()) as Case).id);
    expect((await comment(target)).status).toBe(201);
    expect((await upload(target, 256 * 1024)).status).toBe(201);
    expect(filesUnder(path.join(dataDir, 'attachments')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const stored = await caseIds();
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
    expect(stored.size).toBe(acknowledged.length);
    // And on disk: after a restart, the same cases, no more and no fewer.
    await server.close();
    server = await startServer({ port: 0, dataDir, logLevel: 'silent', gateway });
    expect(await caseIds()).toEqual(stored);
  });

  it('still shows a case with a new answer while the disk is full; the read is recorded once there is room', async () => {
    const filed = (await (await submit()).json()) as Case;
    const answered = await fetch(`${server.url}/v1/agent/cases/${filed.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${server.demo.agent.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'Please send the switch log.' }),
    });
    expect(answered.status).toBe(200);
    const unread = async () =>
      ((await (await fetch(`${server.url}/v1/cases?limit=100`, { headers: auth() })).json()) as CaseListPage).unread;
    checkpoint();
    fillTheDisk();
    try {
      const read = await fetch(`${server.url}/v1/cases/${filed.id}`, { headers: auth() });
      expect(read.status).toBe(200);
      expect(((await read.json()) as Case).comments?.map((c) => c.body)).toEqual(['Please send the switch log.']);
      expect(await unread()).toContain(filed.id);
    } finally {
      rmSync(filler);
    }
    await fetch(`${server.url}/v1/cases/${filed.id}`, { headers: auth() });
    expect(await unread()).not.toContain(filed.id);
  });

  it('records a purchase charged while the disk filled up once it is retried, without charging again', async () => {
    checkpoint();
    const before = gateway.charges;
    const key = newKey();
    const charge = gateway.holdNextCharge();
    const pending = buy(key);
    // The purchase is claimed and the gateway is charging: now the disk fills up.
    await charge.started;
    fillTheDisk();
    charge.release();
    const first = await pending;
    expect(first.status).toBe(507);
    expect(first.headers.get('retry-after')).toBe('60');
    expect(((await first.json()) as Problem).detail).toMatch(/payment was accepted .* without charging again/);

    rmSync(filler);
    const retry = await buy(key);
    expect(retry.status).toBe(201);
    expect(gateway.charges).toBe(before + 1);
    const me = (await (await fetch(`${server.url}/v1/me`, { headers: auth() })).json()) as Me;
    expect(me.subscriptions.filter((s) => s.serviceId === 'linksprinter' && s.status === 'active')).toHaveLength(1);
    expect((await buy(key)).headers.get('idempotent-replayed')).toBe('true');
    expect(gateway.charges).toBe(before + 1);
  });
});
