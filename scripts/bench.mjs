#!/usr/bin/env node
// `npm run bench`: every benchmark; each prints its figures and writes its section of BENCHMARKS.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const benches = readdirSync('test/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => !only || f.includes(only));
for (const file of benches) {
  const path = `test/bench/${file}`;
  console.log(`▶ ${path}`);
  const result = spawnSync(`npx tsx ${path}`, { shell: true, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
