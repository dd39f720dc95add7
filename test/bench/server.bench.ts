// Benchmark of the reference support API under load: `npx tsx test/bench/server.bench.ts`
// (or `node scripts/bench.mjs server`). The server runs as its own process (`server/main.ts`, exactly what
// `npm start` runs, durable synchronous=FULL commits, JSON request logs to a file); autocannon drives it
// over loopback from this process, 50 connections, 20 s per route, one run for the three routes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { SERVER_NODE_ARGS } from '../../scripts/server-command.mjs';
import { classifySamples, fmt, overlapsSample, probeHost, startHostMonitor } from './_lib/host-probe.js';
import { writeBenchmarkSection } from './_lib/report.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, latencyMs: number) => void): void;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const WARMUP = 3;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netscout-bench-'));
const logFile = path.join(dataDir, 'requests.log');
// Started as `npm start` starts it (same Node flags), its output to a file.
const command = [process.execPath, ...SERVER_NODE_ARGS].map((arg) => `"${arg}"`).join(' ');
const child = spawn('bash', ['-c', `exec ${command} > "${logFile}" 2>&1`], {
  env: {
    ...process.env,
    PORT: '0',
    NETSCOUT_DATA_DIR: dataDir,
    // The limiter stays in the path but must not throttle one token at bench rates.
    NETSCOUT_RATE_LIMIT: '1000000/1000000',
    // Every autocannon connection comes from 127.0.0.1: the address limit must not throttle it either.
    NETSCOUT_ADDRESS_RATE_LIMIT: '1000000/1000000',
  },
  stdio: 'ignore',
});

async function waitForUrl(): Promise<string> {
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    let text = '';
    try {
      text = readFileSync(logFile, 'utf8');
    } catch {}
    const match = /NetScout Support API: (http:\/\/\S+)/.exec(text);
    if (match) return match[1];
  }
  throw new Error('the server did not start');
}

/** CPU time (user + system) the server process has used, in milliseconds. */
function cpuMs(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

function rssMiB(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const url = await waitForUrl();
const tokens = JSON.parse(readFileSync(path.join(dataDir, 'demo-tokens.json'), 'utf8')) as Record<string, string>;
const auth = { authorization: `Bearer ${tokens.standalonePaid}` };
const incidentBody = JSON.stringify({
  serviceId: 'netscout-insights',
  subject: 'Dashboard shows no data',
  description: 'The latency dashboard has been empty for every site since the last update.',
  contactEmail: 'david@delta.example',
});
let key = 0;

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
    // The same page, asked for in a way the server has not seen (a new `updatedSince` each time): what a
    // page costs when it is not in the server's page cache, as after a change to the account's cases.
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
let uncached = 0;

const samples: { t: number; rss: number; route: string }[] = [];
const results: {
  name: string;
  result: AutocannonResult;
  cpuUs: number;
  cores: { server: number; client: number };
  monitor: ReturnType<typeof classifySamples> & { samples: number; cpuShare: number };
}[] = [];
/** The route whose slow requests are set against the monitor's samples: the one with the p99 target. */
const TAIL_ROUTE = 'POST /v1/incidents';
const TAIL_MS = 30;
let tail = { slow: 0, slowInHostSlowed: 0, slowInWaiting: 0, all: 0, allInHostSlowed: 0, allInWaiting: 0 };
/**
 * How fast this shared machine runs right now: the wall time of a fixed piece of CPU work (SHA-256 of 64 bytes,
 * 200,000 times) in the benchmark process, before the routes (server idle) and after (server stopped). The same code gives
 * different figures when the host is busier; this tells a slow machine from a slower server.
 */
function calibrate(): number {
  const input = Buffer.alloc(64, 7);
  // Compiled first, so the first measurement is not also the JIT's warm-up.
  for (let i = 0; i < 20_000; i++) createHash('sha256').update(input).digest();
  const start = performance.now();
  for (let i = 0; i < 200_000; i++) createHash('sha256').update(input).digest();
  return performance.now() - start;
}
const calibrationBefore = calibrate();
// The "Host" section's probe, for 10 s with the server idle and again once it has stopped: how steadily the host
// gave its CPUs around this run (episodes of slowed CPUs are where the p99 of a saturated route falls).
const HOST_PROBE_MS = 10_000;
const hostBefore = await probeHost(HOST_PROBE_MS);
const started = Date.now();
// Warm every route first (JIT, caches, heap sized for each workload), then measure them in turn.
for (const route of routes) await autocannon({ ...route.options, connections: CONNECTIONS, duration: WARMUP });
for (const route of routes) {
  // A light thread times a fixed piece of work throughout the route (the same for every route).
  const monitor = await startHostMonitor();
  const cpuStart = cpuMs();
  const clientStart = process.cpuUsage();
  const wallStart = performance.now();
  const sampler = setInterval(() => samples.push({ t: Date.now() - started, rss: rssMiB(), route: route.name }), 1000);
  // For the tail route, every answer's time and latency are kept, to set them against the monitor's samples.
  const answers: number[] = [];
  const run = autocannon({ ...route.options, connections: CONNECTIONS, duration: DURATION });
  if (route.name === TAIL_ROUTE) {
    run.on('response', (_client, _status, _bytes, latencyMs) => {
      answers.push(performance.timeOrigin + performance.now(), latencyMs);
    });
  }
  const result = await run;
  const wall = performance.now() - wallStart;
  const serverCpu = cpuMs() - cpuStart;
  const client = process.cpuUsage(clientStart);
  clearInterval(sampler);
  const { samples: monitorSamples, cpuMs: monitorCpuMs } = await monitor.stop();
  const classified = classifySamples(monitorSamples);
  if (route.name === TAIL_ROUTE) {
    const counts = { slow: 0, slowInHostSlowed: 0, slowInWaiting: 0, all: 0, allInHostSlowed: 0, allInWaiting: 0 };
    for (let i = 0; i < answers.length; i += 2) {
      const [answered, latency] = [answers[i], answers[i + 1]];
      const inHostSlowed = overlapsSample(classified.hostSlowed, answered - latency, answered);
      const inWaiting = overlapsSample(classified.waiting, answered - latency, answered);
      counts.all++;
      if (inHostSlowed) counts.allInHostSlowed++;
      if (inWaiting) counts.allInWaiting++;
      if (latency >= TAIL_MS) {
        counts.slow++;
        if (inHostSlowed) counts.slowInHostSlowed++;
        if (inWaiting) counts.slowInWaiting++;
      }
    }
    tail = counts;
  }
  const cpuUs = (serverCpu * 1000) / Math.max(1, result.requests.total);
  const cores = { server: serverCpu / wall, client: ((client.user + client.system) / 1000 - monitorCpuMs) / wall };
  results.push({
    name: route.name,
    result,
    cpuUs,
    cores,
    monitor: { ...classified, samples: monitorSamples.length, cpuShare: monitorCpuMs / wall },
  });
  const phase = samples.filter((x) => x.route === route.name).map((x) => x.rss.toFixed(0));
  console.log(`  RSS during ${route.name} (MiB, every second): ${phase.join(' ')}`);
  console.log(
    `${route.name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `non-2xx ${result.non2xx}, errors ${result.errors}, server CPU ${cpuUs.toFixed(0)} µs/request, ` +
      `CPU cores used: server ${cores.server.toFixed(2)}, autocannon ${cores.client.toFixed(2)}; ` +
      `monitor samples slowed by the host ${fmt((100 * classified.hostSlowed.length) / monitorSamples.length, 1)} %, ` +
      `waiting for a CPU ${fmt((100 * classified.waiting.length) / monitorSamples.length, 1)} %`,
  );
}
const cases = key;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const calibrationAfter = calibrate();
const hostAfter = await probeHost(HOST_PROBE_MS);

// Time inside the application for each measured request, from the server's own request log (`ms`: from the
// first middleware until the answer is ready). Set against autocannon's latency, it separates the server's
// work from the time a request waits for the event loop to reach it (and for the client to read the answer).
// Each route's measured requests are the last ones logged for its path, counted back from the end.
const logged = new Map<string, number[]>();
for (const line of readFileSync(logFile, 'utf8').split('\n')) {
  if (!line.startsWith('{') || !line.includes('"reqId"')) continue;
  const entry = JSON.parse(line) as { method?: string; path?: string; ms?: number };
  if (entry.ms === undefined) continue;
  const route = `${entry.method} ${entry.path}`;
  const list = logged.get(route) ?? [];
  list.push(entry.ms);
  logged.set(route, list);
}
const serverMs = new Map<string, { p50: number; p99: number }>();
for (const { name, result } of [...results].reverse()) {
  const list = logged.get(name.split(',')[0]) ?? [];
  const measured = list.splice(Math.max(0, list.length - result.requests.total)).sort((a, b) => a - b);
  if (measured.length > 0) {
    const at = (q: number) => measured[Math.min(measured.length - 1, Math.floor(measured.length * q))];
    serverMs.set(name, { p50: at(0.5), p99: at(0.99) });
  }
}
rmSync(dataDir, { recursive: true, force: true });

const health = results[0].result.requests.average;
// The memory target is for the issue's run of three routes; the extra, informational route is shown apart.
const targetRoutes = new Set(routes.slice(0, 3).map((route) => route.name));
const rssValues = samples.filter((s) => targetRoutes.has(s.route)).map((s) => s.rss);
const rssMin = Math.min(...rssValues);
const rssMax = Math.max(...rssValues);
// "Flat within ±10 %": every sample within 10 % of the run's level, taken as the median sample. (The first
// sample is a poor level: it is taken right after the warm-up bursts, before V8 has handed their garbage
// back, so a flat run can sit several percent below it.)
const rssMedian = [...rssValues].sort((a, b) => a - b)[Math.floor(rssValues.length / 2)];
const below = (rssMin - rssMedian) / rssMedian;
const above = (rssMax - rssMedian) / rssMedian;
const flat = Math.max(-below, above) <= 0.1;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const rssHead = mean(rssValues.slice(0, 5));
const rssTail = mean(rssValues.slice(-5));
const perRoute = routes
  .map((route) => {
    const values = samples.filter((x) => x.route === route.name).map((x) => x.rss);
    return `\`${route.name}\` ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} MiB`;
  })
  .join(', ');
/** The issue's targets, each with what this run says about it. */
const verdict = (result: AutocannonResult, minRps: number, maxP99?: number) => {
  const missed: string[] = [];
  if (result.requests.average < minRps) missed.push(`req/s below ${minRps.toLocaleString('en-US')}`);
  if (maxP99 !== undefined && result.latency.p99 >= maxP99) missed.push(`p99 not under ${maxP99} ms`);
  return missed.length === 0 ? 'met' : `**not met**: ${missed.join(', ')}`;
};
const target: Record<string, (result: AutocannonResult) => string> = {
  'POST /v1/incidents': (r) => `≥ 3,000 req/s, p99 < 30 ms: ${verdict(r, 3000, 30)}`,
  'GET /v1/cases': (r) => `≥ 5,000 req/s: ${verdict(r, 5000)}`,
  'GET /v1/health': () => '(ceiling of the stack)',
  'GET /v1/cases, page not cached': () => '(for information)',
};
const rows = results.map(({ name, result, cpuUs, cores }) => {
  const rps = result.requests.average;
  const inside = serverMs.get(name);
  return `| \`${name}\` | ${rps.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${inside ? `${inside.p50.toFixed(1)} / ${inside.p99.toFixed(1)}` : '–'} | ${(rps / health).toFixed(2)} | ${cpuUs.toFixed(0)} | ${(1e6 / cpuUs).toFixed(0)} | ${cores.server.toFixed(2)} / ${cores.client.toFixed(2)} | ${result.non2xx} | ${result.errors + result.timeouts} | ${target[name](result)} |`;
});
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const body = `
${CONNECTIONS} connections, ${DURATION} s per route after a ${WARMUP} s warm-up of every route, autocannon in the benchmark process and the
server (\`server/main.ts\`) in its own process, on loopback. The server runs as \`npm start\` does: SQLite in WAL mode with
\`synchronous = FULL\` (every acknowledged incident is fsynced; concurrent submissions share one commit), one JSON log line per
request (to a file), the per-token rate limiter in the path (its limit raised so one token is not throttled).
\`GET /v1/cases\` lists the default page (20 cases) of the account that received the ${cases.toLocaleString('en-US')} incidents. The SLA status
of every case is computed by \`core\` on every request; the page itself (which cases, in which order) is served from memory
until a write touches that account's cases. The last row asks for the same page with a new \`updatedSince\` each time, so
every request misses that cache and reads the index, as the first read after a change does.

| route | req/s | p50 ms | p99 ms | in the application p50 / p99 ms | ratio to health | server CPU µs/req | req/s per CPU-second | CPU cores server / autocannon | non-2xx | errors | target |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

"In the application" is the time the server's own request log gives each measured request, from its first middleware
until its answer is ready (commit included for incidents); the rest of autocannon's latency is the request waiting for the
event loop to reach it, Node writing the answer, and the client reading it. "Server CPU µs/req" is the CPU time (user + system, from \`/proc\`) the server process spent per answered request: less
sensitive than req/s to what else this shared 2-core machine runs (contention still inflates it somewhat). "CPU cores" is the
CPU time the server process (every thread) and the benchmark process (autocannon) each used, divided by the route's wall time:
a server near 1.0 is bound by its one JavaScript thread, whatever the other core has left. Load average at the end of the run (1 / 5 / 15 min): ${load}.
Machine speed: a fixed piece of work (200,000 SHA-256 hashes, alone in the benchmark process) took ${calibrationBefore.toFixed(0)} ms before the
routes and ${calibrationAfter.toFixed(0)} ms after them; compare it across runs (more milliseconds: a busier host).
Host steadiness (the probe of the "Host" section, ${HOST_PROBE_MS / 1000} s on every CPU at once): ${fmt(100 * hostBefore.slowShare, 1)} % of its 10 ms windows
ran below half speed before the routes and ${fmt(100 * hostAfter.slowShare, 1)} % after them, with ${fmt(100 * hostBefore.sharedShare)} % and ${fmt(100 * hostAfter.sharedShare)} % of those slow
episodes on every CPU at once.

While each route ran, a monitor thread (the same for every route; it used ${fmt(100 * Math.min(...results.map((r) => r.monitor.cpuShare)), 1)}–${fmt(100 * Math.max(...results.map((r) => r.monitor.cpuShare)), 1)} % of one CPU) timed a fixed piece of integer work (about 0.5 ms) every 10 ms,
with the time the kernel kept it waiting for a CPU. Of the samples that took more than twice the median, one that spent
over 10 % of its time waiting for a CPU is *waiting* (this machine was busy); any other is *slowed by the host* (not
kept waiting by this machine, yet the same work took more than twice as long). Slowed by the host / waiting: ${results.map((r) => `${r.name.replace(/^(GET|POST) /, '')} ${fmt((100 * r.monitor.hostSlowed.length) / r.monitor.samples, 1)} % / ${fmt((100 * r.monitor.waiting.length) / r.monitor.samples, 1)} %`).join('; ')}.
During \`${TAIL_ROUTE}\`, ${tail.slow.toLocaleString('en-US')} requests (${fmt((100 * tail.slow) / Math.max(1, tail.all), 2)} %) took ${TAIL_MS} ms or more: ${fmt((100 * tail.slowInHostSlowed) / Math.max(1, tail.slow))} % of them
were in flight during a sample slowed by the host (against ${fmt((100 * tail.allInHostSlowed) / Math.max(1, tail.all), 1)} % of all its requests), and
${fmt((100 * tail.slowInWaiting) / Math.max(1, tail.slow))} % during a sample that waited for a CPU (against ${fmt((100 * tail.allInWaiting) / Math.max(1, tail.all), 1)} % of all).

Resident memory of the server, sampled every second over the measured runs of the three routes of the target (${rssValues.length} samples):
median ${rssMedian.toFixed(0)} MiB, min ${rssMin.toFixed(0)} MiB (${(below * 100).toFixed(1)} %), max ${rssMax.toFixed(0)} MiB (+${(above * 100).toFixed(1)} %); the whole range is
${(((rssMax - rssMin) / rssMedian) * 100).toFixed(1)} % of the median. Per route: ${perRoute}. Trend: the first five samples average ${rssHead.toFixed(0)} MiB, the last
five ${rssTail.toFixed(0)} MiB (${(((rssTail - rssHead) / rssHead) * 100).toFixed(1)} %). Target: every sample within ±10 % of the median: ${flat ? 'met' : 'not met'}.
The server runs with \`--heap-growing-percent=50\` (\`scripts/server-command.mjs\`, as \`npm start\` runs it).
`;
console.log(body);
if (!process.env.BENCH_DRY_RUN)
  writeBenchmarkSection('server', 'Reference support API (autocannon)', 'node scripts/bench.mjs server', body);
