import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { buildLoader, chunkFileNames } from './build-shared.js';

// The npm package `@netscout/support-widget` (widget/package.json), built into widget/dist: the same sources
// as dist/widget, with entries a bundler imports. Everything the element needs (lit, zod, luxon, idb, the
// policy core) is bundled, so a partner installs one package with no dependency to resolve or to match
// versions with; React stays the partner's (external, an optional peer). The lazy parts and the words of
// each language stay chunks, fetched by dynamic import as in dist/widget.
const out = 'widget/dist';

/** After the entries: the loader as one self-contained file, the types, and the Custom Elements Manifest. */
function packageExtras(): Plugin {
  return {
    name: 'netscout-package-extras',
    apply: 'build',
    async closeBundle() {
      await buildLoader(out);
      const types = spawnSync('npx tsc -p widget/tsconfig.package.json', { shell: true, stdio: 'inherit' });
      if (types.status !== 0) throw new Error('the package types: tsc failed');
      mkdirSync(out, { recursive: true });
      cpSync('custom-elements.json', `${out}/custom-elements.json`);
    },
  };
}

export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: out,
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        'netscout-support': 'widget/src/netscout-support.ts',
        index: 'widget/src/index.ts',
        react: 'widget/src/react.ts',
      },
      external: ['react'],
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames,
      },
    },
  },
  plugins: [packageExtras()],
});
