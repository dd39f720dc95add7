import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// One vitest configuration, one project per part of the product; `npm test` runs them in order.
export default defineConfig({
  test: {
    projects: [
      // Property tests run thousands of cases: on a loaded 2-core machine one took 4.9 s of the default 5 s.
      {
        test: { name: 'core', include: ['test/core/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          // NETSCOUT_TEST_STORE=postgres: the same suite on a throwaway PostgreSQL cluster.
          globalSetup: ['test/server/_lib/global-setup.ts'],
          setupFiles: ['test/server/_lib/store-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The extension's logic with WXT's fake browser (the plugin applies to this project only).
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['test/extension/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The built extension in Debian's Chromium against the real server.
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: ['test/e2e/firefox/**'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
      // The npm package as a partner installs it: packed, installed into a Vite + React app and a plain page.
      {
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      // The built Firefox add-on in Debian's Firefox ESR (WebDriver BiDi) against the real server, and
      // addons-linter on it.
      {
        test: {
          name: 'e2e-firefox',
          include: ['test/e2e/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
