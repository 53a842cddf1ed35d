/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import { ASSETS_CACHE } from './pwa.cache.ts';

/**
 * Registers the service worker that keeps the app for offline use (see vite.config.ts): called
 * by the signed-in frame, so the login page downloads nothing in the background. A new version
 * activates by itself (autoUpdate); entries typed on the live screen are in IndexedDB, so the
 * reload it brings loses nothing that was submitted.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
  // The worker keeps what is fetched once it controls the page; what this page loaded before
  // (the frame, the page first opened and its strings) is added to its cache from here.
  void navigator.serviceWorker.ready.then(keepLoadedCode).catch(() => undefined);
  navigator.serviceWorker.addEventListener('controllerchange', () => void keepLoadedCode().catch(() => undefined));
}

/** The app's scripts and styles this page has loaded, into the worker's cache (from the browser's HTTP cache). */
async function keepLoadedCode(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const urls = performance.getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === window.location.origin && /^\/assets\/[^/]+\.(?:js|css)$/.test(url.pathname))
    .map((url) => url.href);
  const cache = await caches.open(ASSETS_CACHE);
  await Promise.all([...new Set(urls)].map(async (url) => {
    if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
  }));
}
