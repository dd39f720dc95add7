#!/usr/bin/env node
// `npm run start:cluster`: several API processes on one machine, one port (node:cluster hands the
// connections out), one PostgreSQL store. Each process is `server/main.ts`, started as `npm start` starts it.
// NETSCOUT_PROCESSES sets how many (default: one per core). A process that dies is started again; SIGTERM or
// SIGINT is passed to every process, which drains its requests and closes its pool, and this one then exits.
import cluster from 'node:cluster';
import os from 'node:os';
import { SERVER_NODE_ARGS } from './server-command.mjs';

if (!process.env.DATABASE_URL) {
  console.error('netscout-support: start:cluster needs DATABASE_URL=postgres://… (a SQLite file serves one process)');
  process.exit(1);
}
const raw = process.env.NETSCOUT_PROCESSES ?? String(os.availableParallelism());
const count = Number(raw);
if (!Number.isInteger(count) || count < 1 || count > 256) {
  console.error(`netscout-support: NETSCOUT_PROCESSES must be a whole number from 1 to 256, not "${raw}"`);
  process.exit(1);
}

const script = SERVER_NODE_ARGS.at(-1);
cluster.setupPrimary({ exec: script, execArgv: SERVER_NODE_ARGS.slice(0, -1) });
let stopping = false;
for (let i = 0; i < count; i++) cluster.fork();
cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  console.error(`netscout-support: process ${worker.process.pid} exited (${signal ?? code}); starting another`);
  cluster.fork();
});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  });
}
