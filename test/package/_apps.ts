import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Installs the packed tarball into `dir` as a partner would (`npm install <tarball>`). Only the package is
 * installed (it has no dependencies; React is an optional peer): `--prefer-offline` lets npm use its cache.
 */
export function installTarball(dir: string, tarball: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: path.basename(dir), private: true }));
  execFileSync(
    'npm',
    ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'],
    { cwd: dir, stdio: 'pipe' },
  );
}

/** A plain HTML page: the loader from node_modules, an "Assistance" link and the element. */
export function plainPage(dir: string, api: string, token: string): void {
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner portal</title>
<script type="module" src="./node_modules/@netscout/support-widget/dist/loader.js"></script></head>
<body><h1>Partner portal</h1><a href="#help" data-netscout-support>Assistance</a>
<netscout-support service="onetouchat" api-base="${api}" token="${token}" locale="en"></netscout-support>
</body></html>`,
  );
}

/**
 * A Vite + React app in TypeScript that renders the React component with typed event props; `tsc` checks
 * that `onIncidentSubmitted`'s detail and `onOpen` are typed, the build checks that Vite bundles it.
 */
export function reactApp(dir: string): void {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner app</title></head>
<body><div id="root"></div><script type="module" src="./src/main.tsx"></script></body></html>`,
  );
  writeFileSync(
    path.join(dir, 'src/main.tsx'),
    `import { NetscoutSupport } from '@netscout/support-widget/react';
import type { IncidentSubmittedDetail } from '@netscout/support-widget/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const params = new URLSearchParams(location.search);

function App() {
  const [opened, setOpened] = useState(0);
  const [lastCase, setLastCase] = useState<IncidentSubmittedDetail['caseNumber']>('');
  return (
    <main>
      <p data-testid="opened">{opened}</p>
      <p data-testid="last-case">{lastCase}</p>
      <NetscoutSupport
        service="onetouchat"
        apiBase={params.get('api') ?? ''}
        token={params.get('token') ?? undefined}
        locale="en"
        onOpen={(event: CustomEvent<Record<string, never>>) => setOpened((n) => n + (event.type === 'netscout-open' ? 1 : 0))}
        onIncidentSubmitted={(event) => setLastCase(event.detail.caseNumber)}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
`,
  );
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      include: ['src'],
    }),
  );
}
