// Anonymous body attack against the reference API: `npx tsx test/bench/body-attack.bench.ts`
// (or `node scripts/bench.mjs body-attack`). The server runs as `npm start` runs it, in its own process.
// A probe asks GET /v1/health one request at a time, first with nothing else going on, then while eight
// anonymous clients each send 1 MiB of nested arrays to POST /v1/incidents over and over (loopback only,
// at most ATTACK_SECONDS and ATTACK_REQUESTS per client; they run in a process of their own, so writing
// their bodies does not delay the probe's event loop). The figure is the ratio of the two medians, measured
// side by side in one run. The address limit is set out of reach: this measures what reading
// (or not reading) the bodies costs, not how soon the limiter refuses the attackers.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnServer } from '../server/_lib/child.js';
import { writeBenchmarkSection } from './_lib/report.js';

const ATTACKERS = 8;
const ATTACK_SECONDS = 10;
const ATTACK_REQUESTS = 200;
const QUIET_PROBES = 300;
const PROBE_EVERY_MS = 10;
const DEPTH = (1024 * 1024 - 8) / 2;
const BODY = Buffer.from(`{"a":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`);

/** One anonymous 1 MiB nested-array POST on a new connection; its status, or 0 when the connection broke. */
function attack(url: URL): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: '/v1/incidents',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': BODY.length, 'idempotency-key': 'x' },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', () => resolve(0));
    request.end(BODY);
  });
}

/** The attackers' process: each client posts its bodies one after the other, until its bound. */
async function attackProcess(url: URL): Promise<void> {
  const statuses = new Map<number, number>();
  const deadline = performance.now() + ATTACK_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: ATTACKERS }, async () => {
      for (let i = 0; i < ATTACK_REQUESTS && performance.now() < deadline; i++) {
        const status = await attack(url);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  process.send?.(Object.fromEntries(statuses));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Starts the server, probes it quiet and under attack, reports. */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-bench-attack-'));
  const server = await spawnServer(dataDir, {
    NETSCOUT_LOG_LEVEL: 'warn',
    NETSCOUT_ADDRESS_RATE_LIMIT: '1000000/1000000',
  });
  const url = new URL(server.url);
  const probeAgent = new http.Agent({ keepAlive: true });

  /** One GET /v1/health; its latency in milliseconds. */
  function probe(): Promise<number> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.get(
        { host: url.hostname, port: url.port, path: '/v1/health', agent: probeAgent },
        (response) => {
          response.resume();
          response.on('end', () => resolve(performance.now() - started));
        },
      );
      request.on('error', reject);
    });
  }

  // Probes on a fixed schedule, without waiting for answers: a stalled server gets as many probes as a quick
  // one (a probe that waits for the previous answer samples the stalls less often than they happen).
  async function probeUntil(stop: () => boolean): Promise<number[]> {
    const pending: Promise<number>[] = [];
    while (!stop()) {
      pending.push(probe());
      await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
    }
    return Promise.all(pending);
  }

  /** A stop condition that is true after `n` probes. */
  const after = (n: number) => () => n-- <= 0;
  await probeUntil(after(50)); // warm up
  const quiet = await probeUntil(after(QUIET_PROBES));

  const attackers = fork(fileURLToPath(import.meta.url), ['attack', url.href], { execArgv: ['--import', 'tsx'] });
  let attacking = true;
  const done = new Promise<Map<number, number>>((resolve, reject) => {
    attackers.once('message', (counts: Record<string, number>) => {
      attacking = false;
      resolve(new Map(Object.entries(counts).map(([status, count]) => [Number(status), count])));
    });
    attackers.once('error', reject);
  });
  const underAttack = await probeUntil(() => !attacking);
  const statuses = await done;
  probeAgent.destroy();
  server.process.kill('SIGTERM');
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });

  const quietMs = median(quiet);
  const attackMs = median(underAttack);
  const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
  const answers = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${count} × ${status === 0 ? 'connection closed' : status}`)
    .join(', ');
  const lines = [
    '| measure | result |',
    '|---|---|',
    `| GET /v1/health median, quiet (${quiet.length} probes) | ${quietMs.toFixed(2)} ms |`,
    `| GET /v1/health median, under attack (${underAttack.length} probes) | ${attackMs.toFixed(2)} ms |`,
    `| **ratio under attack / quiet** | **${(attackMs / quietMs).toFixed(1)} ×** |`,
    `| attack: ${ATTACKERS} anonymous clients, 1 MiB nested arrays each | ${sent} bodies sent in ≤ ${ATTACK_SECONDS} s: ${answers} |`,
  ];
  console.log(lines.join('\n'));
  writeBenchmarkSection(
    'body-attack',
    'Anonymous 1 MiB nested-JSON attack: health latency ratio',
    'npm run bench -- body-attack   (npx tsx test/bench/body-attack.bench.ts)',
    lines.join('\n'),
  );
}

if (process.argv[2] === 'attack') await attackProcess(new URL(process.argv[3]));
else await main();
