import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The web client is served by the API server from `dist` in production; in development the
// Vite server forwards `/api` to the API server on port 3000.
export default defineConfig({
  plugins: [
    react(),
    // The live meeting screen works in village halls without signal: a service worker keeps the
    // app shell and every page chunk, so a reload offline still opens the app. Data is not
    // cached here (no runtime caching of /api/): the live screen keeps it in IndexedDB.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // Registered in src/main.tsx through `virtual:pwa-register`.
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
        navigateFallback: '/index.html',
        // The API and the server-rendered public pages (self-registration by QR code, protocol
        // verification by the QR code on the PDF) are never answered with the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/m\//, /^\/v\//],
        runtimeCaching: [],
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
            { name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|react-router|i18next|react-i18next|@tanstack)[\\/]/ },
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
