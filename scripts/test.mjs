#!/usr/bin/env node
// `npm test`: every suite of the project, in order, stopping at the first failure. Each part of the
// product owns one step here; a step whose folder does not exist yet is reported as absent, not passed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  { name: 'typecheck', cmd: 'node scripts/typecheck.mjs' },
  { name: 'lint', cmd: 'npx biome check .' },
  // The policy core must not depend on the machine's time zone: run it under three.
  ...['UTC', 'America/Los_Angeles', 'Asia/Kolkata'].map((tz) => ({
    name: `core (TZ=${tz})`,
    cmd: 'npx vitest run --project core',
    env: { TZ: tz },
  })),
  // The server suite once per store: the SQLite file, then a throwaway PostgreSQL cluster.
  ...['sqlite', 'postgres'].map((store) => ({
    name: `server (${store})`,
    cmd: 'npx vitest run --project server',
    env: { NETSCOUT_TEST_STORE: store },
    needs: 'test/server',
  })),
  { name: 'build', cmd: 'node scripts/build.mjs', needs: 'widget/src' },
  { name: 'budgets', cmd: 'node scripts/check-budgets.mjs', needs: 'scripts/check-budgets.mjs' },
  { name: 'widget (Chromium)', cmd: 'npx wtr --config test/widget/web-test-runner.config.mjs', needs: 'test/widget' },
  { name: 'extension', cmd: 'npx vitest run --project extension', needs: 'test/extension' },
  { name: 'end-to-end (Chromium)', cmd: 'npx vitest run --project e2e', needs: 'test/e2e' },
  {
    name: 'widget package (npm pack, React app, plain page)',
    cmd: 'npx vitest run --project package',
    needs: 'test/package',
  },
  { name: 'end-to-end (Firefox ESR)', cmd: 'npx vitest run --project e2e-firefox', needs: 'test/e2e/firefox' },
];

// `node scripts/test.mjs core` runs only the steps whose name starts with the argument.
const only = process.argv[2];
let ran = 0;
for (const step of steps) {
  if (step.needs && !existsSync(step.needs)) continue;
  if (only && !step.name.startsWith(only)) continue;
  console.log(`\n▶ ${step.name}: ${step.cmd}`);
  const started = Date.now();
  const result = spawnSync(step.cmd, { shell: true, stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${step.name} failed (${seconds} s)`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${step.name} (${seconds} s)`);
  ran++;
}
console.log(`\nAll ${ran} test steps passed.`);
console.log(`steps: ${ran} passed, 0 failed`);
