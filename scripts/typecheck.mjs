#!/usr/bin/env node
// `npm run typecheck`: one tsconfig per runtime, so code cannot use an API its runtime lacks (core: plain
// ES; widget and client: DOM; extension: DOM and WXT; server and scripts: Node; tests: all of them).
// The projects run side by side: each is a separate `tsc` and most of their time is waiting on one core.
import { spawn } from 'node:child_process';

const projects = [
  'tsconfig.core.json',
  'tsconfig.web.json',
  'tsconfig.extension.json',
  'tsconfig.node.json',
  'tsconfig.json',
];

const results = await Promise.all(
  projects.map(
    (project) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', project]);
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
        });
        child.stderr.on('data', (chunk) => {
          output += chunk;
        });
        child.on('close', (code) => resolve({ project, code, output }));
      }),
  ),
);

let failed = false;
for (const { project, code, output } of results) {
  if (code === 0) continue;
  failed = true;
  process.stderr.write(`✖ ${project}\n${output}`);
}
process.exit(failed ? 1 : 0);
