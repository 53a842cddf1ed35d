import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web client is served by the API server from `dist` in production; in development the
// Vite server forwards `/api` to the API server on port 3000.
export default defineConfig({
  plugins: [react()],
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
