import { useQuery } from '@tanstack/react-query';
import { createContext, use, useEffect, type ReactNode } from 'react';
import { applyLanguage } from '../../i18n/index.ts';
import type { Role, SessionUser } from '../../app/types.ts';
import { fetchSession, sessionKey } from './auth.api.ts';
import { isApiError } from '../../app/api.ts';
import type { SessionResponse } from '../../app/types.ts';
import { keepLastUser, lastKnownUser } from './last-user.ts';

/**
 * Whether this device keeps anything of the live screen (its IndexedDB database): the login page
 * then need not download the database code (Dexie) only to find nothing to forget. Browsers
 * that cannot list their databases load it, as before.
 */
async function hasLiveData(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((db) => db.name === 'esep-live');
  } catch {
    return true;
  }
}

async function sessionOrLastKnown(): Promise<SessionResponse | null> {
  try {
    return await fetchSession();
  } catch (error) {
    const user = isApiError(error, 0) ? lastKnownUser() : null;
    if (user) return { user, csrfToken: '' };
    throw error;
  }
}

export function useSessionQuery() {
  const query = useQuery({
    queryKey: sessionKey,
    queryFn: sessionOrLastKnown,
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    networkMode: 'always',
  });
  const offlineSession = query.data?.csrfToken === '';
  const { refetch } = query;
  useEffect(() => {
    // Logged in (also through the login page, which sets the session directly), or logged out.
    if (query.data === null) {
      keepLastUser(null);
      // Personal data of residents saved for offline use does not outlive the session, nor does
      // the key that opens the user's unsent entries (they stay sealed for his next login).
      void hasLiveData().then((kept) => (kept ? import('../live/outbox.ts').then((outbox) => outbox.forgetSession()) : undefined))
        .catch(() => undefined);
    } else if (query.data && !offlineSession) {
      keepLastUser(query.data.user);
      const userId = query.data.user.id;
      // Another user's key never stays on the device beside this user's.
      void import('../live/outbox.ts').then((outbox) => outbox.keepOnlyKeyOf(userId)).catch(() => undefined);
    }
  }, [query.data, offlineSession]);
  useEffect(() => {
    if (!offlineSession) return;
    const again = () => void refetch();
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [offlineSession, refetch]);
  return query;
}

const UserContext = createContext<SessionUser | null>(null);

/** The logged-in user; only inside pages behind `RequireAuth`. */
export function useCurrentUser(): SessionUser {
  const user = use(UserContext);
  if (!user) throw new Error('useCurrentUser outside of an authenticated page');
  return user;
}

/**
 * Once logged in: a language chosen in this browser stays; without one, the account's saved
 * language is shown (the rule is in i18n/language.ts).
 */
function useUserLanguage(user: SessionUser): void {
  useEffect(() => applyLanguage(user.locale), [user.locale]);
}

export function UserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  useUserLanguage(user);
  return <UserContext value={user}>{children}</UserContext>;
}

export function hasRole(user: SessionUser, roles: readonly Role[] | 'all'): boolean {
  return roles === 'all' || roles.includes(user.role);
}
