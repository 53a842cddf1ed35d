import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';

type Mark = (key: string, dirty: boolean) => void;
const DirtyContext = createContext<Mark>(() => undefined);

/**
 * Keeps track of the editors and note fields with unsaved changes on the page, and while there
 * are any, warns before the page is left: closing or reloading the tab (the browser's own
 * question) and following a link inside the app (the app uses a declarative router, which
 * cannot block navigation, so a link click is intercepted before the router sees it).
 */
export function UnsavedChanges({ message, children }: { message: string; children: ReactNode }) {
  const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set());
  const mark = useCallback<Mark>((key, isDirty) => {
    setDirty((current) => {
      if (current.has(key) === isDirty) return current;
      const next = new Set(current);
      if (isDirty) next.add(key); else next.delete(key);
      return next;
    });
  }, []);
  useLeaveWarning(dirty.size > 0, message);
  return <DirtyContext value={mark}>{children}</DirtyContext>;
}

/** A setter reporting whether the part named `key` has unsaved changes. */
export function useDirtyMark(key: string): (dirty: boolean) => void {
  const mark = use(DirtyContext);
  const set = useMemo(() => (dirty: boolean) => mark(key, dirty), [mark, key]);
  useEffect(() => () => mark(key, false), [mark, key]);
  return set;
}

export function useLeaveWarning(active: boolean, message: string): void {
  useEffect(() => {
    if (!active) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the question only when returnValue is set.
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(target instanceof HTMLAnchorElement) || target.target === '_blank' || target.hasAttribute('download')) return;
      const url = new URL(target.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [active, message]);
}
