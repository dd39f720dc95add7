import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { buildLoader, chunkFileNames } from './build-shared.js';

const out = 'dist/widget';

/**
 * After the element's bundle: the loader as its own self-contained file (no chunk shared with the
 * element, so a host page makes one small request up front), the legacy polyfill loader, and the Custom
 * Elements Manifest.
 */
function widgetExtras(): Plugin {
  return {
    name: 'netscout-widget-extras',
    apply: 'build',
    async closeBundle() {
      await buildLoader(out);
      mkdirSync(`${out}/legacy`, { recursive: true });
      cpSync(
        'node_modules/@webcomponents/webcomponentsjs/webcomponents-loader.js',
        `${out}/legacy/webcomponents-loader.js`,
      );
      cpSync('node_modules/@webcomponents/webcomponentsjs/bundles', `${out}/legacy/bundles`, { recursive: true });
      const cem = spawnSync(
        'npx cem analyze --litelement --globs "widget/src/**/*.ts" --exclude "widget/src/**/*.d.ts" --outdir . --quiet',
        { shell: true, stdio: 'inherit' },
      );
      if (cem.status !== 0) throw new Error('custom-elements.json: the analyzer failed');
      cpSync('custom-elements.json', `${out}/custom-elements.json`);
    },
  };
}

// App build (not "lib" mode: it skips whitespace minification). netscout-support.js is the element with
// its dependencies; Braintree's Drop-in is only reached by a dynamic import, so it is a lazy chunk.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: out,
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    manifest: true,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: { 'netscout-support': 'widget/src/netscout-support.ts' },
      preserveEntrySignatures: 'allow-extension',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames,
      },
    },
  },
  plugins: [widgetExtras()],
});
