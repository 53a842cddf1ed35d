/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker that keeps the app shell for offline use (see vite.config.ts).
 * A new version activates by itself (autoUpdate); entries typed on the live screen are in
 * IndexedDB, so the reload it brings loses nothing that was submitted.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
