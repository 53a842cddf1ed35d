import './app/styles.ts';
import './app/app.css';
import './i18n/index.ts';
import { StrictMode } from 'react';
import { config as zodConfig } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { preloadPath } from './app/pages.ts';
import { registerServiceWorker } from './features/live/pwa.ts';

// The shared zod schemas validate forms here too. Zod's fast path compiles code with
// `new Function`, which the app's Content-Security-Policy forbids (no 'unsafe-eval'); probing
// for it would log a policy violation, so the plain interpreter is used from the start.
zodConfig({ jitless: true });

// The code of the page being opened downloads while the session is checked.
preloadPath(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(<StrictMode><App /></StrictMode>);

// The app shell for offline use (the live meeting screen).
registerServiceWorker();
