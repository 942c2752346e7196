import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `.br` and `.gz` beside every text file of the build (over 1 KB), at the highest levels:
 * the server sends them as they are (express-static-gzip), so no request pays for compressing.
 */
function precompress(): Plugin {
  return {
    name: 'flipside-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = options.dir!;
      const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f));
      for (const file of files) {
        const bytes = readFileSync(join(dir, file));
        if (bytes.length < 1024) continue;
        writeFileSync(join(dir, `${file}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        writeFileSync(join(dir, `${file}.gz`), gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The tab: built into dist/tab, which the server serves at `/` (with an SPA fallback to index.html).
export default defineConfig({
  root: fileURLToPath(new URL('./src/tab', import.meta.url)),
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/tab', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // A browser without <link rel="modulepreload"> only skips the hint (the imports load the same
    // modules), and the hosts the tab runs in have it: no polyfill, a script less on every page.
    modulePreload: { polyfill: false },
    // Pages load on demand (src/tab/pages/lazy.ts); Fluent UI is still the shell's largest part.
    chunkSizeWarningLimit: 800,
    // The consent popup's last page (served at /auth/consent/end) is a page of its own: teams-js only.
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./src/tab/index.html', import.meta.url)),
        'consent-end': fileURLToPath(new URL('./src/tab/consent-end.html', import.meta.url)),
      },
    },
  },
});
