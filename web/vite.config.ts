import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = fileURLToPath(new URL('..', import.meta.url));

// The server the dev server forwards API calls to (`npx hutong serve` listens on 8080 by default).
const apiTarget = 'http://127.0.0.1:8080';

// A build is a production build whatever NODE_ENV its caller runs under. Vite derives both
// from NODE_ENV, and Vitest sets it to `test`: a build started from a test (the browser tests'
// global setup) would bundle React's development build and emit development JSX.
const productionBuild = {
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { development: false } },
};

export default defineConfig(({ command }) => ({
  root: webDir,
  plugins: [react()],
  ...(command === 'build' ? productionBuild : {}),
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // hls.js alone is ~580 kB: a chunk of its own, loaded only where HTTP-FLV cannot play.
    // Every chunk of our own code stays far below this.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // embed.js (the <hutong-live> element) is a second entry, at a fixed name other sites link to:
      // it imports nothing, so it is a file of its own, and a few kB.
      input: { main: `${webDir}index.html`, embed: `${webDir}src/embed/hutong-live.ts` },
      output: { entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, ws: true },
      '/healthz': apiTarget,
    },
    // The web app imports the shared schemas from ../src/contracts, outside web/.
    fs: { allow: [repoDir] },
  },
}));
