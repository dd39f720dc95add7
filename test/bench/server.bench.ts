// Benchmark of the reference support API under load: `node scripts/bench.mjs server`.
// The server runs as its own process, exactly as `npm start` runs it (durable synchronous=FULL commits,
// JSON request logs); autocannon drives it over loopback from this process. This machine is shared and
// noisy, so every route is reported as a ratio to the same stack's health route, measured in the same run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { demoTokens, spawnServer } from '../server/_lib/child.js';
import { writeBenchmarkSection } from './_lib/report.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const WARMUP = 3;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-bench-'));
const server = await spawnServer(dataDir, {
  // The limiter stays in the path but must not throttle one token at bench rates.
  NETSCOUT_RATE_LIMIT: '1000000/1000000',
  // Every autocannon connection comes from 127.0.0.1: the address limit must not throttle it either.
  NETSCOUT_ADDRESS_RATE_LIMIT: '1000000/1000000',
});
const { pid } = server.process;

/** CPU time (user + system) the server process has used, in milliseconds (`/proc`, 100 ticks a second). */
function cpuMs(): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMiB(): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

const { url } = server;
const tokens = demoTokens(dataDir);
const auth = { authorization: `Bearer ${tokens.standalonePaid}` };
const incidentBody = JSON.stringify({
  serviceId: 'netscout-insights',
  subject: 'Dashboard shows no data',
  description: 'The latency dashboard has been empty for every site since the last update.',
  contactEmail: 'david@delta.example',
});
let key = 0;
let uncached = 0;

const routes = [
  { name: 'GET /v1/health', options: { url: `${url}/v1/health` } },
  {
    name: 'POST /v1/incidents',
    options: {
      url: `${url}/v1/incidents`,
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: incidentBody,
      requests: [
        {
          setupRequest: (request: { headers: Record<string, string> }) => {
            request.headers['idempotency-key'] = `bench-${process.pid}-${++key}`;
            return request;
          },
        },
      ],
    },
  },
  { name: 'GET /v1/cases', options: { url: `${url}/v1/cases`, headers: auth } },
  {
    // A new `updatedSince` each time: what a page costs when the server has not served it before.
    name: 'GET /v1/cases, page not cached',
    options: {
      url: `${url}/v1/cases`,
      headers: auth,
      requests: [
        {
          setupRequest: (request: { path: string }) => {
            request.path = `/v1/cases?updatedSince=${new Date(Date.UTC(2000, 0, 1) + ++uncached).toISOString()}`;
            return request;
          },
        },
      ],
    },
  },
];

const results: { name: string; result: AutocannonResult; cpuUs: number; rss: number[] }[] = [];
for (const route of routes) await autocannon({ ...route.options, connections: CONNECTIONS, duration: WARMUP });
for (const route of routes) {
  const cpuStart = cpuMs();
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMiB()), 1000);
  const result = await autocannon({ ...route.options, connections: CONNECTIONS, duration: DURATION });
  clearInterval(sampler);
  const cpuUs = ((cpuMs() - cpuStart) * 1000) / Math.max(1, result.requests.total);
  results.push({ name: route.name, result, cpuUs, rss });
  console.log(
    `${route.name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, ${cpuUs.toFixed(0)} µs CPU/request, non-2xx ${result.non2xx}`,
  );
}
server.process.kill('SIGTERM');
await server.exited;
rmSync(dataDir, { recursive: true, force: true });

const [health] = results;
const rows = results.map(({ name, result, cpuUs }) => {
  const rps = result.requests.average;
  return (
    `| \`${name}\` | ${(rps / health.result.requests.average).toFixed(2)} | ${(cpuUs / health.cpuUs).toFixed(1)} | ` +
    `${rps.toFixed(0)} | ${result.latency.p50} / ${result.latency.p99} | ${cpuUs.toFixed(0)} | ` +
    `${result.non2xx} | ${result.errors + result.timeouts} |`
  );
});
const allRss = results.flatMap((r) => r.rss);
const rssMedian = [...allRss].sort((a, b) => a - b)[Math.floor(allRss.length / 2)];
const body = `
${CONNECTIONS} connections, ${DURATION} s per route after a ${WARMUP} s warm-up of every route, on loopback; the server runs as
\`npm start\` does (SQLite WAL with \`synchronous = FULL\`, one JSON log line per request, the rate limiter in the path with
its limit raised). \`GET /v1/cases\` lists the default page (20 cases) of the account that received the
${key.toLocaleString('en-US')} incidents.

The ratios are what this benchmark stands for: each route against \`GET /v1/health\` of the same server in the same run (the
cost of the HTTP stack alone). The absolute figures are as measured on this shared 2-core machine, whose speed moves from
run to run; compare them across runs only through the ratios.

| route | req/s, ratio to health | CPU per request, ratio to health | req/s | latency p50 / p99 ms | server CPU µs/request | non-2xx | errors |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Resident memory of the server over the measured runs: median ${rssMedian.toFixed(0)} MiB, from
${Math.min(...allRss).toFixed(0)} to ${Math.max(...allRss).toFixed(0)} MiB (${allRss.length} samples, one a second).
`;
console.log(body);
if (!process.env.BENCH_DRY_RUN)
  writeBenchmarkSection('server', 'Reference support API (autocannon)', 'node scripts/bench.mjs server', body);
