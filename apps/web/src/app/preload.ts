import { loadSignedInStrings } from '../i18n/index.ts';
import { lazyComponent } from './lazy.ts';

/**
 * The signed-in part of the app (./signed-in.tsx): the frame, the routes and the pages' loaders,
 * with the strings of the signed-in pages. The login page downloads none of it.
 */
export const signedIn = lazyComponent(
  () => Promise.all([import('./signed-in.tsx'), loadSignedInStrings()]).then(([module]) => module),
  (module) => module.SignedInRoutes,
);

/**
 * Starts loading the code of the page at `pathname` (and the frame around it) before React gets
 * there, so the chunks download alongside the session check instead of one after another.
 */
export function preloadPath(pathname: string): void {
  if (pathname.startsWith('/login')) return;
  signedIn.preload();
  void import('./signed-in.tsx').then((module) => module.preloadPage(pathname)).catch(() => undefined);
}
