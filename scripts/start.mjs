#!/usr/bin/env node
// `npm start`: build what the demo needs, then run the reference support API on its embedded defaults.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SERVER_NODE_ARGS } from './server-command.mjs';

const build = spawnSync('node scripts/build.mjs', { shell: true, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
if (!existsSync('server/main.ts')) {
  console.log('Built. The reference server is not there yet: see README.md.');
  process.exit(0);
}
const server = spawnSync(process.execPath, SERVER_NODE_ARGS, { stdio: 'inherit' });
process.exit(server.status ?? 0);
