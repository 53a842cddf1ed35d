import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { ASSETS_CACHE } from './src/features/live/pwa.cache.ts';
import { offlineShell, precompress } from './vite.plugins.ts';

const shell = offlineShell([
  /[\\/]src[\\/]app[\\/]signed-in\.tsx$/,
  /[\\/]src[\\/]features[\\/]meetings[\\/]MeetingPage\.tsx$/,
  /[\\/]src[\\/]features[\\/]live[\\/](LivePage\.tsx|outbox\.ts|pwa\.ts)$/,
  /[\\/]src[\\/]i18n[\\/]locales[\\/](login|signed-in)\.(kk|ru|en)\.ts$/,
]);

export default defineConfig({
  plugins: [
    react(),
    precompress(),
    shell.plugin,
    // The live meeting screen works in village halls without signal: a service worker keeps the
    // app shell and the code of the meeting and live screens, so a reload offline still opens
    // them; every other page is kept once it has been opened. It is registered after login
    // (src/app/layout/AppLayout.tsx): the login page downloads nothing in the background
    // (issue 14, item 13). Data is not cached here (no runtime caching of /api/): the live screen
    // keeps it in IndexedDB.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // Registered in src/features/live/pwa.ts through `virtual:pwa-register`.
      injectRegister: false,
      includeAssets: ['icon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Esep',
        short_name: 'Esep',
        description: 'Есеп: учаскелік полиция инспекторларының тұрғындар алдындағы есепті кездесулері',
        lang: 'kk',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        // The theme's primary colour (blue, shade 9).
        theme_color: '#1864ab',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff,woff2,webmanifest}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        manifestTransforms: [async (entries) => ({ manifest: entries.filter((entry) => shell.keep(entry.url)), warnings: [] })],
        navigateFallback: '/index.html',
        // The API and the server-rendered public pages (self-registration by QR code, protocol
        // verification by the QR code on the PDF) are never answered with the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/m\//, /^\/v\//],
        // The code of the other pages, kept as they are opened (file names carry their content's
        // hash, so a kept file is never stale); src/features/live/pwa.ts adds the files loaded
        // before the worker took control of the page.
        runtimeCaching: [{
          urlPattern: /\/assets\/[^/]+\.(?:js|css)$/,
          handler: 'CacheFirst',
          options: { cacheName: ASSETS_CACHE, expiration: { maxEntries: 400, maxAgeSeconds: 90 * 24 * 3600 } },
        }],
        cleanupOutdatedCaches: true,
        // The first visit is already served by it (a meeting may begin right after), and a
        // new version takes over at once (autoUpdate).
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Every page is a chunk of its own (see src/app/pages.ts). The libraries every screen needs
    // from the first paint go together in one `vendor` chunk, which keeps its name (and so its
    // place in the browser's cache) across releases that change only the app's code.
    rolldownOptions: {
      // The shared domain package (rules, roles) is plain definitions: only what the web
      // client uses of it is bundled.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]domain[\\/]/.test(id) },
      output: {
        codeSplitting: {
          groups: [
            // Not the parts of TanStack Query that only some pages use (several queries at once,
            // infinite lists): the login page downloads this chunk (issue 14, item 13).
            {
              name: 'vendor',
              test: (id: string) => /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next|@tanstack)[\\/]/.test(id)
                && !/[\\/](queriesObserver|useQueries|infiniteQueryObserver|useInfiniteQuery)\.js$/.test(id),
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
