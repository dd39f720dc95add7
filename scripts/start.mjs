#!/usr/bin/env node
// `npm start`: build what the demo needs, then run the reference support API on its embedded defaults.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SERVER_NODE_ARGS } from './server-command.mjs';

const build = spawnSync('node scripts/build.mjs', { shell: true, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (!existsSync('server/main.ts')) {
  console.log('Built. The reference server is not there yet: see README.md.');
  process.exit(0);
}
// Not spawnSync: a blocked parent cannot pass `kill -TERM` on, and dies leaving the server running. The
// server drains and closes its database on the forwarded signal; this process exits when it has.
const server = spawn(process.execPath, SERVER_NODE_ARGS, { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
