import { useQuery } from '@tanstack/react-query';
import { createContext, use, useEffect, type ReactNode } from 'react';
import i18n, { currentLanguage, rememberLanguage } from '../../i18n/index.ts';
import type { Role, SessionUser } from '../../app/types.ts';
import { fetchSession, sessionKey } from './auth.api.ts';
import { isApiError } from '../../app/api.ts';
import type { SessionResponse } from '../../app/types.ts';

/**
 * Offline (the live meeting screen in a hall without signal): the last known user is kept on
 * this device, so a reload without a connection still opens the app. It has no CSRF token, so
 * nothing is written until the session is fetched again when the connection returns. A 401
 * still logs out, and logging out forgets it.
 */
const LAST_USER_KEY = 'esep.lastUser';

function lastKnownUser(): SessionResponse['user'] | null {
  try {
    const saved = window.localStorage.getItem(LAST_USER_KEY);
    return saved ? (JSON.parse(saved) as SessionResponse['user']) : null;
  } catch {
    return null;
  }
}

function keepLastUser(user: SessionResponse['user'] | null): void {
  try {
    if (user) window.localStorage.setItem(LAST_USER_KEY, JSON.stringify(user));
    else window.localStorage.removeItem(LAST_USER_KEY);
  } catch {
    // Storage may be disabled: then a reload offline shows the connection error.
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
      void import('../live/outbox.ts').then((outbox) => outbox.forgetSession()).catch(() => undefined);
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

/** The logged-in user's saved language wins over the one chosen on this device. */
function useUserLanguage(user: SessionUser): void {
  useEffect(() => {
    if (user.locale !== currentLanguage()) void i18n.changeLanguage(user.locale);
    rememberLanguage(user.locale);
  }, [user.locale]);
}

export function UserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  useUserLanguage(user);
  return <UserContext value={user}>{children}</UserContext>;
}

export function hasRole(user: SessionUser, roles: readonly Role[] | 'all'): boolean {
  return roles === 'all' || roles.includes(user.role);
}
