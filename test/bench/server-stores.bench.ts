// Benchmark of the stores: `node scripts/bench.mjs server`. Incidents per second and p99 on (a) one process on
// SQLite, (b) one process on PostgreSQL, (c) two processes on PostgreSQL, each against `GET /v1/health` of the
// same setup, measured side by side in one run. PostgreSQL is a throwaway cluster with its durable defaults
// (fsync on), as SQLite commits with `synchronous = FULL`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster } from '../_lib/postgres.js';
import { type ChildServer, demoTokens, spawnServer } from '../server/_lib/child.js';
import { writeBenchmarkSection } from './_lib/report.js';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const CONNECTIONS = 40;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 2;
const LIMITS = { NETSCOUT_RATE_LIMIT: '1000000/1000000', NETSCOUT_ADDRESS_RATE_LIMIT: '1000000/1000000' };

/** CPU seconds (user + system) of `pids` and, with `tree`, of their children (`/proc`, 100 ticks a second). */
function cpuSeconds(pids: number[], tree = false): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      stats.set(Number(name), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // Gone since the listing.
    }
  }
  let ticks = 0;
  for (const [pid, stat] of stats) {
    if (pids.includes(pid) || (tree && pids.includes(stat.ppid))) ticks += stat.ticks;
  }
  return ticks / 100;
}

const cluster = await startCluster({ durable: true });
const postgres = cluster.pid();
const admin = new pg.Client({ connectionString: cluster.url() });
await admin.connect();
const version = (await admin.query("select current_setting('server_version') as v")).rows[0].v as string;
await admin.end();
const dirs: string[] = [];
const newDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netscout-bench-stores-'));
  dirs.push(dir);
  return dir;
};

interface Setup {
  name: string;
  start(): Promise<{ servers: ChildServer[]; token: string }>;
}
const setups: Setup[] = [
  {
    name: '(a) 1 process, SQLite',
    async start() {
      const dir = newDir();
      return { servers: [await spawnServer(dir, LIMITS)], token: demoTokens(dir).standalonePaid };
    },
  },
  {
    name: '(b) 1 process, PostgreSQL',
    async start() {
      const dir = newDir();
      const env = { ...LIMITS, DATABASE_URL: await cluster.createDatabase() };
      return { servers: [await spawnServer(dir, env)], token: demoTokens(dir).standalonePaid };
    },
  },
  {
    name: '(c) 2 processes, PostgreSQL',
    async start() {
      const dir = newDir();
      const env = { ...LIMITS, DATABASE_URL: await cluster.createDatabase() };
      const first = await spawnServer(dir, env);
      return { servers: [first, await spawnServer(newDir(), env)], token: demoTokens(dir).standalonePaid };
    },
  },
];

let key = 0;
/** Drives every server at once, the connections shared out; req/s summed, p99 the worst of them. */
async function load(servers: ChildServer[], route: 'health' | 'incidents', token: string, duration: number) {
  const options = (url: string) =>
    route === 'health'
      ? { url: `${url}/v1/health` }
      : {
          url: `${url}/v1/incidents`,
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            serviceId: 'netscout-insights',
            subject: 'Dashboard shows no data',
            description: 'The latency dashboard has been empty for every site since the last update.',
            contactEmail: 'david@delta.example',
          }),
          requests: [
            {
              setupRequest: (request: { headers: Record<string, string> }) => {
                request.headers['idempotency-key'] = `stores-${process.pid}-${++key}`;
                return request;
              },
            },
          ],
        };
  const pids = servers.map((s) => s.process.pid ?? 0);
  const [serverBefore, pgBefore] = [cpuSeconds(pids), cpuSeconds([postgres], true)];
  const results = await Promise.all(
    servers.map((s) =>
      autocannon({ ...options(s.url), connections: Math.round(CONNECTIONS / servers.length), duration }),
    ),
  );
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    serverCpu: cpuSeconds(pids) - serverBefore,
    pgCpu: cpuSeconds([postgres], true) - pgBefore,
  };
}

const rows: { name: string; health: Awaited<ReturnType<typeof load>>; incidents: Awaited<ReturnType<typeof load>> }[] =
  [];
for (const setup of setups) {
  const { servers, token } = await setup.start();
  await load(servers, 'health', token, WARMUP);
  await load(servers, 'incidents', token, WARMUP);
  const health = await load(servers, 'health', token, DURATION);
  const incidents = await load(servers, 'incidents', token, DURATION);
  rows.push({ name: setup.name, health, incidents });
  console.log(
    `${setup.name}: health ${health.rps.toFixed(0)} req/s; incidents ${incidents.rps.toFixed(0)}/s, p99 ` +
      `${incidents.p99} ms, server CPU ${incidents.serverCpu.toFixed(1)} s, PostgreSQL CPU ${incidents.pgCpu.toFixed(1)} s`,
  );
  for (const server of servers) {
    server.process.kill('SIGTERM');
    await server.exited;
  }
}
await cluster.stop();
for (const dir of dirs) rmSync(dir, { recursive: true, force: true });

const [a, b, c] = rows;
const table = rows
  .map(
    ({ name, health, incidents }) =>
      `| ${name} | ${health.rps.toFixed(0)} | ${incidents.rps.toFixed(0)} | ${(incidents.rps / health.rps).toFixed(3)} | ` +
      `${incidents.p99} | ${incidents.serverCpu.toFixed(1)} / ${incidents.pgCpu.toFixed(1)} | ` +
      `${health.serverCpu.toFixed(1)} / ${health.pgCpu.toFixed(1)} | ${incidents.failed + health.failed} |`,
  )
  .join('\n');
const body = `
${CONNECTIONS} connections in all (shared out between the processes of a setup), ${DURATION} s per route after a ${WARMUP} s
warm-up, on loopback; each process as \`npm start\` runs it, limits raised. PostgreSQL ${version}
is a throwaway cluster on this machine with its default durability (fsync on), one database per setup.

| setup | health req/s | incidents/s | incidents ÷ health | incidents p99 ms | CPU s during incidents (servers / PostgreSQL) | CPU s during health (servers / PostgreSQL) | non-2xx + errors |
|---|---:|---:|---:|---:|---:|---:|---:|
${table}

Ratios, each setup's incidents per second against the other's in the same run: **(b) ÷ (a) = ${(b.incidents.rps / a.incidents.rps).toFixed(2)}**
(goal ≥ 0.5), **(c) ÷ (b) = ${(c.incidents.rps / b.incidents.rps).toFixed(2)}** (goal ≥ 1.5 where there are the cores for it). This machine has
${os.cpus().length} cores for the load generator, the server processes and PostgreSQL together: the CPU columns show
where the time went.
`;
console.log(body);
if (!process.env.BENCH_DRY_RUN)
  writeBenchmarkSection(
    'server-stores',
    'Reference support API: SQLite, PostgreSQL, two processes',
    'node scripts/bench.mjs server',
    body,
  );
