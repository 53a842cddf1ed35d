import './app/styles.ts';
import './app/app.css';
import { i18nReady } from './i18n/index.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { preloadPath } from './app/preload.ts';

// The code of the page being opened downloads while the session is checked.
preloadPath(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
// The first screen renders once its language's strings have arrived (one small chunk).
void i18nReady.then(() => createRoot(root).render(<StrictMode><App /></StrictMode>));
