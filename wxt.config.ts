import { defineConfig } from 'wxt';

// The extension sources live in extension/; builds go to dist/<browser>-mv<version>/.
export default defineConfig({
  srcDir: 'extension',
  outDir: 'dist',
  manifest: {
    name: 'NetScout Support',
    description: 'Support for OneTouchAT.com and LinkSprinter.com: open incidents and follow your cases.',
    permissions: ['storage', 'alarms', 'notifications'],
  },
});
