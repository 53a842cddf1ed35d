import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export type Preloadable<P> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts loading the component's code; safe to call often and to ignore the result. */
  preload: () => void;
};

/**
 * A component whose code is a chunk of its own, loaded on first render or earlier through
 * `preload()` (when the user is likely to go there next). A failed download is not cached, so
 * a later attempt tries again.
 */
export function lazyComponent<M, P extends object>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType<P>,
): Preloadable<P> {
  let pending: Promise<{ default: ComponentType<P> }> | undefined;
  const loader = () => {
    pending ??= load().then((module) => ({ default: pick(module) }), (error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
  return Object.assign(lazy(loader), { preload: () => void loader().catch(() => undefined) });
}

/** An error from downloading a chunk (a lost connection, or a new version was deployed). */
export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /dynamically imported module|Importing a module script failed|error loading dynamically|Unable to preload CSS|module script/i
    .test(error.message) || error.name === 'ChunkLoadError';
}
