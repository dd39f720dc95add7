import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Case, CaseListPage } from '../../core/index.js';
import { until } from '../_lib/wait.js';
import { demoTokens, killAllServers, spawnServer } from './_lib/child.js';
import { drafts } from './_lib/harness.js';
import { connectionRefused } from './_lib/raw-http.js';

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-durability-'));
});
afterEach(killAllServers);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function submit(url: string, token: string, key: string): Promise<Response> {
  return fetch(`${url}/v1/incidents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ ...drafts.insights, subject: `Durability ${key}` }),
  });
}

async function allCases(url: string, token: string): Promise<Case[]> {
  const cases: Case[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page: CaseListPage = await (
      await fetch(`${url}/v1/cases?limit=100${query}`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    cases.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return cases;
}

/**
 * A POST /v1/incidents from a slow client: the headers go at once, the body only when told. `serving`
 * resolves on the server's "100 Continue" (it has read the headers and is handling the request), `status`
 * on its answer.
 */
function slowIncident(url: string, token: string, key: string) {
  const body = Buffer.from(JSON.stringify({ ...drafts.insights, subject: `Durability ${key}` }));
  const request = http.request(`${url}/v1/incidents`, {
    method: 'POST',
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': body.length,
      'idempotency-key': key,
      expect: '100-continue',
    },
  });
  const serving = once(request, 'continue').then(() => undefined);
  const status = once(request, 'response').then(async (args) => {
    const response: http.IncomingMessage = args[0];
    response.resume();
    await once(response, 'end');
    return response.statusCode ?? 0;
  });
  // A broken connection is reported where `serving` and `status` are awaited, not as an unhandled error.
  request.on('error', () => {});
  status.catch(() => {});
  return {
    serving,
    status,
    sendHalf: () => request.write(body.subarray(0, 40)),
    finish: () => request.end(body.subarray(40)),
  };
}

describe('nothing acknowledged is ever lost', () => {
  it('keeps every acknowledged incident exactly once across SIGKILLs, and retries never duplicate', async () => {
    const acknowledged = new Map<string, string>(); // key → case id from a 201
    const unsettled = new Set<string>(); // keys whose request died with the server
    let nextKey = 0;
    let token = '';

    for (let round = 0; round < 4; round++) {
      const server = await spawnServer(dataDir);
      token ||= demoTokens(dataDir).standalonePaid;
      let killed = false;
      let acksThisRound = 0;
      // Kill at a moment that varies from round to round, while submissions are in flight.
      const killAfter = 30 + Math.floor(Math.random() * 150);
      let killNow: () => void = () => {};
      const killMoment = new Promise<void>((resolve) => {
        killNow = resolve;
      });
      // Earlier rounds' lost requests are retried with their key, alongside new submissions.
      const retries = [...unsettled];
      const worker = async () => {
        while (!killed) {
          const key = retries.pop() ?? `k${nextKey++}`;
          unsettled.add(key);
          try {
            const response = await submit(server.url, token, key);
            if (response.status !== 201) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
            const created = (await response.json()) as Case;
            const before = acknowledged.get(key);
            if (before) expect(created.id).toBe(before);
            acknowledged.set(key, created.id);
            unsettled.delete(key);
            if (++acksThisRound === killAfter) killNow();
          } catch (error) {
            if (!killed) throw error;
          }
        }
      };
      const workers = Array.from({ length: 16 }, worker);
      await killMoment;
      killed = true;
      server.process.kill('SIGKILL');
      await server.exited;
      await Promise.all(workers);
    }

    const server = await spawnServer(dataDir);
    try {
      // Settle the requests that died with the server: each either committed before the kill or not.
      for (const key of unsettled) {
        const response = await submit(server.url, token, key);
        expect(response.status).toBe(201);
        acknowledged.set(key, ((await response.json()) as Case).id);
      }
      // Every acknowledged key replays to its case.
      for (const [key, id] of acknowledged) {
        const response = await submit(server.url, token, key);
        expect(response.status).toBe(201);
        expect(((await response.json()) as Case).id).toBe(id);
      }
      const cases = (await allCases(server.url, token)).filter((c) => c.subject.startsWith('Durability '));
      // Exactly once: one case per key, no more, no fewer.
      expect(cases.length).toBe(acknowledged.size);
      expect(new Set(cases.map((c) => c.id))).toEqual(new Set(acknowledged.values()));
      expect(acknowledged.size).toBeGreaterThan(50);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  });

  it('SIGTERM lets in-flight requests finish, then closes the database cleanly', async () => {
    const server = await spawnServer(dataDir);
    const token = demoTokens(dataDir).standalonePaid;
    const keys = Array.from({ length: 6 }, (_, i) => `drain-${i}`);
    // Slow clients: each request's headers and half its body are sent before SIGTERM, the rest after.
    const senders = keys.map((key) => slowIncident(server.url, token, key));
    // The server's "100 Continue" says it has read the headers and is serving the request: in flight.
    await Promise.all(senders.map((s) => s.serving));
    for (const sender of senders) sender.sendHalf();
    server.process.kill('SIGTERM');
    // The server no longer accepts new connections...
    await until('the server to refuse new connections', () => connectionRefused(server.url));
    // ...but answers the requests it had already started.
    for (const sender of senders) sender.finish();
    const statuses = await Promise.all(senders.map((s) => s.status));
    expect(statuses).toEqual(keys.map(() => 201));
    const { code } = await server.exited;
    expect(code).toBe(0);
    // A clean close checkpoints the write-ahead log into the database file.
    const wal = path.join(dataDir, 'support.sqlite-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);

    const again = await spawnServer(dataDir);
    try {
      const stored = (await allCases(again.url, token)).filter((c) => c.subject.startsWith('Durability drain-'));
      expect(stored.length).toBe(keys.length);
    } finally {
      again.process.kill('SIGTERM');
      await again.exited;
    }
  });

  it('keeps the data and the demo tokens on a second start', async () => {
    const tokens = demoTokens(dataDir);
    const server = await spawnServer(dataDir);
    try {
      expect(demoTokens(dataDir)).toEqual(tokens);
      const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${tokens.gold}` } });
      expect(me.status).toBe(200);
      expect(statSync(path.join(dataDir, 'demo-tokens.json')).mode & 0o077).toBe(0);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  });
});
