#!/usr/bin/env node
// `npm run build`: every artefact of the product under dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  // The extension's shared words come from the client catalog (see scripts/locales.mjs).
  { name: 'extension _locales from client/messages', cmd: 'node scripts/locales.mjs' },
  { name: 'widget', cmd: 'npx vite build --config widget/vite.config.ts', needs: 'widget/vite.config.ts' },
  // The npm package @netscout/support-widget (widget/dist), after the widget: it ships its custom-elements.json.
  {
    name: 'widget package',
    cmd: 'npx vite build --config widget/vite.package.config.ts',
    needs: 'widget/vite.package.config.ts',
  },
  { name: 'extension (Chrome MV3)', cmd: 'npx wxt build -b chrome' },
  { name: 'extension (Firefox)', cmd: 'npx wxt build -b firefox' },
];

for (const step of steps) {
  if (step.needs && !existsSync(step.needs)) continue;
  console.log(`▶ build ${step.name}`);
  const result = spawnSync(step.cmd, { shell: true, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
