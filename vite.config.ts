import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The tab: built into dist/tab, which the server serves at `/` (with an SPA fallback to index.html).
export default defineConfig({
  root: fileURLToPath(new URL('./src/tab', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/tab', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Fluent UI and teams-js together are larger than Vite's default warning threshold.
    chunkSizeWarningLimit: 1500,
  },
});
