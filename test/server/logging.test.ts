import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTokens, killAllServers, spawnServer } from './_lib/child.js';
import { drafts } from './_lib/harness.js';

afterEach(killAllServers);

describe('request logs', () => {
  it('write one JSON line per request with a request id, and never a token, a nonce or a body', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-logs-'));
    try {
      const server = await spawnServer(dataDir);
      let output = '';
      server.process.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const tokens = demoTokens(dataDir);
      const auth = { authorization: `Bearer ${tokens.free}` };
      await fetch(`${server.url}/v1/me`, { headers: { ...auth, 'x-request-id': 'log-test-1' } });
      await fetch(`${server.url}/v1/subscriptions`, {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'application/json',
          'idempotency-key': 'log-purchase-key',
          'x-request-id': 'log-test-2',
        },
        body: JSON.stringify({ serviceId: 'linksprinter', planId: 'pro', paymentMethodNonce: 'fake-valid-nonce' }),
      });
      await fetch(`${server.url}/v1/incidents`, {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'application/json',
          'idempotency-key': 'log-key',
          'x-request-id': 'log-test-3',
        },
        body: JSON.stringify(drafts.linksprinter),
      });
      server.process.kill('SIGTERM');
      await server.exited;
      // The start-up banner prints the demo tokens on purpose (that is what `npm start` is for); the log
      // lines are the JSON ones.
      const logText = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .join('\n');
      const lines = logText.split('\n').map((line) => JSON.parse(line));
      const requests = lines.filter((l) => typeof l.reqId === 'string' && l.reqId.startsWith('log-test-'));
      expect(requests.map((l) => [l.reqId, l.method, l.path, l.status])).toEqual([
        ['log-test-1', 'GET', '/v1/me', 200],
        ['log-test-2', 'POST', '/v1/subscriptions', 201],
        ['log-test-3', 'POST', '/v1/incidents', 201],
      ]);
      expect(requests.every((l) => l.user === 'usr_demo_free' && typeof l.ms === 'number')).toBe(true);
      for (const secret of [...Object.values(tokens), 'fake-valid-nonce', drafts.linksprinter.description]) {
        expect(logText).not.toContain(secret);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
