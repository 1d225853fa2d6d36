/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const api = 'http://localhost:3000';
const proxy = {
  '/graphql': { target: api, changeOrigin: false, ws: true },
  '/api': { target: api, changeOrigin: false },
  // The public portal is rendered by the API.
  '/portal': { target: api, changeOrigin: false },
  '/sitemap.xml': { target: api, changeOrigin: false },
};

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      // The shared domain logic is consumed from source: no build step, one truth.
      '@zipin/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each route loads (bench/client-size.bench.mjs reads it).
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    restoreMocks: true,
  },
});
