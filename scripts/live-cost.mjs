#!/usr/bin/env node
// What keeping open cases up to date costs the server, measured on the real server (`node scripts/live-cost.mjs`):
// N widgets reading the case list every INTERVAL seconds while nothing changes, answered in full (200) or,
// with the tag of the answer they hold, `304 Not Modified`. Prints bytes on the wire per read (HTTP/1.1
// request and response, status line and headers included) and server CPU per read (from /proc, the server
// in its own process), then both per idle minute for N widgets; and the Server-Sent Events alternative's
// idle traffic, computed from its keep-alive frame. LIVE_WIDGETS (100), LIVE_INTERVAL (5), LIVE_READS (3000).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const WIDGETS = Number(process.env.LIVE_WIDGETS ?? 100);
const INTERVAL_S = Number(process.env.LIVE_INTERVAL ?? 5);
const READS = Number(process.env.LIVE_READS ?? 3000);
const CONCURRENCY = 20;
const CLOCK_TICKS_PER_S = 100; // Linux USER_HZ

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/widget/start-server.ts'], {
      env: { ...process.env, NETSCOUT_TEST_NOW: '2026-12-02T15:00:00.000Z' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, ...JSON.parse(out.split('\n')[0]) });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}

/** User + system CPU time of a process so far, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One request; resolves with the status, the ETag and the bytes each way (line + headers + body). */
function request(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let bodyBytes = 0;
      res.on('data', (chunk) => {
        bodyBytes += chunk.length;
      });
      res.on('end', () => {
        let head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n\r\n`.length;
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`.length;
        const u = new URL(url);
        let sent = `${method} ${u.pathname}${u.search} HTTP/1.1\r\n\r\nHost: ${u.host}\r\nConnection: keep-alive\r\n`
          .length;
        for (const [name, value] of Object.entries(headers)) sent += `${name}: ${value}\r\n`.length;
        resolve({
          status: res.statusCode,
          etag: res.headers.etag,
          received: head + bodyBytes,
          sent: sent + (body?.length ?? 0),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(pid, url, headers) {
  const before = cpuMs(pid);
  let received = 0;
  let sent = 0;
  const statuses = new Map();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < READS) {
        const r = await request(url, 'GET', headers);
        received += r.received;
        sent += r.sent;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  const cpu = cpuMs(pid) - before;
  return { bytes: (received + sent) / READS, cpuUs: (cpu * 1000) / READS, statuses: Object.fromEntries(statuses) };
}

const server = await startServer();
try {
  const token = server.demo.gold.token;
  const auth = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  // A customer with 20 cases, the list the widget reads (limit 50).
  for (let i = 0; i < 20; i++) {
    const body = JSON.stringify({
      serviceId: 'onetouchat',
      subject: `Case ${i}: the cable test stops at 40 percent`,
      description: 'Every cable test on the main switch port stops at 40 percent and reports a timeout.',
      deviceSerial: 'OTAT-12345',
      firmwareVersion: '6.5.1',
      contactEmail: 'alice@acme.example',
    });
    await request(
      `${server.url}/v1/incidents`,
      'POST',
      {
        ...auth,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        'Idempotency-Key': `live-cost-${Date.now()}-${i}`,
      },
      body,
    );
  }
  const list = `${server.url}/v1/cases?limit=50`;
  const { etag } = await request(list, 'GET', auth);
  await measure(server.child.pid, list, auth); // warm-up
  const full = await measure(server.child.pid, list, auth);
  const conditional = await measure(server.child.pid, list, { ...auth, 'If-None-Match': etag });
  // The floor: the cheapest authenticated read (gate, token, rate limit, a small JSON answer).
  const me = await measure(server.child.pid, `${server.url}/v1/me`, auth);
  const perMinute = (WIDGETS * 60) / INTERVAL_S;
  const row = (name, m) =>
    `| ${name} | ${JSON.stringify(m.statuses)} | ${m.bytes.toFixed(0)} | ${m.cpuUs.toFixed(0)} | ${((m.bytes * perMinute) / 1024).toFixed(0)} KiB | ${((m.cpuUs * perMinute) / 1000).toFixed(0)} ms |`;
  // SSE keeps one response open per widget; while idle it sends only keep-alive comments (": \n\n", chunked:
  // "3\r\n: \n\r\n\r\n" = 10 bytes) every 25 s, so proxies do not cut the connection.
  const sseBytesPerMinute = WIDGETS * (60 / 25) * 10;
  console.log(
    `Live cases: ${WIDGETS} widgets open on the case list (20 cases), one read every ${INTERVAL_S} s, ${READS} reads per variant\n`,
  );
  console.log(
    '| variant | statuses | bytes per read (both ways) | server CPU per read (µs) | per idle minute, wire | per idle minute, server CPU |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(row('polling, full answer (200)', full));
  console.log(row('polling, If-None-Match (304)', conditional));
  console.log(row('(floor: GET /v1/me, 200)', me));
  console.log(
    `| SSE, keep-alive every 25 s (computed) | — | — | — | ${(sseBytesPerMinute / 1024).toFixed(1)} KiB | (not measured) |`,
  );
  console.log(
    `\n304 / 200: ${(conditional.bytes / full.bytes).toFixed(3)} of the bytes, ${(conditional.cpuUs / full.cpuUs).toFixed(2)} of the CPU`,
  );
} finally {
  agent.destroy();
  server.child.kill('SIGTERM');
}
