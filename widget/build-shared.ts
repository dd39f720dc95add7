import { build, type Rolldown } from 'vite';

/**
 * Builds the loader into `out` as one self-contained file (`loader.js`: no chunk shared with the element, so
 * a host page makes one small request up front). Both dist/widget and the npm package ship it.
 */
export async function buildLoader(out: string): Promise<void> {
  await build({
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: out,
      emptyOutDir: false,
      target: 'es2022',
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: {
        input: { loader: 'widget/src/loader.ts' },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
}

/** The loader preloads the customer's language by name, like the element itself: no hash in either. */
export function chunkFileNames(chunk: Rolldown.PreRenderedChunk): string {
  return /\/widget\/src\/i18n\/(en|fr)\.ts$/.test(chunk.facadeModuleId ?? '')
    ? 'chunks/messages.[name].js'
    : 'chunks/[name]-[hash].js';
}
