// Starts the real reference server for the widget's browser tests (run by the wtr config with tsx) and
// prints one JSON line: its URL and demo tokens. The clock starts at NETSCOUT_TEST_NOW and runs in real
// time, so "today" is the same day on every run while cases still get distinct instants.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../server/index.js';
import { TestGateway } from '../../server/payments/test-gateway.js';

const start = Date.parse(process.env.NETSCOUT_TEST_NOW ?? '');
const offset = Number.isNaN(start) ? 0 : start - Date.now();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-widget-'));
// The payment gateway stand-in, which a test may make unreachable (`gateway down` / `gateway up` on stdin).
const gateway = new TestGateway();
const server = await startServer({
  gateway,
  port: 0,
  dataDir,
  logLevel: 'silent',
  now: () => new Date(Date.now() + offset),
  corsOrigins: (process.env.NETSCOUT_CORS_ORIGINS ?? '').split(',').filter(Boolean),
  rateLimit: { burst: 10_000, perSecond: 10_000 },
});
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, demo: server.demo })}\n`);
const stop = async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk.split('\n')) {
    const state = /^gateway (up|down)$/.exec(line.trim())?.[1];
    if (!state) continue;
    gateway.unreachable = state === 'down';
    process.stdout.write(`${JSON.stringify({ gateway: state })}\n`);
  }
});
process.stdin.resume();
