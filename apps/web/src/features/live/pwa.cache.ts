/** The service worker's cache of pages' code opened after install (vite.config.ts, ./pwa.ts). */
export const ASSETS_CACHE = 'esep-assets';
