// Builds the dashboard into dashboard/dist, served by the Switchboard server at /. Everything is bundled: the page
// loads nothing from another origin (no CDN, no web fonts), so it works offline and under a strict CSP.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script; every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:dashboard` proxies API calls to a running Switchboard (npm run demo) on port 8080.
    proxy: Object.fromEntries(['/integrations', '/integrated-account', '/log', '/mcp', '/proxy', '/health', '/ready'].map((path) => [path, process.env.SWITCHBOARD_URL ?? 'http://localhost:8080'])),
  },
});
