import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The sandbox chat view: built into dist/chat, which the sandbox serves at /sandbox/chat/.
export default defineConfig({
  root: fileURLToPath(new URL('./src/sandbox/chat', import.meta.url)),
  base: '/sandbox/chat/',
  build: {
    outDir: fileURLToPath(new URL('./dist/chat', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // The adaptivecards renderer is one large module.
    chunkSizeWarningLimit: 1000,
  },
});
