import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Attachment, Case } from '../../core/index.js';
import { SERVER_NODE_ARGS } from '../../scripts/server-command.mjs';
import { type RunningServer, startServer } from '../../server/index.js';
import { filesUnder } from './_lib/disk.js';
import { drafts, newKey } from './_lib/harness.js';

// This file tests the SQLite file in the data directory (its modes, an unusable directory): it runs on
// SQLite in both runs of the suite (on PostgreSQL the database is not in the data directory).
delete process.env.DATABASE_URL;

const made: string[] = [];
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) spawnSync('umount', [dir]);
});
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netscout-data-dir-'));
  made.push(dir);
  return dir;
}

const start = (dataDir: string) => startServer({ port: 0, dataDir, logLevel: 'silent' });

async function incident(server: RunningServer): Promise<Case> {
  const response = await fetch(`${server.url}/v1/incidents`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.demo.gold.token}`,
      'content-type': 'application/json',
      'idempotency-key': newKey(),
    },
    body: JSON.stringify(drafts.gold),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Case;
}

async function attach(server: RunningServer, caseId: string, text: string): Promise<Attachment> {
  const form = new FormData();
  form.set('file', new Blob([text]), 'switch.log');
  const response = await fetch(`${server.url}/v1/cases/${caseId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.demo.gold.token}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Attachment;
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the files of the data directory', () => {
  it('are the owner’s only (0600, folders 0700), also when the data directory already exists', async () => {
    const dataDir = tempDir();
    const db = path.join(dataDir, 'support.sqlite');
    let server = await start(dataDir);
    const attachment = await attach(server, (await incident(server)).id, 'eth0: link down\n');
    const blob = path.join(dataDir, 'attachments', attachment.sha256.slice(0, 2), attachment.sha256);
    expect([db, `${db}-wal`, `${db}-shm`, blob].map(mode)).toEqual([0o600, 0o600, 0o600, 0o600]);
    expect([path.join(dataDir, 'attachments'), path.dirname(blob)].map(mode)).toEqual([0o700, 0o700]);
    await server.close();

    // A database an older version left readable by everyone is narrowed at the next start (SQLite removed
    // the -wal and -shm files when it closed; it creates them again with the database's mode).
    chmodSync(db, 0o644);
    server = await start(dataDir);
    await incident(server);
    expect([db, `${db}-wal`, `${db}-shm`].map(mode)).toEqual([0o600, 0o600, 0o600]);
    await server.close();
  });

  it('loses its orphans at start: temporary files and content no attachment refers to', async () => {
    const dataDir = tempDir();
    let server = await start(dataDir);
    const c = await incident(server);
    const kept = await attach(server, c.id, 'kept log\n');
    await server.close();
    const attachments = path.join(dataDir, 'attachments');
    const orphan = 'ab'.repeat(32);
    mkdirSync(path.join(attachments, 'ab'), { recursive: true });
    writeFileSync(path.join(attachments, 'ab', orphan), 'left by a refused upload\n');
    writeFileSync(path.join(attachments, kept.sha256.slice(0, 2), `.${kept.sha256}.1234abcd.tmp`), 'half');
    expect(filesUnder(attachments)).toHaveLength(3);

    server = await start(dataDir);
    expect(filesUnder(attachments)).toEqual([path.join(kept.sha256.slice(0, 2), kept.sha256)]);
    const download = await fetch(`${server.url}/v1/cases/${c.id}/attachments/${kept.id}`, {
      headers: { authorization: `Bearer ${server.demo.gold.token}` },
    });
    expect(await download.text()).toBe('kept log\n');
    await server.close();
  });
});

/** Runs `npm start`'s command with `dataDir` until it exits; what it wrote to stderr and its exit code. */
function startAndFail(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: '0', NETSCOUT_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

describe('a data directory that cannot be used', () => {
  it('stops the server with one line naming the path and the reason when it cannot be created', async () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const dataDir = path.join(file, 'data');
    const { code, stderr } = await startAndFail(dataDir);
    expect(code).not.toBe(0);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `netscout-support: cannot start: cannot create the data directory ${dataDir}: a part of the path is a file, not a directory`,
    ]);
  });

  it('stops the server with one line naming the path and the reason when it is read-only', async () => {
    const dataDir = tempDir();
    // As root (CI), a read-only file system; otherwise a folder without write permission.
    const root = process.getuid?.() === 0;
    if (root) {
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dataDir]);
      expect(mounted.status, mounted.stderr.toString()).toBe(0);
      mounts.push(dataDir);
    } else {
      chmodSync(dataDir, 0o555);
    }
    const { code, stderr } = await startAndFail(dataDir);
    expect(code).not.toBe(0);
    const reason = root ? 'it is on a read-only file system' : 'permission denied';
    expect(stderr.trimEnd().split('\n')).toEqual([
      `netscout-support: cannot start: cannot write in the data directory ${dataDir}: ${reason}`,
    ]);
  });

  it('stops the server with one line naming a setting it cannot use', async () => {
    const { code, stderr } = await startAndFail(tempDir(), { NETSCOUT_RATE_LIMIT: 'fast' });
    expect(code).not.toBe(0);
    expect(stderr.trimEnd().split('\n')).toEqual([
      'netscout-support: cannot start: NETSCOUT_RATE_LIMIT must be "burst/perSecond", e.g. "300/50", not "fast"',
    ]);
  });
});
